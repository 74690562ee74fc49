import type { ComplaintDoc } from '@shared/complaint/document';
import { applySlaEffect } from '@shared/complaint/schedule';
import type { OutboxMessage } from '@shared/notify/outbox';
import { issuesImmediately, moveCompensation } from './compensation';
import type { Change } from './tickets';

/** Where a message about a ticket goes on the staff side: its assignee, else its department's group. */
export const staffTarget = (doc: ComplaintDoc) => (doc.assigneeOpenid ? { audience: 'staff' as const, to: doc.assigneeOpenid } : { audience: 'department' as const, to: doc.department });

/**
 * The change for an accepted solution (by the customer, or by the timer when the customer did not answer in time).
 * Exported for the sla timer's auto-accept.
 */
export async function acceptChange(doc: ComplaintDoc, answered: NonNullable<ComplaintDoc['solution']>, by: string, role: 'customer' | 'system', now: Date): Promise<Change> {
  const who = { actorOpenid: by, actorRole: role, ...(role === 'system' ? { actorName: '系统' } : {}) };
  const verb = role === 'system' ? '您未在期限内回复，视为接受处理方案' : '您已接受处理方案';
  let compensation = doc.compensation;
  const messages: OutboxMessage[] = [];
  const ref = { complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level };

  if (!compensation || compensation.status === 'cancelled' || compensation.status === 'rejected') {
    return {
      set: { status: 'resolved', statusChangedAt: now, resolvedAt: now, solution: answered, sla: applySlaEffect(doc.sla, 'stop', now) },
      events: [{ ...who, action: 'respond', from: doc.status, to: 'resolved', after: { accept: true }, note: `${verb}，问题已解决`, visibility: 'customer' }],
      messages: [{ dedupeKey: `accepted:${doc._id}:${answered.id}`, kind: 'status_change', ...staffTarget(doc), ...ref, data: { ticketNo: doc.ticketNo, event: '顾客接受方案，工单已解决' } }],
    };
  }

  let to: 'compensating' | 'resolved' = 'compensating';
  let note: string;
  if (compensation.status === 'pending_approval') {
    note = `${verb}。补偿（${compensation.summary}）正在审批，通过后立即发放`;
    messages.push({ dedupeKey: `approval:${doc._id}:${compensation.compensationId}`, kind: 'staff_approval', audience: 'department', to: doc.department, ...ref, data: { ticketNo: doc.ticketNo, event: `补偿 ${compensation.summary} 待审批`, approver: compensation.approvalNeeded } });
  } else if (issuesImmediately(compensation)) {
    compensation = await moveCompensation(compensation, doc, 'issued', by, now);
    to = 'resolved';
    note = `${verb}，补偿（${compensation.summary}）已发放到您的账户，问题已解决`;
    messages.push({ dedupeKey: `issue:${compensation.compensationId}`, kind: 'compensation_issue', audience: 'customer', to: doc.customerOpenid, ...ref, data: { ticketNo: doc.ticketNo, summary: compensation.summary } });
  } else {
    note = `${verb}，正在为您办理${compensation.summary}`;
    messages.push({ dedupeKey: `execute:${compensation.compensationId}`, kind: 'compensation_issue', ...staffTarget(doc), ...ref, data: { ticketNo: doc.ticketNo, summary: compensation.summary, event: '顾客已接受，请办理补偿' } });
  }
  return {
    set: {
      status: to,
      statusChangedAt: now,
      solution: answered,
      compensation,
      ...(to === 'resolved' ? { resolvedAt: now, sla: applySlaEffect(doc.sla, 'stop', now) } : { sla: applySlaEffect(doc.sla, 'resume', now) }),
    },
    events: [{ ...who, action: 'respond', from: doc.status, to, after: { accept: true, compensation: compensation.status }, note, visibility: 'customer' }],
    messages,
  };
}

