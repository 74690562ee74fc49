import { Text, View } from '@tarojs/components';
import type { TicketView } from '@shared/api/functions/ticket';
import { formatShortDateTime } from '../../../../utils/time';
import { SLA_STATE_LABELS, slaWords } from '../../../../utils/sla';
import './index.scss';

export interface TicketHeaderProps {
  view: TicketView;
}

/** Ticket number, status, level with its reason, the SLA clock in its colour, and who has it and why. */
export function TicketHeader({ view }: TicketHeaderProps) {
  const { sla } = view;
  return (
    <View className={`s-card k-thead k-thead--${view.level}`} id='ticket-header'>
      <View className='k-thead__top'>
        <Text className={`k-thead__level k-thead__level--${view.level}`}>{view.level}</Text>
        <Text className='k-thead__no k-mono' id='ticket-no' userSelect>
          {view.ticketNo}
        </Text>
        <Text className='k-thead__status' id='ticket-status' data-status={view.status}>
          {view.statusLabel}
        </Text>
      </View>
      <Text className='k-thead__reason' id='ticket-level-reason'>
        定级：{view.levelReason}
      </Text>
      <View className='k-thead__flags'>
        {view.foodSafety && <Text className='s-tag s-tag--danger'>食品安全</Text>}
        {view.angry && <Text className='s-tag s-tag--warn'>情绪激动</Text>}
        {view.customerTier === 'vip' && <Text className='s-tag s-tag--warn'>VIP 顾客</Text>}
        {view.related.customerRecent >= 2 && <Text className='s-tag s-tag--info'>30 天内第 {view.related.customerRecent} 次投诉</Text>}
        {view.related.batchCustomers >= 2 && <Text className='s-tag s-tag--info'>同批次 {view.related.batchCustomers} 位顾客投诉</Text>}
      </View>
      <View className={`k-thead__sla k-thead__sla--${sla.slaState}`} id='ticket-sla' data-sla={sla.slaState}>
        <Text className='k-thead__sla-main'>
          {SLA_STATE_LABELS[sla.slaState]} · {slaWords(sla.slaState, sla.slaRemainingMinutes, view.sample && ['requested', 'shipped'].includes(view.sample.state) ? 'sample' : 'customer')}
        </Text>
        <Text className='k-thead__sla-detail'>
          首次响应 {sla.firstRespondedAt ? `已于 ${formatShortDateTime(sla.firstRespondedAt)} 完成` : `须在 ${formatShortDateTime(sla.firstResponseDueAt)} 前`}
          {sla.resolveDueAt ? ` · 解决时限 ${formatShortDateTime(sla.resolveDueAt)}` : ''}
        </Text>
      </View>
      <Text className='k-thead__owner' id='ticket-assignee'>
        {view.departmentLabel} · {view.assigneeName ? `负责人 ${view.assigneeName}` : '待分派'}
        {view.assistDepartments.length ? ` · 协助：${view.assistDepartments.length} 个部门` : ''}
      </Text>
      <Text className='s-muted'>分派理由：{view.routingReason}</Text>
    </View>
  );
}

export default TicketHeader;
