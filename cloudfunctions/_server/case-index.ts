/**
 * The similar-case index (`caseTerms`, `caseStats`; scoring in shared/knowledge/similar.ts). The cloud database
 * has no full-text search, so resolved and closed tickets are indexed when they get there: `commitChange` stamps
 * the indexed `caseIndexAt`, and the `sla` timer (every minute) drains that range through `indexCases`. The
 * backfill (`ticket.indexCases`) feeds tickets that predate the index through the same function, by a cursor on
 * `resolvedAt`. Idempotent: a ticket's postings are replaced, never appended twice, and the ticket records what
 * it contributed (`caseIndex`) so a re-index after a reopen or a reclassification removes exactly that.
 */
import { AppError } from '@shared/api/envelope';
import type { CaseIndexRecord, ComplaintDoc } from '@shared/complaint/document';
import { caseStatId, caseTermId, caseTerms, decodePostings, encodableId, encodePostings, isClosedCase, mergePostings, type CaseStatDoc, type CaseTermDoc, type Posting } from '@shared/knowledge/similar';
import { _ } from './cloud';
import { collection, isDuplicateKeyError, rows, updatedCount } from './db';
import { textTerms } from './segment';

type IndexedFields = Pick<ComplaintDoc, '_id' | 'description' | 'subcategory' | 'status' | 'resolvedAt' | 'closedAt' | 'createdAt' | 'archivedAt' | 'caseIndex' | 'caseIndexAt'>;
const FIELDS = { _id: true, description: true, subcategory: true, status: true, resolvedAt: true, closedAt: true, createdAt: true, archivedAt: true, caseIndex: true, caseIndexAt: true };

/** Term documents written at once (each is one conditional update). */
const WRITE_CONCURRENCY = 16;
const READ_CHUNK = 500;

/** The `sla` timer's part: tickets stamped for indexing up to now, oldest first. */
export async function indexPendingCases(now: Date, limit = 100): Promise<{ indexed: number; removed: number }> {
  const due = await rows<IndexedFields>(collection('complaints').where({ caseIndexAt: _.lte(now) }).orderBy('caseIndexAt', 'asc').limit(limit).field(FIELDS));
  return indexCases(due);
}

/**
 * Backfill: resolved tickets after `cursor` (`<resolvedAt ISO>|<id>` of the last one seen), oldest first, that the
 * index does not hold yet. Answers the next cursor, or none at the end. Ties on `resolvedAt` are ordered by id, so
 * a page boundary between two tickets resolved at the same instant skips neither.
 */
export async function backfillCases(cursor: string | undefined, limit: number): Promise<{ indexed: number; scanned: number; cursor?: string }> {
  const [iso, lastId = ''] = (cursor ?? '').split('|');
  const from = iso ? new Date(iso) : new Date(0);
  if (Number.isNaN(from.getTime())) throw new AppError('INVALID_INPUT', '游标无效', { cursor: '游标无效' });
  const page = await rows<IndexedFields>(
    collection('complaints').where({ resolvedAt: _.gte(from) }).orderBy('resolvedAt', 'asc').orderBy('_id', 'asc').limit(limit + 1).field(FIELDS),
  );
  const fresh = page.filter((d) => new Date(d.resolvedAt!).getTime() > from.getTime() || d._id > lastId).slice(0, limit);
  const todo = fresh.filter((d) => isClosedCase(d.status) && (!d.caseIndex || d.caseIndexAt));
  const { indexed } = await indexCases(todo);
  const last = fresh[fresh.length - 1];
  const more = page.length > limit || fresh.length === limit;
  return { indexed, scanned: fresh.length, ...(more && last ? { cursor: `${new Date(last.resolvedAt!).toISOString()}|${last._id}` } : {}) };
}

interface TermWork {
  subcategory: string;
  term: string;
  add: Posting[];
  remove: Set<string>;
}

/** Index (or un-index) these tickets: postings replaced, counts adjusted, then each ticket's stamp cleared. */
export async function indexCases(cases: readonly IndexedFields[]): Promise<{ indexed: number; removed: number }> {
  if (!cases.length) return { indexed: 0, removed: 0 };
  const work = new Map<string, TermWork>();
  const slot = (subcategory: string, term: string): TermWork => {
    const id = caseTermId(subcategory, term);
    let w = work.get(id);
    if (!w) work.set(id, (w = { subcategory, term, add: [], remove: new Set() }));
    return w;
  };
  const stats = new Map<string, { n: number; totalLen: number }>();
  const bump = (sub: string, n: number, len: number) => {
    const s = stats.get(sub) ?? { n: 0, totalLen: 0 };
    stats.set(sub, { n: s.n + n, totalLen: s.totalLen + len });
  };
  const records = new Map<string, CaseIndexRecord | null>();
  let indexed = 0;
  let removed = 0;

  for (const c of cases) {
    const prev = c.caseIndex;
    let next: CaseIndexRecord | null = null;
    if (isClosedCase(c.status) && encodableId(c._id)) {
      const { tf, len } = caseTerms(textTerms(c.description));
      const at = new Date(c.resolvedAt ?? c.closedAt ?? c.createdAt).getTime();
      for (const [term, f] of tf) slot(c.subcategory, term).add.push([c._id, f, len, at, c.archivedAt ? 1 : 0]);
      next = { subcategory: c.subcategory, terms: [...tf.keys()], len };
      indexed++;
    } else if (prev) {
      removed++;
    }
    // Whatever the previous indexing put elsewhere (another subcategory, words no longer counted) goes.
    if (prev) {
      const kept = next && next.subcategory === prev.subcategory ? new Set(next.terms) : new Set<string>();
      for (const term of prev.terms) if (!kept.has(term)) slot(prev.subcategory, term).remove.add(c._id);
      bump(prev.subcategory, -1, -prev.len);
    }
    if (next) bump(next.subcategory, 1, next.len);
    records.set(c._id, next);
  }

  await writeTerms([...work.entries()]);
  // Counts after postings: a crash in between re-runs the batch, which at worst counts a case twice in `n`
  // (IDF slightly off) — never a posting twice.
  await Promise.all(
    [...stats].filter(([, d]) => d.n !== 0 || d.totalLen !== 0).map(([sub, d]) => addStats(sub, d.n, d.totalLen)),
  );
  await Promise.all(
    cases.map((c) => {
      const record = records.get(c._id);
      // Conditional on the stamp read: a ticket re-stamped meanwhile (reopened again) stays queued.
      const where = c.caseIndexAt ? { _id: c._id, caseIndexAt: c.caseIndexAt } : { _id: c._id };
      return collection('complaints').where(where).update({ data: { caseIndex: record ? _.set(record) : _.remove(), caseIndexAt: _.remove() } });
    }),
  );
  return { indexed, removed };
}

/** Read-merge-write of each term document, conditional on its version `v` (two indexers never lose postings). */
async function writeTerms(entries: Array<[string, TermWork]>): Promise<void> {
  const existing = new Map<string, CaseTermDoc>();
  for (let i = 0; i < entries.length; i += READ_CHUNK) {
    const ids = entries.slice(i, i + READ_CHUNK).map(([id]) => id);
    for (const d of await rows<CaseTermDoc>(collection('caseTerms').where({ _id: _.in(ids) }).limit(ids.length))) existing.set(d._id, d);
  }
  // New terms in one insert (most of a young index's writes); a duplicate (another indexer got there first)
  // sends the batch down the one-by-one path, which re-reads and merges.
  const fresh = entries.filter(([id]) => !existing.has(id));
  const created = new Set<string>();
  if (fresh.length) {
    const docs = fresh.flatMap(([id, w]) => {
      const { postings } = mergePostings([], w.add, w.remove);
      return postings.length ? [{ _id: id, subcategory: w.subcategory, term: w.term, df: postings.length, postings: encodePostings(postings), v: 1 } satisfies CaseTermDoc] : [];
    });
    try {
      for (let i = 0; i < docs.length; i += READ_CHUNK) if (docs.length) await collection('caseTerms').add({ data: docs.slice(i, i + READ_CHUNK) });
      for (const [id] of fresh) created.add(id);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  const rest = entries.filter(([id]) => !created.has(id));
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      const [id, w] = rest[next++]!;
      await writeTerm(id, w, existing.get(id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, rest.length) }, worker));
}

async function writeTerm(id: string, w: TermWork, current: CaseTermDoc | undefined, attempt = 0): Promise<void> {
  if (attempt > 5) throw new Error(`caseTerms ${id}: too many concurrent updates`);
  const retry = async () => writeTerm(id, w, (await rows<CaseTermDoc>(collection('caseTerms').where({ _id: id }).limit(1)))[0], attempt + 1);
  const before = decodePostings(current?.postings);
  const { postings, added } = mergePostings(before, w.add, w.remove);
  const removedHere = before.filter((p) => w.remove.has(p[0])).length;
  const df = Math.max(postings.length, (current?.df ?? 0) + added - removedHere);
  if (!current) {
    if (!postings.length) return;
    try {
      await collection('caseTerms').add({ data: { _id: id, subcategory: w.subcategory, term: w.term, df, postings: encodePostings(postings), v: 1 } satisfies CaseTermDoc });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await retry();
    }
    return;
  }
  const n = await updatedCount(collection('caseTerms').where({ _id: id, v: current.v }).update({ data: { postings: encodePostings(postings), df, v: current.v + 1 } }));
  if (n === 0) await retry();
}

async function addStats(subcategory: string, n: number, totalLen: number): Promise<void> {
  const id = caseStatId(subcategory);
  const updated = await updatedCount(collection('caseStats').where({ _id: id }).update({ data: { n: _.inc(n), totalLen: _.inc(totalLen) } }));
  if (updated) return;
  try {
    await collection('caseStats').add({ data: { _id: id, subcategory, n: Math.max(0, n), totalLen: Math.max(0, totalLen) } satisfies CaseStatDoc });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await addStats(subcategory, n, totalLen);
  }
}
