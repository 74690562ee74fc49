import type { ComplaintView } from '@shared/api/functions/complaint';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../../../../components/ActionButton';
import { useI18n } from '../../../../../i18n';
import './index.scss';

export interface RatingSummaryProps {
  view: ComplaintView;
  onRate: () => void;
}

/** After resolution: the invitation to rate, or the rating already given (once per complaint). */
export function RatingSummary({ view, onRate }: RatingSummaryProps) {
  const { t } = useI18n();
  if (view.rating) {
    return (
      <View className='k-card k-rated' id='detail-rating'>
        <Text className='k-section-title'>{t('rating.yours')}</Text>
        <Text className='k-rated__stars' aria-label={t('rating.starsAria', { n: view.rating.stars })}>
          {'★'.repeat(view.rating.stars)}
          <Text className='k-rated__stars-off'>{'★'.repeat(5 - view.rating.stars)}</Text>
        </Text>
        {view.rating.nps !== undefined && <Text className='k-rated__nps'>{t('rating.npsGiven', { n: view.rating.nps })}</Text>}
        {view.rating.comment && <Text className='k-rated__comment'>“{view.rating.comment}”</Text>}
        <Text className='k-rated__thanks'>{t('rating.thanksShort')}</Text>
      </View>
    );
  }
  if (!view.canRate) return null;
  return (
    <View className='k-card k-rate-cta' id='detail-rate-cta'>
      <Text className='k-rate-cta__title'>{t('rating.ctaTitle')}</Text>
      <Text className='k-rate-cta__text'>{t('rating.ctaText')}</Text>
      <ActionButton id='detail-rate' className='k-rate-cta__button' onClick={onRate}>
        {t('rating.cta')}
      </ActionButton>
    </View>
  );
}

export default RatingSummary;
