import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../../../i18n';
import './index.scss';

export interface NpsScaleProps {
  value?: number;
  onChange: (score: number | undefined) => void;
}

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** “How likely are you to recommend us?” 0–10 (NPS); optional, tap again to clear. */
export function NpsScale({ value, onChange }: NpsScaleProps) {
  const { t } = useI18n();
  return (
    <View className='k-nps'>
      <View className='k-nps__row' role='radiogroup' aria-label={t('rating.npsLabel')}>
        {SCORES.map((n) => (
          <View
            key={n}
            className={`k-nps__score${n === value ? ' k-nps__score--on' : ''}${n <= 6 ? ' k-nps__score--low' : n >= 9 ? ' k-nps__score--high' : ''}`}
            role='radio'
            aria-checked={n === value}
            aria-label={t('rating.npsAria', { n })}
            data-nps={n}
            onClick={() => onChange(n === value ? undefined : n)}
          >
            <Text>{n}</Text>
          </View>
        ))}
      </View>
      <View className='k-nps__ends' aria-hidden>
        <Text>{t('rating.npsLow')}</Text>
        <Text>{t('rating.npsHigh')}</Text>
      </View>
    </View>
  );
}

export default NpsScale;
