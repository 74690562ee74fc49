import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { incidentUrl } from '../../../../utils/staff-routes';
import './index.scss';

export interface IncidentBannerProps {
  incidentId: string;
  /** The ticket's level reason, `L1: 批次异常（批次 20261101 24 小时内 5 件投诉…）` (after `L1: 食品安全；` when both). */
  reason: string;
}

const defaults: Omit<IncidentBannerProps, 'incidentId'> = { reason: '' };

/** On a ticket linked to a batch surge: why it is L1, and the way to the incident with the batch's other tickets. */
export function IncidentBanner(props: IncidentBannerProps) {
  const { incidentId, reason } = { ...defaults, ...props };
  const detail = /批次异常（(.*)）$/.exec(reason)?.[1] ?? reason;
  return (
    <View className='k-incident-banner' id='ticket-incident-banner' onClick={() => void Taro.navigateTo({ url: incidentUrl(incidentId) })}>
      <Text className='k-incident-banner__tag'>批次异常</Text>
      <View className='k-incident-banner__body'>
        <Text className='k-incident-banner__text'>{detail}</Text>
        <Text className='k-incident-banner__link'>查看同批次工单与处理进度 ›</Text>
      </View>
    </View>
  );
}

export default IncidentBanner;
