import { Text, View } from '@tarojs/components';
import { useI18n, type MessageKey } from '../../../../../i18n';
import './index.scss';

export interface StarRatingProps {
  value: number;
  onChange: (stars: number) => void;
}

const STARS = [1, 2, 3, 4, 5];

/** 1–5 stars, big enough for a thumb, with the meaning of the chosen one in words. */
export function StarRating({ value, onChange }: StarRatingProps) {
  const { t } = useI18n();
  return (
    <View className='k-stars'>
      <View className='k-stars__row' role='radiogroup' aria-label={t('rating.starsLabel')}>
        {STARS.map((n) => (
          <View
            key={n}
            className={`k-stars__star${n <= value ? ' k-stars__star--on' : ''}`}
            role='radio'
            aria-checked={n === value}
            aria-label={t('rating.starsAria', { n })}
            data-stars={n}
            onClick={() => onChange(n)}
          />
        ))}
      </View>
      <Text className='k-stars__meaning'>{value ? t(`rating.star.${value}` as MessageKey) : t('rating.tapStars')}</Text>
    </View>
  );
}

export default StarRating;
