import { Text, View } from '@tarojs/components';
import type { SceneOutput } from '@shared/api/functions/complaint';
import { InfoList } from '../../../../components/InfoList';
import { SpiceMeter } from '../../../../components/SpiceMeter';
import { useI18n, type MessageKey } from '../../../../i18n';
import { formatCalendarDate } from '../../../../utils/time';
import './index.scss';

type PackageScene = Extract<SceneOutput, { kind: 'package' }>;

export interface PackageCardProps {
  scanned: PackageScene;
  className?: string;
}

/** The contract has no product picture yet: a seal with the product's first character stands in for it. */
function ProductPicture({ name }: { name: string }) {
  return (
    <View className='k-package__picture' aria-hidden>
      <Text className='k-package__picture-char'>{name.slice(0, 1)}</Text>
      <View className='k-package__picture-steam' />
    </View>
  );
}

/** What a package QR code points at: the product, its heat, and the batch facts a customer checks. */
export function PackageCard(props: PackageCardProps) {
  const { scanned, className = '' } = props;
  const { t, lang } = useI18n();
  const { product, batch } = scanned;
  const date = (d: string) => (lang === 'zh' ? formatCalendarDate(d) : d);
  return (
    <View className={`k-card k-package ${className}`} id='scanned-package' aria-label={t('scene.package.aria')}>
      <Text className='k-package__kicker'>{t('scene.package.kicker')}</Text>
      {batch.expired && (
        <View className='k-package__expired' role='alert' id='scanned-expired'>
          <Text className='k-package__expired-title'>{t('scene.package.expiredTitle')}</Text>
          <Text className='k-package__expired-text'>{t('scene.package.expiredText', { date: date(batch.expiryDate) })}</Text>
        </View>
      )}
      <View className='k-package__top'>
        <ProductPicture name={product.name} />
        <View className='k-package__names'>
          <View className='k-package__head'>
            <Text className='k-package__name'>{product.name}</Text>
            <Text className='k-package__spec'>{product.spec}</Text>
          </View>
          {product.tagline && <Text className='k-package__tagline'>{product.tagline}</Text>}
        </View>
      </View>
      <SpiceMeter
        className='k-package__spice'
        level={product.spiceLevel}
        note={product.spiceNote}
        label={t('spice.label')}
        levelNames={[1, 2, 3, 4, 5].map((n) => t(`spice.${n}` as MessageKey))}
      />
      <InfoList
        items={[
          { label: t('scene.package.batchNo'), value: <Text className='k-mono'>{batch.batchNo}</Text>, id: 'scanned-batch-no' },
          { label: t('scene.package.productionDate'), value: date(batch.productionDate), id: 'scanned-production-date' },
          {
            label: t('scene.package.expiryDate'),
            value: <Text className={batch.expired ? 'k-package__date--expired' : ''}>{date(batch.expiryDate)}</Text>,
          },
          { label: t('scene.package.factory'), value: batch.factory },
          { label: t('scene.package.storage'), value: t(`storage.${product.storage}` as MessageKey) },
        ]}
      />
    </View>
  );
}

export default PackageCard;
