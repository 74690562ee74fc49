import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../../../api';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../session';
import { INCIDENTS_PAGE, incidentUrl } from '../../../../utils/staff-routes';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface SurgeCardProps {
  /** At most this many incidents are listed; the link opens the rest. */
  max?: number;
}

/**
 * 批次异常 on the dashboard: the open batch-surge incidents, read on their own (`ticket.incidents`), so the card
 * does not depend on the overview's figures. Quiet when there are none; absent for those who may not see them.
 */
export function SurgeCard({ max = 5 }: SurgeCardProps) {
  const session = useSession();
  const { state } = useRemote(() => call('ticket', 'incidents', { status: 'active', limit: max }), [max, session.epoch]);
  if (state.status === 'error' && state.error.code === 'FORBIDDEN') return null;
  return (
    <View className='k-surge-card' id='dashboard-surges'>
      <View className='k-surge-card__head'>
        <Text className='k-surge-card__title'>批次异常</Text>
        <Text className='k-surge-card__more' onClick={() => void Taro.navigateTo({ url: INCIDENTS_PAGE })}>
          全部 ›
        </Text>
      </View>
      {state.status === 'loading' && <Text className='k-surge-card__none'>正在检查…</Text>}
      {state.status === 'error' && <Text className='k-surge-card__none'>批次异常加载失败：{state.error.message}</Text>}
      {state.status === 'ok' && !state.data.items.length && <Text className='k-surge-card__none'>没有未关闭的批次异常</Text>}
      {state.status === 'ok' &&
        state.data.items.map((i) => (
          <View key={i.incidentId} className='k-surge-card__item' data-incident={i.incidentId} onClick={() => void Taro.navigateTo({ url: incidentUrl(i.incidentId) })}>
            <View className='k-surge-card__item-head'>
              <Text className='k-surge-card__batch'>
                {i.productName ?? '商品'} · 批次 {i.batchNo ?? i.batchId}
              </Text>
              <Text className={`k-surge-card__status k-surge-card__status--${i.status}`}>{i.statusLabel}</Text>
            </View>
            <Text className='k-surge-card__reason'>{i.reason}</Text>
            <Text className='k-surge-card__meta'>
              {i.complaints} 张工单 · {formatShortDateTime(i.openedAt)}
            </Text>
          </View>
        ))}
    </View>
  );
}

export default SurgeCard;
