import type { SpiceItem } from '@shared/api/functions/admin';
import { AppError } from '@shared/api/envelope';
import type { ProductDoc } from '@shared/catalog/model';
import { auditEntry } from '@shared/staff/audit';
import { toIso } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { collection, getById, rows, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { actorOf, writeAudit } from './audit';

/**
 * The spice-level library (麻辣度参考库) lives on the products themselves (`spiceLevel`, `spiceNote`), so the form,
 * the scanned-package card and the ticket read it with the product they already load. Edits carry their own
 * `spiceVersion` (products may be versioned for other reasons later) and are audited under `spice:<productId>`.
 */
type SpiceProduct = ProductDoc & { spiceVersion?: number; spiceUpdatedAt?: Date; spiceUpdatedByName?: string };

const item = (p: SpiceProduct): SpiceItem => ({
  productId: p._id,
  name: p.name,
  spec: p.spec,
  line: p.line,
  spiceLevel: p.spiceLevel,
  spiceNote: p.spiceNote,
  version: p.spiceVersion ?? 0,
  ...(p.spiceUpdatedAt ? { updatedAt: toIso(p.spiceUpdatedAt) } : {}),
  ...(p.spiceUpdatedByName ? { updatedByName: p.spiceUpdatedByName } : {}),
});

const PAGE = 100;

/** admin.listSpiceLevels: every product, by id, read a page at a time (keyset on `_id`). */
export async function listSpiceLevels(): Promise<{ items: SpiceItem[] }> {
  const all: SpiceProduct[] = [];
  for (let last: string | undefined; ; ) {
    const query = last ? collection('products').where({ _id: _.gt(last) }) : collection('products');
    const page = await rows<SpiceProduct>(query.orderBy('_id', 'asc').limit(PAGE));
    all.push(...page);
    if (page.length < PAGE) break;
    last = page[page.length - 1]._id;
  }
  return { items: all.map(item) };
}

const CONFLICT = '这个商品的麻辣度刚被其他人修改过，请刷新后再改';

/** admin.saveSpiceLevel: conditional on the version read; the audit entry's id is the version it produced. */
export async function saveSpiceLevel(input: { productId: string; version: number; spiceLevel: number; spiceNote: string }, ctx: ActionContext): Promise<SpiceItem> {
  const current = await getById<SpiceProduct>('products', input.productId);
  if (!current) throw new AppError('NOT_FOUND', '没有找到这个商品');
  const version = current.spiceVersion ?? 0;
  if (input.version !== version) throw new AppError('CONFLICT', CONFLICT);
  const now = ctx.now();
  const data = {
    spiceLevel: input.spiceLevel as ProductDoc['spiceLevel'],
    spiceNote: input.spiceNote,
    spiceVersion: version + 1,
    spiceUpdatedAt: now,
    ...(ctx.caller.name ? { spiceUpdatedByName: ctx.caller.name } : {}),
  };
  const where = version === 0 ? { _id: current._id, spiceVersion: _.exists(false) } : { _id: current._id, spiceVersion: version };
  if (!(await updatedCount(collection('products').where(where).update({ data })))) throw new AppError('CONFLICT', CONFLICT);
  const next: SpiceProduct = { ...current, ...data };
  const before = { spiceLevel: current.spiceLevel, spiceNote: current.spiceNote };
  const after = { spiceLevel: next.spiceLevel, spiceNote: next.spiceNote };
  const change = before.spiceLevel === after.spiceLevel ? `说明改为「${after.spiceNote}」` : `麻辣度 ${before.spiceLevel} → ${after.spiceLevel}`;
  await writeAudit(auditEntry({ at: now, ...actorOf(ctx), target: `spice:${current._id}`, action: 'update_spice', summary: `修改「${current.name}」的麻辣度：${change}`, before, after }, `v${next.spiceVersion}`));
  return item(next);
}
