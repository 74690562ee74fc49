import type { Page } from '@shared/api/common';
import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { auditEntry } from '@shared/staff/audit';
import { canHandleIncidents, canSeeIncidents, incidentMoves, INCIDENT_STATUS_LABELS, type IncidentDoc, type IncidentHistoryEntry } from '@shared/surge/incident';
import { incidentDetail, incidentSummary, type IncidentDetail, type IncidentSummary } from '@shared/surge/view';
import { _ } from '../../_server/cloud';
import { addIgnoringDuplicates, collection, getById, rows, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

function mustSee(ctx: ActionContext): void {
  if (!canSeeIncidents(ctx.caller)) throw new AppError('FORBIDDEN', '批次异常事件只对质检部、各部门主管和经理开放');
}

async function loadIncident(id: string): Promise<IncidentDoc> {
  const doc = await getById<IncidentDoc>('incidents', id);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这个批次异常事件');
  return doc;
}

const STATUS_FILTER = { active: { status: _.in(['open', 'acknowledged']) }, closed: { status: 'closed' }, all: {} } as const;

/** ticket.incidents: newest first, a keyset cursor on (openedAt, _id). */
export async function incidents(input: { status?: 'active' | 'closed' | 'all'; limit?: number; cursor?: string }, ctx: ActionContext): Promise<Page<IncidentSummary>> {
  mustSee(ctx);
  const limit = input.limit ?? 20;
  const filter = STATUS_FILTER[input.status ?? 'active'];
  const cursor = parseCursor(input.cursor);
  const where = cursor ? _.and([filter, _.or([{ openedAt: _.lt(cursor.at) }, { openedAt: cursor.at, _id: _.lt(cursor.id) }])]) : filter;
  const docs = await rows<IncidentDoc>(collection('incidents').where(where).orderBy('openedAt', 'desc').orderBy('_id', 'desc').limit(limit + 1));
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(incidentSummary), ...(docs.length > limit && last ? { nextCursor: `${last.openedAt.getTime()}:${last._id}` } : {}) };
}

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const match = /^(\d{1,15}):(.+)$/.exec(cursor);
  if (!match) throw new AppError('INVALID_INPUT', '分页参数无效', { cursor: '分页参数无效' });
  return { at: new Date(Number(match[1])), id: match[2] };
}

/** ticket.incident: the incident with its linked tickets (one query for them, by id). */
export async function incident(input: { incidentId: string }, ctx: ActionContext): Promise<IncidentDetail> {
  mustSee(ctx);
  return detailOf(await loadIncident(input.incidentId), ctx);
}

async function detailOf(doc: IncidentDoc, ctx: ActionContext): Promise<IncidentDetail> {
  const ids = doc.complaintIds.slice(0, 200);
  const complaints = ids.length
    ? await rows<ComplaintDoc>(collection('complaints').where({ _id: _.in(ids) }).field({ _id: true, ticketNo: true, status: true, level: true, description: true, assigneeName: true, createdAt: true }).limit(ids.length))
    : [];
  return incidentDetail(doc, complaints, ctx.caller);
}

/** ticket.ackIncident: the QC head or a manager has seen it and is on it. */
export async function ackIncident(input: { incidentId: string; version: number; note?: string }, ctx: ActionContext): Promise<IncidentDetail> {
  return move(input, 'acknowledge', ctx);
}

/** ticket.closeIncident: dealt with (a note says how); the batch's open key is freed for a later surge. */
export async function closeIncident(input: { incidentId: string; version: number; note: string }, ctx: ActionContext): Promise<IncidentDetail> {
  return move(input, 'close', ctx);
}

async function move(input: { incidentId: string; version: number; note?: string }, action: 'acknowledge' | 'close', ctx: ActionContext): Promise<IncidentDetail> {
  if (!canHandleIncidents(ctx.caller)) throw new AppError('FORBIDDEN', '只有质检部主管或经理可以处理批次异常事件');
  const doc = await loadIncident(input.incidentId);
  if (doc.version !== input.version) throw new AppError('CONFLICT', '事件刚被其他人更新过，请刷新后再操作');
  if (!incidentMoves(doc.status).includes(action)) throw new AppError('INVALID_INPUT', `事件${INCIDENT_STATUS_LABELS[doc.status]}，不能再${action === 'close' ? '关闭' : '确认'}`, { incidentId: `当前状态：${INCIDENT_STATUS_LABELS[doc.status]}` });
  const now = ctx.now();
  const actorName = ctx.caller.name ?? ctx.caller.openid ?? '员工';
  const entry: IncidentHistoryEntry = { at: now, action, actorOpenid: ctx.caller.openid ?? 'system', actorName, ...(input.note ? { note: input.note } : {}) };
  const set: Partial<IncidentDoc> =
    action === 'acknowledge'
      ? { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actorName }
      : { status: 'closed', closedAt: now, closedBy: actorName, closeNote: input.note, openKey: `closed:${doc._id}` };
  const version = doc.version + 1;
  const updated = await updatedCount(collection('incidents').where({ _id: doc._id, version: doc.version }).update({ data: { ...set, history: _.push([entry]), updatedAt: now, version } }));
  if (updated === 0) throw new AppError('CONFLICT', '事件刚被其他人更新过，请刷新后再操作');
  await addIgnoringDuplicates('audit', [
    auditEntry(
      { at: now, actorOpenid: entry.actorOpenid, actorName, target: `incident:${doc._id}`, action: action === 'close' ? 'close_incident' : 'ack_incident', summary: `${action === 'close' ? '关闭' : '确认'}批次异常事件 ${doc.batchNo ?? doc.batchId}`, before: { status: doc.status }, after: { status: set.status, ...(input.note ? { note: input.note } : {}) } },
      `v${version}`,
    ),
  ]);
  return detailOf({ ...doc, ...set, history: [...doc.history, entry], updatedAt: now, version }, ctx);
}
