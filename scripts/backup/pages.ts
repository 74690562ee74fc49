import type { Database } from './connect';

/** Documents per read: the server SDK's maximum for one `get()`. */
export const PAGE_SIZE = 1000;

type Doc = Record<string, unknown> & { _id: string | number };

/** The SDK answers many failures with `{ code, message }` instead of throwing: make them exceptions. */
export function check<T>(res: T, what: string): T {
  const r = res as { code?: unknown; message?: unknown };
  if (r && typeof r === 'object' && r.code) throw new Error(`${what}: ${String(r.code)} ${String(r.message ?? '')}`);
  return res;
}

/**
 * Every document of a collection in `_id` order, a page at a time. Keyset paging (`_id > last`) keeps every
 * page an index range: skip-based paging would rescan the skipped documents and is capped by CloudBase.
 */
export async function* readAll(db: Database, name: string): AsyncGenerator<Doc[]> {
  const _ = db.command;
  let last: string | number | undefined;
  for (;;) {
    const base = db.collection(name);
    const query = last === undefined ? base : base.where({ _id: _.gt(last) });
    const res = check(await query.orderBy('_id', 'asc').limit(PAGE_SIZE).get(), `read ${name}`);
    const docs = (res as { data: Doc[] }).data;
    if (docs.length === 0) return;
    yield docs;
    const next = docs[docs.length - 1]._id;
    if (last !== undefined && !(next > last)) throw new Error(`${name}: _id order did not advance (mixed _id types?)`);
    last = next;
    if (docs.length < PAGE_SIZE) return;
  }
}

export async function countOf(db: Database, name: string): Promise<number> {
  const res = check(await db.collection(name).count(), `count ${name}`);
  return (res as { total: number }).total;
}
