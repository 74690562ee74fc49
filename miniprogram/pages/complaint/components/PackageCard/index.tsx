import { Text, View } from '@tarojs/components';
import type { SceneOutput } from '@shared/api/functions/complaint';
import { InfoList } from '../../../../components/InfoList';
import { SpiceMeter } from '../../../../components/SpiceMeter';
import { formatCalendarDate } from '../../../../utils/time';
import './index.scss';

type PackageScene = Extract<SceneOutput, { kind: 'package' }>;

export interface PackageCardProps {
  scanned: PackageScene;
  className?: string;
}

const STORAGE_LABELS: Record<PackageScene['product']['storage'], string> = {
  frozen: '冷冻保存（-18℃ 以下）',
  chilled: '冷藏保存（0–4℃）',
  ambient: '常温保存',
};

/** What a package QR code points at: the product, its heat, and the batch facts a customer checks. */
export function PackageCard(props: PackageCardProps) {
  const { scanned, className = '' } = props;
  const { product, batch } = scanned;
  return (
    <View className={`k-card k-package ${className}`} id='scanned-package' aria-label='扫码识别的产品'>
      <Text className='k-package__kicker'>您扫描的产品</Text>
      {batch.expired && (
        <View className='k-package__expired' role='alert' id='scanned-expired'>
          <Text className='k-package__expired-title'>该批次已超过保质期</Text>
          <Text className='k-package__expired-text'>
            保质期至 {formatCalendarDate(batch.expiryDate)}。请不要食用；如已食用后身体不适，请及时就医，并保留包装和购买凭证。
          </Text>
        </View>
      )}
      <View className='k-package__head'>
        <Text className='k-package__name'>{product.name}</Text>
        <Text className='k-package__spec'>{product.spec}</Text>
      </View>
      {product.tagline && <Text className='k-package__tagline'>{product.tagline}</Text>}
      <SpiceMeter className='k-package__spice' level={product.spiceLevel} note={product.spiceNote} />
      <InfoList
        items={[
          { label: '批次号', value: <Text className='k-mono'>{batch.batchNo}</Text>, id: 'scanned-batch-no' },
          { label: '生产日期', value: formatCalendarDate(batch.productionDate) },
          {
            label: '保质期至',
            value: <Text className={batch.expired ? 'k-package__date--expired' : ''}>{formatCalendarDate(batch.expiryDate)}</Text>,
          },
          { label: '生产工厂', value: batch.factory },
          { label: '储存方式', value: STORAGE_LABELS[product.storage] ?? product.storage },
        ]}
      />
    </View>
  );
}

export default PackageCard;
