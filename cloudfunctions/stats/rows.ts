import type { ComplaintDoc } from '@shared/complaint/document';
import type { StatsRow } from '@shared/stats/overview';
import { TERMS_PER_ROW } from '@shared/stats/rollup';
import { _ } from '../_server/cloud';
import { collection, rows } from '../_server/db';
import { textTerms } from '../_server/segment';

const PAGE = 1000;

/** What the dashboard reads of a complaint: never the phone or the customer id. */
export const STATS_FIELDS = {
  _id: true, createdAt: true, updatedAt: true, category: true, subcategory: true, department: true, level: true, status: true, foodSafety: true,
  channel: true, customerTier: true, productId: true, productName: true, batchId: true, batchNo: true, storeId: true, storeName: true,
  region: true, description: true, resolvedAt: true, 'sla.firstResponseDueAt': true, 'sla.resolveDueAt': true, 'sla.firstRespondedAt': true,
  'sla.resolvedAt': true, rating: true,
};

type Doc = Pick<ComplaintDoc, '_id' | 'createdAt' | 'updatedAt' | 'category' | 'subcategory' | 'department' | 'level' | 'status' | 'foodSafety' | 'channel' | 'customerTier' | 'productId' | 'productName' | 'batchId' | 'batchNo' | 'storeId' | 'storeName' | 'region' | 'description' | 'resolvedAt' | 'rating'> & {
  sla: Pick<ComplaintDoc['sla'], 'firstResponseDueAt' | 'resolveDueAt' | 'firstRespondedAt' | 'resolvedAt'>;
};

/**
 * Terms per description, reused within an instance: segmentation is the costly part of a row (~0.05 ms), and
 * the same texts come back with every changed ticket and every rollup of their day.
 */
const termsMemo = new Map<string, string[]>();
const TERMS_MEMO_MAX = 20_000;

function termsOf(text: string): string[] {
  let terms = termsMemo.get(text);
  if (!terms) {
    // Distinct terms in order of appearance, as many as a rollup tuple keeps.
    terms = [...new Set(textTerms(text))].slice(0, TERMS_PER_ROW);
    if (termsMemo.size >= TERMS_MEMO_MAX) termsMemo.delete(termsMemo.keys().next().value!);
    termsMemo.set(text, terms);
  }
  return terms;
}

export function toStatsRow(d: Doc): StatsRow {
  const row: StatsRow = {
    id: d._id,
    createdAt: d.createdAt,
    category: d.category,
    subcategory: d.subcategory,
    department: d.department,
    level: d.level,
    status: d.status,
    foodSafety: !!d.foodSafety,
    sla: {
      firstResponseDueAt: d.sla.firstResponseDueAt,
      ...(d.sla.resolveDueAt ? { resolveDueAt: d.sla.resolveDueAt } : {}),
      ...(d.sla.firstRespondedAt ? { firstRespondedAt: d.sla.firstRespondedAt } : {}),
      ...(d.sla.resolvedAt ? { resolvedAt: d.sla.resolvedAt } : {}),
    },
    terms: d.description ? termsOf(d.description) : [],
  };
  for (const k of ['channel', 'customerTier', 'productId', 'productName', 'batchId', 'batchNo', 'storeId', 'storeName', 'region', 'resolvedAt'] as const) {
    if (d[k] !== undefined && d[k] !== null && d[k] !== '') (row as unknown as Record<string, unknown>)[k] = d[k];
  }
  if (d.rating) row.rating = { stars: d.rating.stars, ...(d.rating.nps !== undefined ? { nps: d.rating.nps } : {}) };
  return row;
}

/**
 * Complaints created in [from, to), a page at a time (CloudBase answers at most 1000 per query), walking down
 * the indexed createdAt with `lte` the last instant seen and skipping the rows already taken at that instant.
 */
export async function fetchCreatedBetween(from: Date, to: Date, scope: object = {}, max = 100_000): Promise<StatsRow[]> {
  const out: StatsRow[] = [];
  let upper = to;
  let strict = true;
  let seen = new Set<string>();
  while (out.length < max) {
    const page = await rows<Doc>(
      collection('complaints')
        .where({ ...scope, createdAt: strict ? _.gte(from).and(_.lt(upper)) : _.gte(from).and(_.lte(upper)) })
        .orderBy('createdAt', 'desc')
        .limit(PAGE)
        .field(STATS_FIELDS),
    );
    const fresh = page.filter((r) => !seen.has(r._id));
    out.push(...fresh.map(toStatsRow));
    if (page.length < PAGE || !fresh.length) break;
    upper = page[page.length - 1].createdAt;
    strict = false;
    seen = new Set(page.filter((r) => r.createdAt.getTime() === upper.getTime()).map((r) => r._id));
  }
  return out;
}

/**
 * Complaints changed at or after `since` (indexed updatedAt), oldest change first, at most `max`; `complete`
 * is false when more changed than that.
 */
export async function fetchChangedSince(since: Date, max: number): Promise<{ rows: StatsRow[]; complete: boolean }> {
  const out: StatsRow[] = [];
  let lower = since;
  let seen = new Set<string>();
  while (out.length < max) {
    const page = await rows<Doc>(collection('complaints').where({ updatedAt: _.gte(lower) }).orderBy('updatedAt', 'asc').limit(PAGE).field(STATS_FIELDS));
    const fresh = page.filter((r) => !seen.has(r._id));
    out.push(...fresh.map(toStatsRow));
    if (page.length < PAGE) return { rows: out, complete: true };
    if (!fresh.length) break;
    lower = page[page.length - 1].updatedAt;
    seen = new Set(page.filter((r) => r.updatedAt.getTime() === lower.getTime()).map((r) => r._id));
  }
  return { rows: out, complete: false };
}

/** Only the days of complaints changed since `since` (createdAt), for the rollup's dirty set. */
export async function changedDaysSince(since: Date, toDay: (d: Date) => string): Promise<Set<string>> {
  const days = new Set<string>();
  let lower = since;
  let seen = new Set<string>();
  for (;;) {
    const page = await rows<{ _id: string; createdAt: Date; updatedAt: Date }>(
      collection('complaints').where({ updatedAt: _.gte(lower) }).orderBy('updatedAt', 'asc').limit(PAGE).field({ _id: true, createdAt: true, updatedAt: true }),
    );
    const fresh = page.filter((r) => !seen.has(r._id));
    for (const r of fresh) days.add(toDay(r.createdAt));
    if (page.length < PAGE || !fresh.length) return days;
    lower = page[page.length - 1].updatedAt;
    seen = new Set(page.filter((r) => r.updatedAt.getTime() === lower.getTime()).map((r) => r._id));
  }
}
