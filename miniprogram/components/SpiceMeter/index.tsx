import { Text, View } from '@tarojs/components';
import './index.scss';

export interface SpiceMeterProps {
  /** 麻辣度 1–5. */
  level: number;
  /** The product's plain description of its heat. */
  note?: string;
  /** The words 麻辣度 and the five level names, for another language. */
  label: string;
  levelNames: readonly string[];
  className: string;
}

// The names the product descriptions of the 麻辣度参考库 use (1 = 不辣 … 5 = 特辣).
const LEVEL_NAMES = ['不辣', '微辣', '中辣', '重辣', '特辣'];

const defaultProps: SpiceMeterProps = { level: 1, label: '麻辣度', levelNames: LEVEL_NAMES, className: '' };
const MAX = 5;

/** 麻辣度 as five chilli marks, with its name and the product's note. */
export function SpiceMeter(props: Partial<SpiceMeterProps>) {
  const { level: raw, note, label, levelNames, className } = { ...defaultProps, ...props };
  const level = Math.min(MAX, Math.max(1, Math.round(raw)));
  return (
    <View className={`k-spice ${className}`} aria-label={`${label} ${level}/${MAX}，${levelNames[level - 1]}`}>
      <View className='k-spice__row'>
        <Text className='k-spice__label'>{label}</Text>
        <View className='k-spice__marks' aria-hidden>
          {Array.from({ length: MAX }, (_, i) => (
            <View key={i} className={`k-spice__mark${i < level ? ' k-spice__mark--on' : ''}`} />
          ))}
        </View>
        <Text className='k-spice__name'>{levelNames[level - 1]}</Text>
      </View>
      {note && <Text className='k-spice__note'>{note}</Text>}
    </View>
  );
}

export default SpiceMeter;
