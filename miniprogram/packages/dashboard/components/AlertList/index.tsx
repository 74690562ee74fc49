import { Text, View } from '@tarojs/components';
import type { Overview } from '@shared/stats/overview';
import './index.scss';

export interface AlertListProps {
  alerts: Overview['alerts'];
  /** Beyond this many, one line says how many more (the rest are the same kind of news). */
  max?: number;
}

const KIND: Record<Overview['alerts'][number]['kind'], string> = { breach: '超时', category_spike: '类别激增', batch_cluster: '批次聚集' };

/** What needs a decision today: open breaches, batch clusters, a category up ≥ 30 % on the previous period. */
export function AlertList({ alerts, max = 6 }: AlertListProps) {
  return (
    <View className='k-alerts' id='dashboard-alerts'>
      {alerts.length === 0 ? (
        <Text className='k-alerts__none'>暂无预警</Text>
      ) : (
        alerts.slice(0, max).map((a, i) => (
          <View key={i} className={`k-alerts__item k-alerts__item--${a.severity}`} data-kind={a.kind}>
            <Text className='k-alerts__kind'>{KIND[a.kind]}</Text>
            <Text className='k-alerts__msg'>{a.message}</Text>
          </View>
        ))
      )}
      {alerts.length > max && <Text className='k-alerts__more'>另有 {alerts.length - max} 条预警</Text>}
    </View>
  );
}

export default AlertList;
