import type { Page } from '@shared/api/common';
import type { OutboxItem } from '@shared/api/functions/notify';
import { AppError } from '@shared/api/envelope';
import type { OutboxDoc, OutboxKind, OutboxStatus } from '@shared/notify/outbox';
import { outboxItem } from '@shared/notify/view';
import { _ } from '../_server/cloud';
import { collection, getById, rows, updatedCount } from '../_server/db';
import type { ActionContext } from '../_server/define-function';
import { loadNotifyConfig } from './settings';

const DEFAULT_LIMIT = 20;

/** Keyset cursor: the last item's createdAt and id, so new messages never shift a page. */
const encodeCursor = (doc: OutboxDoc) => `${doc.createdAt.getTime()}.${doc._id}`;

function decodeCursor(cursor: string): { at: Date; id: string } {
  const match = /^(\d{1,15})\.([A-Za-z0-9_.:-]{1,180})$/.exec(cursor);
  if (!match) throw new AppError('INVALID_INPUT', undefined, { cursor: '分页参数无效，请刷新后重试' });
  return { at: new Date(Number(match[1])), id: match[2] };
}

/** notify.list: the outbox, newest first, filtered by status, kind or ticket (each filter has its index). */
export async function list(input: { status?: OutboxStatus; kind?: OutboxKind; complaintId?: string; cursor?: string; limit?: number }): Promise<Page<OutboxItem>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const filter: Record<string, string> = {};
  if (input.status) filter.status = input.status;
  if (input.kind) filter.kind = input.kind;
  if (input.complaintId) filter.complaintId = input.complaintId;
  let where: object = filter;
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    where = _.and([filter, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(id) }])]);
  }
  const [config, docs] = await Promise.all([
    loadNotifyConfig(),
    rows<OutboxDoc>(collection('outbox').where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit + 1)),
  ]);
  const page = docs.slice(0, limit);
  return {
    items: page.map((d) => outboxItem(d, config.retry.maxAttempts)),
    ...(docs.length > limit ? { nextCursor: encodeCursor(page[page.length - 1]) } : {}),
  };
}

/**
 * notify.retry: a dead message goes back to the queue with a fresh set of attempts, due now; the next drain
 * (within a minute, or `notify.drain`) sends it. Only a dead message: anything else is still on its way.
 */
export async function retry(input: { id: string }, ctx: ActionContext): Promise<OutboxItem> {
  const now = ctx.now();
  const requeued = await updatedCount(
    collection('outbox')
      .where({ _id: input.id, status: 'dead' })
      .update({ data: { status: 'pending', attempts: 0, nextAttemptAt: now, deadAt: _.remove(), requeuedAt: now, requeuedBy: ctx.caller.openid ?? 'system' } }),
  );
  const [config, doc] = await Promise.all([loadNotifyConfig(), getById<OutboxDoc>('outbox', input.id)]);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条通知');
  if (!requeued) throw new AppError('CONFLICT', `这条通知当前状态为「${doc.status}」，只有已放弃的通知可以重发`);
  return outboxItem(doc, config.retry.maxAttempts);
}
