import { Text, View } from '@tarojs/components';
import { temperatureChartLayout } from '@shared/coldchain/chart';
import { formatCelsius } from '@shared/coldchain/evidence';
import { call } from '../../../../api';
import { useRemote } from '../../../../hooks/useRemote';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface ColdChainCardProps {
  complaintId: string;
  /** The ticket is filed as a cold-chain break: the card shows even without a shipment, to say the data is missing. */
  coldChain: boolean;
}

const minutesText = (m: number) => (m < 1 && m > 0 ? '不到 1 分钟' : `${Math.round(m)} 分钟`);

/**
 * 冷链证据: the shipment's temperatures over the trip, drawn with plain views (dots for the readings, the threshold
 * as a dashed line, excursions shaded red, stretches without readings hatched), the minutes above the threshold,
 * the longest excursion, the tier the compensation rules suggest, and the state of the request to logistics.
 */
export function ColdChainCard({ complaintId, coldChain }: ColdChainCardProps) {
  const { state, reload } = useRemote(() => call('ticket', 'coldChain', { complaintId }), [complaintId]);
  if (state.status === 'ok' && !state.data.evidence && !coldChain) return null;
  const advice = state.status === 'ok' ? state.data : undefined;
  const e = advice?.evidence;
  const layout = e && e.curve.length ? temperatureChartLayout(e) : undefined;
  return (
    <View className='s-card k-cold' id='ticket-coldchain'>
      <Text className='s-title'>冷链证据{e ? `（${e.carrier} ${e.trackingNo}）` : ''}</Text>
      {state.status === 'loading' && <Text className='s-muted'>正在读取温度记录…</Text>}
      {state.status === 'error' && (
        <Text className='s-error' onClick={() => void reload()}>
          加载失败，点此重试：{state.error.message}
        </Text>
      )}
      {advice && !e && <Text className='s-muted'>{advice.orderNo ? `订单 ${advice.orderNo} 还没有运单和温度记录。` : '投诉没有关联订单，无法调取温度记录；请向顾客确认订单号。'}</Text>}
      {e && layout && (
        <View className='k-cold__chart' aria-label={`温度曲线，阈值 ${formatCelsius(e.thresholdCelsius)}`}>
          <View className='k-cold__axis'>
            <Text>{layout.yMax}°</Text>
            <Text>{layout.yMin}°</Text>
          </View>
          <View className='k-cold__plot'>
            {layout.gaps.map((g, i) => (
              <View key={`g${i}`} className='k-cold__gap' style={{ left: `${g.leftPct}%`, width: `${g.widthPct}%` }} />
            ))}
            {layout.excursions.map((x, i) => (
              <View key={`x${i}`} className='k-cold__band' data-minutes={x.minutes} style={{ left: `${x.leftPct}%`, width: `${x.widthPct}%` }} />
            ))}
            <View className='k-cold__threshold' style={{ bottom: `${layout.thresholdPct}%` }}>
              <Text className='k-cold__threshold-label'>{formatCelsius(e.thresholdCelsius)}</Text>
            </View>
            {layout.points.map((p) => (
              <View key={p.at} className={`k-cold__dot${p.over ? ' k-cold__dot--over' : ''}`} style={{ left: `${p.leftPct}%`, bottom: `${p.bottomPct}%` }} />
            ))}
          </View>
          <View className='k-cold__times'>
            <Text>{formatShortDateTime(e.dispatchedAt)} 发出</Text>
            <Text>{e.deliveredAt ? `${formatShortDateTime(e.deliveredAt)} 送达` : '运输中'}</Text>
          </View>
        </View>
      )}
      {e && (
        <View className='k-cold__facts' id='coldchain-facts'>
          <Text className={e.minutesAbove > 0 ? 'k-cold__fact k-cold__fact--bad' : 'k-cold__fact'}>
            {e.readingCount === 0 ? '没有温度读数' : e.minutesAbove > 0 ? `高于 ${formatCelsius(e.thresholdCelsius)} 共 ${minutesText(e.minutesAbove)}（${e.excursionCount} 次）` : `全程不高于 ${formatCelsius(e.thresholdCelsius)}`}
          </Text>
          {e.longest && (
            <Text className='k-cold__fact'>
              最长一次 {minutesText(e.longest.minutes)}（{formatShortDateTime(e.longest.start)} 起，最高 {formatCelsius(e.longest.peakCelsius)}）{e.longest.truncated ? '，在记录边缘，实际可能更长' : ''}
            </Text>
          )}
          {e.gaps.length > 0 && <Text className='k-cold__fact k-cold__fact--warn'>记录缺口 {e.gaps.length} 处，共 {minutesText(e.gaps.reduce((s, g) => s + g.minutes, 0))}：请人工核实</Text>}
          {e.suggestedTier && <Text className='k-cold__tier'>建议档位：{e.suggestedTier}</Text>}
        </View>
      )}
      {advice?.dataRequest && (
        <Text className='s-muted' id='coldchain-request'>
          {advice.dataRequest.status === 'open' ? `已自动请物流补充温度记录（${formatShortDateTime(advice.dataRequest.createdAt)}），数据到达后自动关闭。` : `物流已补充温度记录${advice.dataRequest.doneAt ? `（${formatShortDateTime(advice.dataRequest.doneAt)}）` : ''}。`}
        </Text>
      )}
      {advice && coldChain && <Text className='k-cold__customer'>顾客看到的说明：{advice.customerSummary}</Text>}
    </View>
  );
}

export default ColdChainCard;
