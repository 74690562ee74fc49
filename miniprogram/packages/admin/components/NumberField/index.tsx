import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './index.scss';

export interface NumberFieldProps {
  label: string;
  /** The stored number (minutes, fen …). */
  value: number;
  /** Shown value = stored / scale (e.g. 60 shows minutes as hours, 100 shows fen as yuan). */
  scale: number;
  unit: string;
  /** Stored values are whole numbers (minutes, fen); off for factors and shares. */
  integer: boolean;
  error?: string;
  id: string;
  onChange: (value: number) => void;
}

const defaultProps = { scale: 1, unit: '', integer: true };

/** A labelled number in the unit people think in (hours, yuan), stored in the unit the rules use (minutes, fen). */
export function NumberField(props: Partial<NumberFieldProps> & Pick<NumberFieldProps, 'label' | 'value' | 'id' | 'onChange'>) {
  const { label, value, scale, unit, integer, error, id, onChange } = { ...defaultProps, ...props };
  const [text, setText] = useState(String(Math.round((value / scale) * 10000) / 10000));
  // Keep what is typed (`0.`) unless the stored value really changed from elsewhere.
  useEffect(() => setText((t) => (Number(t) * scale === value ? t : String(Math.round((value / scale) * 10000) / 10000))), [value, scale]);
  return (
    <View className={`k-numf${error ? ' k-numf--error' : ''}`} id={`field-${id}`}>
      <Text className='k-numf__label'>{label}</Text>
      <View className='k-numf__box'>
        <Input
          id={id}
          className='k-numf__input'
          type='digit'
          value={text}
          onInput={(e) => {
            setText(e.detail.value);
            const n = Number(e.detail.value);
            if (e.detail.value.trim() !== '' && Number.isFinite(n)) onChange(integer ? Math.round(n * scale) : Math.round(n * scale * 10000) / 10000);
          }}
        />
        <Text className='k-numf__unit'>{unit}</Text>
      </View>
      {error && <Text className='k-numf__error'>{error}</Text>}
    </View>
  );
}

export default NumberField;
