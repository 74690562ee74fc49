import { Text, View } from '@tarojs/components';
import type { ComplaintStatus } from '@shared/complaint/model';
import { isColdChainComplaint } from '@shared/logistics/data-request';
import { useRef, useState } from 'react';
import { call, newRequestId } from '../../../../api';
import { ErrorState } from '../../../../components/ErrorState';
import { LoadingSkeleton } from '../../../../components/LoadingSkeleton';
import { yuan } from '../../../../i18n/format';
import { formatShortDateTime } from '../../../../utils/time';
import { useTicket } from '../../hooks/useTicket';
import { ArchiveControl } from '../ArchiveControl';
import { ClassificationCard } from '../ClassificationCard';
import { ColdChainCard } from '../ColdChainCard';
import { ContactCard } from '../ContactCard';
import { EventLog } from '../EventLog';
import { ReplyBox } from '../ReplyBox';
import { SampleCard } from '../SampleCard';
import { SimilarCases } from '../SimilarCases';
import { SolutionForm } from '../SolutionForm';
import { TicketActions } from '../TicketActions';
import { TicketHeader } from '../TicketHeader';
import { IncidentBanner } from '../IncidentBanner';
import './index.scss';

export interface TicketPanelProps {
  complaintId?: string;
  epoch: number;
  /** Something changed (a move, a reply): the list beside it refreshes. */
  onChanged?: () => void;
  className?: string;
}

const SOLUTION_STATES: Record<string, string> = { pending_approval: '待主管审批', sent: '待顾客确认', accepted: '顾客已接受', rejected: '顾客不接受', withdrawn: '已撤回' };
const OPEN: ComplaintStatus[] = ['submitted', 'assigned', 'investigating', 'awaiting_customer', 'escalated', 'compensating'];

/**
 * The whole ticket screen, used by the ticket page and beside the inbox on a wide screen. The reply box comes
 * right after the header with the template in it, so a first reply is one tap after opening the ticket.
 */
export function TicketPanel({ complaintId, epoch, onChanged, className = '' }: TicketPanelProps) {
  const t = useTicket(complaintId, epoch, onChanged);
  const { state, busy, errors, run } = t;
  const [sent, setSent] = useState(0);
  // One request id per intended reply / note, reused when the same one is retried after a failure.
  const replyId = useRef<string>();
  const noteId = useRef<string>();

  if (state.status === 'loading') return <LoadingSkeleton className={className} cards={3} lines={3} label='正在加载工单' />;
  if (state.status === 'error') {
    const final = state.error.code === 'NOT_FOUND' || state.error.code === 'FORBIDDEN';
    return (
      <View className={className}>
        <ErrorState title={state.error.code === 'FORBIDDEN' ? '没有权限查看这张工单' : '工单加载失败'} error={state.error} onRetry={final ? undefined : () => void t.reload()} />
      </View>
    );
  }
  const view = state.data;
  const id = view.complaintId;
  const isOpen = OPEN.includes(view.status);
  const canWork = isOpen && (view.allowedMoves.length > 0 || view.canAssign || view.canRevealPhone || view.canClaim);
  // A sample under way is the evidence the solution waits for (the server refuses one meanwhile).
  const sampleUnderWay = !!view.sample && ['requested', 'shipped', 'received'].includes(view.sample.state);
  const canPropose = ['assigned', 'investigating', 'escalated'].includes(view.status) && (view.canRevealPhone || view.canAssign) && !sampleUnderWay;
  const ok = <T,>(x: T | undefined) => x !== undefined;

  const reply = async (text: string) => {
    replyId.current ??= newRequestId();
    const res = await run('reply', () => call('ticket', 'reply', { complaintId: id, text }, { requestId: replyId.current }));
    if (ok(res)) {
      replyId.current = undefined;
      setSent((n) => n + 1);
    }
  };
  const note = async (text: string) => {
    noteId.current ??= newRequestId();
    const res = await run('note', () => call('ticket', 'note', { complaintId: id, text }, { requestId: noteId.current }));
    if (ok(res)) noteId.current = undefined;
    return ok(res);
  };

  return (
    <View className={`k-tpanel ${className}`} id='ticket-panel' data-complaint={id} data-status={view.status}>
      <TicketHeader view={view} />
      {view.incidentId && <IncidentBanner incidentId={view.incidentId} reason={view.levelReason} />}
      {isOpen && view.status !== 'submitted' && (canWork || view.assigneeOpenid) && (
        <ReplyBox template={view.replyTemplate} firstResponded={!!view.sla.firstRespondedAt} sending={busy === 'reply'} error={errors.reply} sentCount={sent} onSend={(text) => void reply(text)} />
      )}
      <TicketActions
        view={view}
        busy={busy}
        errors={errors}
        onClaim={() => void run('claim', () => call('ticket', 'claim', { complaintId: id, version: view.version }))}
        onMove={async (to, n, rootCause) => ok(await run('transition', () => call('ticket', 'transition', { complaintId: id, to, version: view.version, ...(n ? { note: n } : {}), ...(rootCause ? { rootCause } : {}) })))}
        onAssign={async (assigneeOpenid, n) => ok(await run('assign', () => call('ticket', 'assign', { complaintId: id, assigneeOpenid, version: view.version, ...(n ? { note: n } : {}) })))}
        onAssist={async (department, n) => ok(await run('assist', () => call('ticket', 'requestAssist', { complaintId: id, department, note: n }, { requestId: newRequestId() })))}
        onApprove={async (approve, n) => ok(await run(approve ? 'approve' : 'approve', () => call('ticket', 'approve', { complaintId: id, version: view.version, approve, ...(n ? { note: n } : {}) })))}
      />
      <SampleCard
        view={view}
        busy={busy}
        errors={errors}
        onRequest={async (reason) => ok(await run('sample-request', () => call('ticket', 'requestSample', { complaintId: id, version: view.version, ...(reason ? { reason } : {}) }, { requestId: newRequestId() })))}
        onCancel={async (reason) => ok(await run('sample-cancel', () => call('ticket', 'cancelSample', { complaintId: id, version: view.version, reason }, { requestId: newRequestId() })))}
        onReceive={async (note) => ok(await run('sample-receive', () => call('ticket', 'recordSampleReceipt', { complaintId: id, version: view.version, ...(note ? { note } : {}) }, { requestId: newRequestId() })))}
        onResult={async (input) => ok(await run('sample-result', () => call('ticket', 'recordSampleResult', { complaintId: id, version: view.version, ...input }, { requestId: newRequestId() })))}
      />
      {view.solution && (
        <View className='s-card k-tpanel__solution' id='ticket-solution'>
          <View className='k-tpanel__solution-head'>
            <Text className='s-title k-tpanel__solution-title'>当前方案</Text>
            <Text className='s-tag s-tag--info' id='ticket-solution-state'>
              {SOLUTION_STATES[view.solution.state] ?? view.solution.state}
            </Text>
          </View>
          <Text className='k-tpanel__solution-text'>{view.solution.text}</Text>
          {view.solution.compensation && (
            <Text className='k-tpanel__solution-comp' id='ticket-solution-compensation'>
              补偿：{view.solution.compensation.summary}（{view.solution.compensation.statusLabel}，价值 {yuan(view.solution.compensation.valueFen)}
              {view.solution.compensation.approvalNeeded !== 'none' ? `，需${view.solution.compensation.approvalNeeded === 'manager' ? '经理' : '主管'}审批` : ''}）
            </Text>
          )}
          <Text className='s-muted'>
            {view.solution.proposedByName ?? ''} 提出于 {formatShortDateTime(view.solution.proposedAt)}
            {view.solution.customerComment ? ` · 顾客：${view.solution.customerComment}` : ''}
          </Text>
        </View>
      )}
      {view.rating && (
        <View className='s-card' id='ticket-rating'>
          <Text className='s-title'>顾客评价</Text>
          <Text>
            {'★'.repeat(view.rating.stars)}
            {'☆'.repeat(5 - view.rating.stars)} {view.rating.nps !== undefined ? ` · 推荐意愿 ${view.rating.nps}/10` : ''}
          </Text>
          {view.rating.comment && <Text className='s-muted'>「{view.rating.comment}」</Text>}
        </View>
      )}
      {canPropose && <SolutionForm view={view} sending={busy === 'propose'} error={errors.propose} onPropose={async (input) => ok(await run('propose', () => call('ticket', 'proposeSolution', { complaintId: id, version: view.version, ...input })))} />}
      <ContactCard view={view} />
      <ClassificationCard
        view={view}
        canEdit={isOpen && canWork}
        saving={busy === 'reclassify'}
        error={errors.reclassify}
        onSave={async (input) => ok(await run('reclassify', () => call('ticket', 'reclassify', { complaintId: id, version: view.version, ...input })))}
      />
      {(view.orderNo || isColdChainComplaint(view.classification)) && <ColdChainCard complaintId={id} coldChain={isColdChainComplaint(view.classification)} />}
      <ArchiveControl
        view={view}
        saving={busy === 'archive'}
        error={errors.archive}
        onArchive={async (n) => ok(await run('archive', () => call('ticket', 'archiveCase', { complaintId: id, version: view.version, note: n })))}
        onUnarchive={async () => ok(await run('archive', () => call('ticket', 'unarchiveCase', { complaintId: id, version: view.version })))}
      />
      <SimilarCases complaintId={id} subcategoryLabel={view.classification.subcategoryLabel} />
      <EventLog events={view.events} saving={busy === 'note'} error={errors.note} onNote={note} />
    </View>
  );
}

export default TicketPanel;
