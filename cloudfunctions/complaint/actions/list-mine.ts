import type { Page } from '@shared/api/common';
import type { MyComplaintItem } from '@shared/api/functions/complaint';
import { AppError } from '@shared/api/envelope';
import type { ComplaintCore } from '@shared/complaint/model';
import { myComplaintItem } from '@shared/complaint/views';
import { loadConfig } from '../../_server/config';
import { _ } from '../../_server/cloud';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

const DEFAULT_LIMIT = 20;

/** Keyset cursor: the last item's createdAt and _id, so new complaints never shift a page. */
function encodeCursor(doc: Pick<ComplaintCore, 'createdAt' | '_id'>): string {
  return `${doc.createdAt.getTime()}.${doc._id}`;
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!match) throw new AppError('INVALID_INPUT', undefined, { cursor: '分页参数无效，请刷新后重试' });
  return { at: new Date(Number(match[1])), id: match[2] };
}

/** The caller's own complaints, newest first. */
export async function listMine(input: { cursor?: string; limit?: number }, ctx: ActionContext): Promise<Page<MyComplaintItem>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const mine = { customerOpenid: ctx.caller.openid };
  let where: object = mine;
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    where = _.and([mine, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(id) }])]);
  }
  const docs = await rows<ComplaintCore & { subcategory: string; description: string }>(
    collection('complaints')
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
      .field({ ticketNo: true, status: true, level: true, category: true, subcategory: true, description: true, createdAt: true, updatedAt: true, nextDueAt: true }),
  );
  const page = docs.slice(0, limit);
  const now = ctx.now();
  const { taxonomy } = await loadConfig();
  return {
    items: page.map((c) => myComplaintItem(c, now, taxonomy)),
    ...(docs.length > limit ? { nextCursor: encodeCursor(page[page.length - 1]) } : {}),
  };
}
