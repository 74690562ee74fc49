import type { TicketChange } from '@shared/api/functions/ticket';
import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { canReadTicket, canWorkTicket, type ActorFacts } from '@shared/complaint/lifecycle';
import type { ActionContext } from '../../_server/define-function';
import { loadComplaint } from '../../_server/tickets';

export const actorOf = (ctx: ActionContext): ActorFacts => ({ kind: ctx.caller.kind, openid: ctx.caller.openid, department: ctx.caller.department });

/** The caller as the audit log records them. */
export const who = (ctx: ActionContext) => ({ actorOpenid: ctx.caller.openid ?? 'system', actorRole: ctx.caller.kind, ...(ctx.caller.name ? { actorName: ctx.caller.name } : {}) });

/** A ticket this staff member may read: their department's, one they assist on, or any for managers and admins. */
export async function loadReadable(complaintId: string, ctx: ActionContext): Promise<ComplaintDoc> {
  const doc = await loadComplaint(complaintId);
  if (!canReadTicket(actorOf(ctx), doc)) throw new AppError('FORBIDDEN', '这张工单不属于您的部门');
  return doc;
}

/** A ticket this staff member may change (assisting departments may read and add notes only). */
export async function loadWorkable(complaintId: string, ctx: ActionContext): Promise<ComplaintDoc> {
  const doc = await loadReadable(complaintId, ctx);
  if (!canWorkTicket(actorOf(ctx), doc)) throw new AppError('FORBIDDEN', '您不能处理这张工单，请联系负责人或部门主管');
  return doc;
}

/** The version the caller read must still be the stored one. */
export function expectVersion(doc: ComplaintDoc, version: number | undefined): void {
  if (version !== undefined && version !== doc.version) throw new AppError('CONFLICT', '工单刚被其他人更新过，请刷新后再操作');
}

/** What a staff action that changed a ticket answers: its id, new version and status. */
export const ticketChange = (doc: ComplaintDoc): TicketChange => ({ complaintId: doc._id, version: doc.version, status: doc.status });
