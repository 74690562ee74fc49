import { Text, View } from '@tarojs/components';
import type { SceneOutput } from '@shared/api/functions/complaint';
import { InfoList } from '../../../../components/InfoList';
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
  const { store } = scanned;
  return (
    <View className={`k-card k-store ${className}`} id='scanned-store' aria-label='扫码识别的门店'>
      <Text className='k-store__kicker'>您所在的门店</Text>
      <Text className='k-store__name'>{store.name}</Text>
      <InfoList
        items={[
          { label: '地址', value: fullAddress(store), id: 'scanned-store-address' },
          { label: '门店编号', value: <Text className='k-mono'>{store.storeId}</Text> },
        ]}
      />
    </View>
  );
}

export default StoreCard;
