import { Text, View } from '@tarojs/components';
import type { InboxItem, InboxView } from '@shared/api/functions/ticket';
import type { StaffRole } from '@shared/auth/roles';
import { TicketRow } from '../../../../components/TicketRow';
import './index.scss';

export interface QueueSummaryProps {
  role: StaffRole;
  counts: Record<InboxView, number>;
  /** The most urgent few of the caller's default view. */
  items: InboxItem[];
  onView: (view: InboxView) => void;
  onTicket: (item: InboxItem) => void;
}

const LABELS: Record<InboxView, string> = { mine: '我的', department: '本部门', unassigned: '待分派', escalated: '已升级', triage: '待确认分类', all: '全部' };

/** The views that matter to each role, in the order they are worked. */
export const VIEWS_BY_ROLE: Record<StaffRole, InboxView[]> = {
  agent: ['mine', 'unassigned', 'department', 'triage'],
  head: ['department', 'unassigned', 'escalated', 'triage', 'mine'],
  manager: ['all', 'escalated', 'unassigned', 'triage', 'mine'],
  admin: ['all', 'escalated', 'unassigned', 'triage'],
};

/** 工作台's queue card: counts per view (each opens the inbox there) and the most urgent tickets, one tap from the reply box. */
export function QueueSummary({ role, counts, items, onView, onTicket }: QueueSummaryProps) {
  return (
    <View className='k-card k-queue' id='workbench-queue'>
      <Text className='k-section-title'>待办工单</Text>
      <View className='k-queue__counts'>
        {VIEWS_BY_ROLE[role].map((view) => (
          <View key={view} className={`k-queue__count${view === 'escalated' && counts[view] ? ' k-queue__count--hot' : ''}`} id={`workbench-view-${view}`} role='link' hoverClass='k-queue__count--pressed' onClick={() => onView(view)}>
            <Text className='k-queue__n'>{counts[view]}</Text>
            <Text className='k-queue__label'>{LABELS[view]}</Text>
          </View>
        ))}
      </View>
      {items.length > 0 ? (
        <View className='k-queue__urgent' id='workbench-urgent'>
          <Text className='k-queue__subtitle'>最紧急</Text>
          {items.map((item) => (
            <TicketRow key={item.complaintId} item={item} showAssignee={role !== 'agent'} onOpen={onTicket} />
          ))}
        </View>
      ) : (
        <Text className='k-queue__empty'>手上没有待办工单。</Text>
      )}
    </View>
  );
}

export default QueueSummary;
