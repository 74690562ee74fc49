import type { AuditItem } from '@shared/api/functions/admin';
import type { Page } from '@shared/api/common';
import { AppError } from '@shared/api/envelope';
import type { AuditDoc } from '@shared/staff/audit';
import { toIso } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { collection, isDuplicateKeyError, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

/** Append one entry; its id comes from what caused it, so a retried action logs once. */
export async function writeAudit(entry: AuditDoc): Promise<void> {
  try {
    await collection('audit').add({ data: entry });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

export const actorOf = (ctx: ActionContext) => ({ actorOpenid: ctx.caller.openid ?? 'system', ...(ctx.caller.name ? { actorName: ctx.caller.name } : {}) });

export const auditItem = (d: AuditDoc): AuditItem => ({ at: toIso(d.at), actorName: d.actorName ?? d.actorOpenid, action: d.action, target: d.target, summary: d.summary });

export async function recentAudit(target: string, limit = 5): Promise<AuditItem[]> {
  const list = await rows<AuditDoc>(collection('audit').where({ target }).orderBy('at', 'desc').limit(limit));
  return list.map(auditItem);
}

const PAGE = 30;

/** admin.listAudit: newest first, overall or for one target, a page at a time (keyset on time and id). */
export async function listAudit(input: { target?: string; cursor?: string }): Promise<Page<AuditItem>> {
  const where: object[] = [];
  if (input.target) where.push({ target: input.target });
  if (input.cursor) {
    const m = /^(\d{1,15})\.(.{1,200})$/.exec(input.cursor);
    if (!m) throw new AppError('INVALID_INPUT', undefined, { cursor: '分页参数无效，请刷新后重试' });
    const at = new Date(Number(m[1]));
    where.push(_.or([{ at: _.lt(at) }, { at, _id: _.lt(m[2]) }]));
  }
  const query = where.length ? collection('audit').where(_.and(where)) : collection('audit');
  const list = await rows<AuditDoc>(query.orderBy('at', 'desc').orderBy('_id', 'desc').limit(PAGE + 1));
  const page = list.slice(0, PAGE);
  const last = page[page.length - 1];
  return { items: page.map(auditItem), ...(list.length > PAGE && last ? { nextCursor: `${last.at.getTime()}.${last._id}` } : {}) };
}
