import { Text, View } from '@tarojs/components';
import type { MyComplaintItem } from '@shared/api/functions/complaint';
import { CATEGORY_LABELS, LEVEL_LABELS } from '@shared/complaint/model';
import { StatusBadge } from '../../../../components/StatusBadge';
import { formatRemaining, formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface ComplaintRowProps {
  item: MyComplaintItem;
}

/** One of my complaints: ticket number, where it stands, and how long until the next promise. */
export function ComplaintRow({ item }: ComplaintRowProps) {
  const remaining = item.slaRemainingMinutes === undefined ? undefined : formatRemaining(item.slaRemainingMinutes);
  return (
    <View className='k-card k-row' data-ticket={item.ticketNo} aria-label={`工单 ${item.ticketNo}`}>
      <View className='k-row__head'>
        <Text className='k-row__ticket k-mono'>{item.ticketNo}</Text>
        <StatusBadge status={item.status} />
      </View>
      <View className='k-row__meta'>
        <Text className='k-row__category'>{CATEGORY_LABELS[item.category] ?? item.category}</Text>
        <Text className='k-row__dot'>·</Text>
        <Text>优先级 {LEVEL_LABELS[item.level] ?? item.level}</Text>
        <Text className='k-row__time'>{formatShortDateTime(item.createdAt)} 提交</Text>
      </View>
      {remaining && (
        <View className={`k-row__sla${remaining.overdue ? ' k-row__sla--overdue' : ''}`}>
          <View className='k-row__clock' aria-hidden />
          <Text>{remaining.overdue ? `已超出承诺时间 ${remaining.span}，正在加急处理` : `距承诺时间还有 ${remaining.span}`}</Text>
        </View>
      )}
    </View>
  );
}

export default ComplaintRow;
