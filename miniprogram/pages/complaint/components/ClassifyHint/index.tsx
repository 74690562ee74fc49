import type { ClassificationPreview } from '@shared/classifier/describe';
import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../../i18n';
import { categoryLabel } from '../../../../i18n/format';
import './index.scss';

export interface ClassifyHintProps {
  preview?: ClassificationPreview;
}

/** “看起来是：产品质量 · 异味，由质检部处理” under the description, and a food-safety note when it looks like one. */
export function ClassifyHint({ preview }: ClassifyHintProps) {
  const { t } = useI18n();
  if (!preview) return null;
  return (
    <View className={`k-classify${preview.foodSafety ? ' k-classify--urgent' : ''}`} id='classify-hint' aria-live='polite'>
      {preview.needsTriage ? (
        <Text className='k-classify__text'>{t('form.classify.unsure')}</Text>
      ) : (
        <Text className='k-classify__text'>
          {t('form.classify.guess', { issue: `${categoryLabel(t, preview.category)} · ${preview.subcategoryLabel}`, dept: preview.departmentLabel })}
        </Text>
      )}
      {preview.foodSafety && <Text className='k-classify__urgent'>{t('form.classify.foodSafety')}</Text>}
    </View>
  );
}

export default ClassifyHint;
