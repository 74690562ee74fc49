import crypto from 'node:crypto';
import type { TicketChange } from '@shared/api/functions/ticket';
import { AppError } from '@shared/api/envelope';
import type { StaffRole } from '@shared/auth/roles';
import { canApprove } from '@shared/compensation/approval';
import type { CompensationInput } from '@shared/compensation/schema';
import type { ComplaintDoc, SolutionRecord } from '@shared/complaint/document';
import { checkMove, STATUS_LABELS } from '@shared/complaint/lifecycle';
import type { ComplaintStatus } from '@shared/complaint/model';
import { applySlaEffect, markFirstResponse } from '@shared/complaint/schedule';
import { sampleBlocksSolution } from '@shared/complaint/sample';
import type { OutboxMessage } from '@shared/notify/outbox';
import { staffTarget } from '../../_server/accept';
import { issuesImmediately, createCompensation, moveCompensation } from '../../_server/compensation';
import { loadConfig } from '../../_server/config';
import type { ActionContext } from '../../_server/define-function';
import { commitChange, type Change, type NewEvent } from '../../_server/tickets';
import { actorOf, expectVersion, loadWorkable, who, ticketChange } from './access';

/** What the customer reads in their timeline when a staff move changes the ticket's status. */
const CUSTOMER_NOTES: Partial<Record<ComplaintStatus, string>> = {
  investigating: '专员正在调查处理',
  escalated: '已升级给经理处理',
  resolved: '问题已处理完毕',
  closed: '工单已关闭，感谢您的反馈',
};

const toCustomer = (doc: ComplaintDoc, key: string, event: string): OutboxMessage => ({
  dedupeKey: key,
  kind: 'status_change',
  audience: 'customer',
  to: doc.customerOpenid,
  complaintId: doc._id,
  ticketNo: doc.ticketNo,
  level: doc.level,
  data: { ticketNo: doc.ticketNo, event },
});

/**
 * ticket.transition: a move along the state machine. A move that does not exist from the current status answers
 * INVALID_INPUT with the statuses that are allowed; one that exists but is not this caller's answers FORBIDDEN.
 */
export async function transition(input: { complaintId: string; to: ComplaintStatus; version: number; note?: string; rootCause?: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadWorkable(input.complaintId, ctx)]);
  expectVersion(doc, input.version);
  const move = checkMove(doc, actorOf(ctx), input.to, 'transition');
  if (!move.ok) {
    if (move.reason === 'forbidden') throw new AppError('FORBIDDEN', move.message);
    throw new AppError('INVALID_INPUT', move.message, { to: move.message });
  }
  const missing: Record<string, string> = {};
  if (move.rule.requires?.includes('note') && !input.note) missing.note = '请填写说明';
  if (move.rule.requires?.includes('rootCause') && !input.rootCause && !doc.rootCause) missing.rootCause = '请填写问题原因';
  if (Object.keys(missing).length) throw new AppError('INVALID_INPUT', `「${move.rule.label}」需要填写说明`, missing);

  const blocked = input.to === 'resolved' ? sampleBlocksSolution(doc.sample) : undefined;
  if (blocked) throw new AppError('CONFLICT', blocked);
  const now = ctx.now();
  const set: Partial<ComplaintDoc> = { status: input.to, statusChangedAt: now, sla: applySlaEffect(doc.sla, move.rule.sla, now), ...(input.rootCause ? { rootCause: input.rootCause } : {}) };
  const messages: OutboxMessage[] = [];
  if (input.to === 'resolved') set.resolvedAt = now;
  if (input.to === 'closed') {
    set.closedAt = now;
    if (!doc.rating) messages.push({ dedupeKey: `survey:${doc._id}`, kind: 'survey', audience: 'customer', to: doc.customerOpenid, complaintId: doc._id, ticketNo: doc.ticketNo, data: { ticketNo: doc.ticketNo } });
  }
  if (doc.status === 'resolved' && input.to === 'investigating') set.resolvedAt = undefined;
  if (doc.status === 'awaiting_customer' && doc.solution) {
    // Withdrawing the solution: the customer no longer has anything to confirm, and its compensation lapses.
    set.solution = { ...doc.solution, state: 'withdrawn' };
    if (doc.compensation && ['approved', 'pending_approval'].includes(doc.compensation.status)) set.compensation = await moveCompensation(doc.compensation, doc, 'cancelled', ctx.caller.openid!, now, '方案撤回');
  }
  if (doc.status === 'compensating' && input.to === 'resolved' && doc.compensation) {
    if (doc.compensation.status === 'pending_approval') throw new AppError('INVALID_INPUT', '补偿尚未审批，不能标记完成', { to: '补偿尚未审批，不能标记完成' });
    if (doc.compensation.status === 'approved') set.compensation = await moveCompensation(doc.compensation, doc, 'issued', ctx.caller.openid!, now);
  }
  const customerNote = input.to === 'resolved' && doc.compensation && doc.status === 'compensating' ? `补偿（${doc.compensation.summary}）已办理完成，问题已解决` : CUSTOMER_NOTES[input.to];
  const events: NewEvent[] = [
    { ...who(ctx), action: 'transition', from: doc.status, to: input.to, after: { rootCause: input.rootCause, note: input.note }, ...(customerNote ? { note: customerNote } : {}), visibility: customerNote ? 'customer' : 'internal' },
  ];
  if (input.note) events.push({ ...who(ctx), action: 'note', note: input.note, visibility: 'internal' });
  if (customerNote) messages.push(toCustomer(doc, `status:${doc._id}:v${doc.version + 1}`, customerNote));
  const updated = await commitChange(doc, { set, events, messages }, now, config);
  return ticketChange(updated);
}

/**
 * ticket.proposeSolution: the solution (and any compensation) goes to the customer, who accepts or rejects it.
 * On an escalated ticket an agent's revised solution waits for a lead's approval first; a lead's goes straight out.
 * A compensation above the proposer's limit (or any food-safety compensation, which QC reviews) is approved later.
 */
export async function proposeSolution(
  input: { complaintId: string; version: number; text: string; rootCause?: string; compensation?: CompensationInput },
  ctx: ActionContext,
): Promise<TicketChange & { compensationStatus?: string; approvalNeeded: 'none' | 'head' | 'manager' }> {
  const [config, doc] = await Promise.all([loadConfig(), loadWorkable(input.complaintId, ctx)]);
  expectVersion(doc, input.version);
  const actor = actorOf(ctx);
  const direct = checkMove(doc, actor, 'awaiting_customer', 'proposeSolution');
  const forApproval = doc.status === 'escalated' && !direct.ok && doc.assigneeOpenid === ctx.caller.openid;
  if (!direct.ok && !forApproval) {
    if (direct.reason === 'forbidden') throw new AppError('FORBIDDEN', direct.message);
    throw new AppError('INVALID_INPUT', `工单当前为「${STATUS_LABELS[doc.status]}」，不能提交方案`, { complaintId: `工单当前为「${STATUS_LABELS[doc.status]}」，不能提交方案` });
  }
  const blocked = sampleBlocksSolution(doc.sample);
  if (blocked) throw new AppError('CONFLICT', blocked);
  const now = ctx.now();
  // A new offer replaces the previous one, which lapses.
  if (doc.compensation && ['approved', 'pending_approval'].includes(doc.compensation.status)) {
    await moveCompensation(doc.compensation, doc, 'cancelled', ctx.caller.openid!, now, '方案已修订');
  }
  const compensation = input.compensation ? await createCompensation(doc, input.compensation, { ...ctx.caller, kind: ctx.caller.kind as StaffRole }, config, now) : undefined;
  const solution: SolutionRecord = {
    id: crypto.randomBytes(8).toString('hex'),
    text: input.text,
    proposedAt: now,
    proposedBy: ctx.caller.openid!,
    ...(ctx.caller.name ? { proposedByName: ctx.caller.name } : {}),
    ...(compensation ? { compensationId: compensation.compensationId, compensationSummary: compensation.summary } : {}),
    state: forApproval ? 'pending_approval' : 'sent',
  };
  const base = { solution, compensation, ...(input.rootCause ? { rootCause: input.rootCause } : {}) };
  const change: Change = forApproval
    ? {
        set: base,
        events: [{ ...who(ctx), action: 'propose', after: { text: input.text, compensation: compensation?.summary ?? null, state: 'pending_approval' }, note: '修订方案待主管审批', visibility: 'internal' }],
        messages: [{ dedupeKey: `approve-solution:${doc._id}:${solution.id}`, kind: 'staff_approval', audience: 'department', to: doc.department, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: '修订方案待审批' } }],
      }
    : {
        set: { ...base, status: 'awaiting_customer', statusChangedAt: now, sla: applySlaEffect(markFirstResponse(doc.sla, now), 'pause', now) },
        events: [
          {
            ...who(ctx),
            action: 'propose',
            from: doc.status,
            to: 'awaiting_customer',
            after: { text: input.text, compensation: compensation?.summary ?? null, compensationStatus: compensation?.status ?? null },
            note: `我们给出了处理方案${compensation ? `（${compensation.summary}）` : ''}，请您确认`,
            visibility: 'customer',
          },
        ],
        messages: [toCustomer(doc, `solution:${doc._id}:${solution.id}`, '处理方案待您确认')],
      };
  const updated = await commitChange(doc, change, now, config);
  return { ...ticketChange(updated), ...(compensation ? { compensationStatus: compensation.status } : {}), approvalNeeded: compensation?.approvalNeeded ?? (forApproval ? 'head' : 'none') };
}

/**
 * ticket.approve: a head (their department, up to their limit) or the manager approves what waits for them — an
 * escalated ticket's revised solution (it goes to the customer), or a compensation above the proposer's limit
 * (issued at once when the customer already accepted). Rejecting sends the ticket back to investigation.
 */
export async function approve(input: { complaintId: string; version: number; approve: boolean; note?: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadWorkable(input.complaintId, ctx)]);
  expectVersion(doc, input.version);
  const role = ctx.caller.kind as StaffRole;
  if (role === 'head' && ctx.caller.department !== doc.department) throw new AppError('FORBIDDEN', '部门主管只能审批本部门的工单');
  const solutionPending = doc.status === 'escalated' && doc.solution?.state === 'pending_approval';
  const compensationPending = doc.compensation?.status === 'pending_approval';
  if (!solutionPending && !compensationPending) throw new AppError('CONFLICT', '这张工单目前没有待审批的内容');
  if (compensationPending && !canApprove(role, doc.compensation!.valueFen, config.approval)) {
    throw new AppError('FORBIDDEN', `补偿金额 ${doc.compensation!.summary} 超出您的审批权限，需经理审批`);
  }
  if (!input.approve && !input.note) throw new AppError('INVALID_INPUT', '驳回时请说明原因', { note: '驳回时请说明原因' });
  const now = ctx.now();
  const by = ctx.caller.openid!;
  const set: Partial<ComplaintDoc> = {};
  const events: NewEvent[] = [];
  const messages: OutboxMessage[] = [];

  if (!input.approve) {
    if (doc.compensation && compensationPending) set.compensation = await moveCompensation(doc.compensation, doc, 'rejected', by, now, input.note);
    const backToWork = doc.status === 'escalated' || doc.status === 'compensating';
    if (doc.solution && solutionPending) set.solution = { ...doc.solution, state: 'withdrawn' };
    if (backToWork) Object.assign(set, { status: 'investigating', statusChangedAt: now, sla: applySlaEffect(doc.sla, 'resume', now) });
    events.push({ ...who(ctx), action: 'approve', ...(backToWork ? { from: doc.status, to: 'investigating' as const } : {}), after: { approved: false, note: input.note }, note: input.note, visibility: 'internal' });
    if (backToWork) events.push({ actorOpenid: 'system', actorRole: 'system', actorName: '系统', action: 'transition', note: '方案需要调整，专员正在重新处理', visibility: 'customer' });
    const updated = await commitChange(doc, { set, events, messages }, now, config);
    return ticketChange(updated);
  }

  let compensation = doc.compensation;
  if (compensation && compensationPending) compensation = await moveCompensation(compensation, doc, 'approved', by, now, input.note);
  if (solutionPending) {
    const move = checkMove(doc, actorOf(ctx), 'awaiting_customer', 'approve');
    if (!move.ok) throw new AppError('FORBIDDEN', move.message);
    Object.assign(set, { status: 'awaiting_customer', statusChangedAt: now, solution: { ...doc.solution!, state: 'sent', proposedAt: now }, sla: applySlaEffect(markFirstResponse(doc.sla, now), 'pause', now) });
    events.push({ ...who(ctx), action: 'approve', from: doc.status, to: 'awaiting_customer', after: { approved: true, solution: true }, note: `我们给出了新的处理方案${compensation ? `（${compensation.summary}）` : ''}，请您确认`, visibility: 'customer' });
    messages.push(toCustomer(doc, `solution:${doc._id}:${doc.solution!.id}`, '新的处理方案待您确认'));
  } else if (doc.status === 'compensating' && compensation) {
    if (issuesImmediately(compensation)) {
      compensation = await moveCompensation(compensation, doc, 'issued', by, now);
      Object.assign(set, { status: 'resolved', statusChangedAt: now, resolvedAt: now, sla: applySlaEffect(doc.sla, 'stop', now) });
      events.push({ ...who(ctx), action: 'approve', from: doc.status, to: 'resolved', after: { approved: true, compensation: 'issued' }, note: `补偿（${compensation.summary}）已审批并发放，问题已解决`, visibility: 'customer' });
      messages.push({ dedupeKey: `issue:${compensation.compensationId}`, kind: 'compensation_issue', audience: 'customer', to: doc.customerOpenid, complaintId: doc._id, ticketNo: doc.ticketNo, data: { ticketNo: doc.ticketNo, summary: compensation.summary } });
    } else {
      events.push({ ...who(ctx), action: 'approve', after: { approved: true, compensation: 'approved' }, note: `补偿（${compensation.summary}）已审批，正在办理`, visibility: 'customer' });
      messages.push({ dedupeKey: `execute:${compensation.compensationId}`, kind: 'compensation_issue', ...staffTarget(doc), complaintId: doc._id, ticketNo: doc.ticketNo, data: { ticketNo: doc.ticketNo, summary: compensation.summary, event: '补偿已审批，请办理' } });
    }
  } else {
    events.push({ ...who(ctx), action: 'approve', after: { approved: true, compensation: compensation?.status ?? null }, note: '补偿已审批', visibility: 'internal' });
  }
  set.compensation = compensation;
  const updated = await commitChange(doc, { set, events, messages }, now, config);
  return ticketChange(updated);
}
