import { Text, View } from '@tarojs/components';
import type { InboxItem } from '@shared/api/functions/ticket';
import { STATUS_LABELS } from '@shared/complaint/lifecycle';
import { CATEGORY_LABELS } from '@shared/complaint/model';
import { CHANNEL_SHORT } from '../../utils/channels';
import { slaWords } from '../../utils/sla';
import './index.scss';

export interface TicketRowProps {
  item: InboxItem;
  /** The row whose ticket is open beside the list (wide screens). */
  selected: boolean;
  /** Hide the assignee (a list of my own tickets). */
  showAssignee: boolean;
  onOpen: (item: InboxItem) => void;
}

/**
 * One ticket in a staff list: level, ticket number and status; the issue; the SLA time coloured by its state;
 * customer tier, channel and flags; the first words of the complaint. Main package: the 工作台 tab shows the most
 * urgent ones, the inbox all of them.
 */
export function TicketRow(props: Partial<TicketRowProps> & Pick<TicketRowProps, 'item' | 'onOpen'>) {
  const { item, selected = false, showAssignee = true, onOpen } = props;
  const sla = slaWords(item.slaState, item.slaRemainingMinutes, item.slaPausedFor);
  return (
    <View
      className={`k-trow k-trow--${item.level}${selected ? ' k-trow--selected' : ''}`}
      data-ticket={item.ticketNo}
      data-complaint={item.complaintId}
      role='link'
      aria-label={`${item.level} 工单 ${item.ticketNo}，${item.subcategoryLabel}，${sla}`}
      hoverClass='k-trow--pressed'
      onClick={() => onOpen(item)}
    >
      <View className='k-trow__head'>
        <Text className={`k-trow__level k-trow__level--${item.level}`}>{item.level}</Text>
        <Text className='k-trow__no k-mono'>{item.ticketNo}</Text>
        <Text className='k-trow__status'>{STATUS_LABELS[item.status]}</Text>
        <Text className={`k-trow__sla k-trow__sla--${item.slaState}`} data-sla={item.slaState}>
          {sla}
        </Text>
      </View>
      <View className='k-trow__issue'>
        <Text className='k-trow__category'>
          {CATEGORY_LABELS[item.category]} · {item.subcategoryLabel}
        </Text>
        {item.foodSafety && <Text className='k-trow__flag k-trow__flag--danger'>食品安全</Text>}
        {item.needsTriage && <Text className='k-trow__flag k-trow__flag--triage'>待确认分类</Text>}
        {item.customerTier === 'vip' && <Text className='k-trow__flag k-trow__flag--vip'>VIP</Text>}
        <Text className='k-trow__flag'>{CHANNEL_SHORT[item.channel]}</Text>
      </View>
      <Text className='k-trow__summary'>{item.summary}</Text>
      {showAssignee && <Text className='k-trow__assignee'>{item.assigneeName ? `负责人：${item.assigneeName}` : '未分派'}</Text>}
    </View>
  );
}

export default TicketRow;
