import { Text, View } from '@tarojs/components';
import type { SceneOutput } from '@shared/api/functions/complaint';
import { InfoList } from '../../../../components/InfoList';
import { useI18n } from '../../../../i18n';
import './index.scss';

type StoreScene = Extract<SceneOutput, { kind: 'store' }>;

export interface StoreCardProps {
  scanned: StoreScene;
  className?: string;
}

/** Stores keep either a full postal address or only the street part; show it once, complete. */
function fullAddress(store: StoreScene['store']): string {
  return store.address.includes(store.city) ? store.address : `${store.city}${store.district}${store.address}`;
}

/** What an in-store QR code points at. */
export function StoreCard(props: StoreCardProps) {
  const { scanned, className = '' } = props;
  const { t } = useI18n();
  const { store } = scanned;
  return (
    <View className={`k-card k-store ${className}`} id='scanned-store' aria-label={t('scene.store.aria')}>
      <Text className='k-store__kicker'>{t('scene.store.kicker')}</Text>
      <View className='k-store__top'>
        <View className='k-store__picture' aria-hidden />
        <Text className='k-store__name'>{store.name}</Text>
      </View>
      <InfoList
        items={[
          { label: t('scene.store.address'), value: fullAddress(store), id: 'scanned-store-address' },
          { label: t('scene.store.id'), value: <Text className='k-mono'>{store.storeId}</Text> },
        ]}
      />
    </View>
  );
}

export default StoreCard;
