import type { Page } from '@shared/api/common';
import { AppError } from '@shared/api/envelope';
import type { ArchivedCase, TicketChange } from '@shared/api/functions/ticket';
import type { ComplaintDoc } from '@shared/complaint/document';
import type { Category } from '@shared/complaint/model';
import { isClosedCase } from '@shared/knowledge/similar';
import { similarCase, subcategoryLabels } from '@shared/staff/advice';
import { backfillCases } from '../../_server/case-index';
import { _, db } from '../../_server/cloud';
import { loadConfig } from '../../_server/config';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { commitChange } from '../../_server/tickets';
import { expectVersion, loadReadable, ticketChange, who } from './access';

/** A head curates their own department's cases; managers and admins any. */
async function loadCuratable(complaintId: string, version: number, ctx: ActionContext): Promise<ComplaintDoc> {
  const doc = await loadReadable(complaintId, ctx);
  if (ctx.caller.kind === 'head' && doc.department !== ctx.caller.department) throw new AppError('FORBIDDEN', '只能收录本部门的工单');
  expectVersion(doc, version);
  return doc;
}

/**
 * ticket.archiveCase: a lead marks a resolved or closed ticket as an exemplary resolution, with the lesson in a
 * sentence. A ticket change like any other (version-conditional, in the audit log); re-marking updates the note.
 * `commitChange` queues the ticket for re-indexing, so the archive mark keeps it in capped posting lists.
 */
export async function archiveCase(input: { complaintId: string; version: number; note: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadCuratable(input.complaintId, input.version, ctx)]);
  if (!isClosedCase(doc.status)) throw new AppError('INVALID_INPUT', '只有已解决或已关闭的工单可以收入案例库', { complaintId: '工单尚未解决' });
  const now = ctx.now();
  const archive = { note: input.note, byOpenid: ctx.caller.openid ?? 'system', ...(ctx.caller.name ? { byName: ctx.caller.name } : {}), at: doc.archive?.at ?? now };
  const updated = await commitChange(
    doc,
    {
      set: { archive, archivedAt: archive.at },
      events: [{ ...who(ctx), action: 'archive', visibility: 'internal', ...(doc.archive ? { before: { note: doc.archive.note } } : {}), after: { note: input.note }, note: `收入案例库：${input.note}` }],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

/** ticket.unarchiveCase: takes the ticket out of the archive (logged with the note it had). */
export async function unarchiveCase(input: { complaintId: string; version: number }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadCuratable(input.complaintId, input.version, ctx)]);
  if (!doc.archive) throw new AppError('INVALID_INPUT', '这张工单不在案例库中', { complaintId: '不在案例库中' });
  const now = ctx.now();
  const updated = await commitChange(
    doc,
    { set: { archive: undefined, archivedAt: undefined }, events: [{ ...who(ctx), action: 'unarchive', visibility: 'internal', before: { note: doc.archive.note }, note: '移出案例库' }] },
    now,
    config,
  );
  return ticketChange(updated);
}

const ARCHIVE_FIELDS = {
  _id: true, ticketNo: true, createdAt: true, resolvedAt: true, status: true, description: true, productName: true, rootCause: true,
  solution: true, compensation: true, rating: true, subcategory: true, category: true, department: true, archive: true, archivedAt: true,
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * ticket.caseArchive: the archive newest first (index archivedAt), by category, subcategory and a word found in
 * the complaint, the lesson or the solution. Agents and heads browse their department's cases. The archive is
 * hand-curated (hundreds, not thousands), so the text filter runs over the archived range only.
 */
export async function caseArchive(input: { category?: Category; subcategory?: string; text?: string; cursor?: string; limit?: number }, ctx: ActionContext): Promise<Page<ArchivedCase>> {
  const limit = input.limit ?? 20;
  const config = await loadConfig();
  const labels = subcategoryLabels(config.taxonomy);
  const before = input.cursor ? new Date(input.cursor) : undefined;
  if (before && Number.isNaN(before.getTime())) throw new AppError('INVALID_INPUT', '分页参数无效', { cursor: '分页参数无效' });
  const scoped = ctx.caller.kind === 'agent' || ctx.caller.kind === 'head' ? { department: ctx.caller.department } : {};
  const base = {
    archivedAt: before ? _.lt(before) : _.gt(new Date(0)),
    ...(input.category ? { category: input.category } : {}),
    ...(input.subcategory ? { subcategory: input.subcategory } : {}),
    ...scoped,
  };
  const text = input.text?.trim();
  const pattern = text ? db.RegExp({ regexp: escapeRegExp(text), options: 'i' }) : undefined;
  const where = pattern ? _.and([base, _.or([{ description: pattern }, { 'archive.note': pattern }, { 'solution.text': pattern }, { rootCause: pattern }])]) : base;
  const list = await rows<ComplaintDoc>(collection('complaints').where(where).orderBy('archivedAt', 'desc').limit(limit + 1).field(ARCHIVE_FIELDS));
  const page = list.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((d) => ({ ...similarCase(d, labels), archive: similarCase(d, labels).archive!, category: d.category, department: d.department })),
    ...(list.length > limit && last?.archivedAt ? { nextCursor: new Date(last.archivedAt).toISOString() } : {}),
  };
}

/** ticket.indexCases: one page of the backfill (see `_server/case-index.ts`); call again with the cursor until none. */
export async function indexCases(input: { cursor?: string; limit?: number }): Promise<{ indexed: number; scanned: number; cursor?: string }> {
  return backfillCases(input.cursor, input.limit ?? 200);
}
