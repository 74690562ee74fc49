/**
 * Per-day rollup documents for the dashboard (collection `statsDaily`, `_id` = China calendar day): every
 * complaint created that day as one compact tuple, so the overview reads ≤ ~60 small documents instead of up to
 * 100,000 complaints, and still filters by any dimension in memory.
 *
 * Why tuples and not pre-summed counters: the filters (department, category, product, store, region, tier, …)
 * combine freely and the figures include percentiles, satisfaction and keywords; counters per combination grow
 * with the product of the dimensions, tuples with the complaints (~60–90 bytes each). Why one packed string:
 * CloudBase's wire format is EJSON, where every number becomes `{"$numberInt":"…"}` (5–10× its size), while a
 * string travels as itself. Pure: encode, decode and filter.
 */
import type { DepartmentCode } from '../auth/roles';
import type { Category, Channel, Level } from '../complaint/model';
import { chinaDate, CHINA_OFFSET_MS } from '../time/clock';
import type { CustomerTier, StatsRow } from './overview';

/** Terms kept per complaint: enough for its keywords, few enough to keep a day's document small. */
export const TERMS_PER_ROW = 8;

export interface DayDoc {
  _id: string;
  day: string;
  builtAt: Date;
  count: number;
  /** Every categorical value and term of the day, once; tuples refer to them by index. */
  dict: string[];
  /** One line per complaint (see `encodeDay`). */
  rows: string;
  /** The complaint ids, one per line in the same order (read only when a tuple must be replaced). */
  ids: string;
  /** Term document frequencies of the day (`<term index>:<count>` comma-separated): the keywords' background. */
  df: string;
}

/** Start of a China calendar day (`YYYY-MM-DD`) as an instant. */
export function dayStart(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - CHINA_OFFSET_MS);
}

/** The China calendar days from `from` (inclusive) to `to` (exclusive). */
export function daysBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = dayStart(chinaDate(from)).getTime(); t < to.getTime(); t += 86_400_000) out.push(chinaDate(t));
  return out;
}

export const SEP = '\u0001';
const b36 = (n: number) => Math.round(n).toString(36);
const rel = (d: Date | undefined, base: number) => (d ? b36(d.getTime() - base) : '');
const unrel = (s: string, base: number) => (s ? new Date(base + parseInt(s, 36)) : undefined);

/**
 * One day's rows as a document. A tuple: createdAt (ms into the day), then times relative to createdAt (first
 * response due, first responded, resolve due, SLA resolved, resolved), stars, NPS, food safety, then dictionary
 * indexes (category, subcategory, department, level, status, channel, tier, product, batch, store, region) and
 * the term indexes separated by spaces. Empty = absent.
 */
export function encodeDay(day: string, rows: readonly StatsRow[], builtAt: Date): DayDoc {
  const start = dayStart(day).getTime();
  const dict: string[] = [];
  const index = new Map<string, number>();
  const ref = (v: string | undefined) => {
    if (v === undefined || v === '') return '';
    let i = index.get(v);
    if (i === undefined) {
      i = dict.length;
      dict.push(v);
      index.set(v, i);
    }
    return b36(i);
  };
  const lines: string[] = [];
  const ids: string[] = [];
  const df = new Map<string, number>();
  for (const r of rows) {
    for (const t of new Set((r.terms ?? []).slice(0, TERMS_PER_ROW))) df.set(t, (df.get(t) ?? 0) + 1);
    const c = r.createdAt.getTime();
    lines.push(
      [
        b36(c - start),
        rel(r.sla.firstResponseDueAt, c),
        rel(r.sla.firstRespondedAt, c),
        rel(r.sla.resolveDueAt, c),
        rel(r.sla.resolvedAt, c),
        rel(r.resolvedAt, c),
        r.rating ? String(r.rating.stars) : '',
        r.rating?.nps !== undefined ? String(r.rating.nps) : '',
        r.foodSafety ? '1' : '',
        ref(r.category),
        ref(r.subcategory),
        ref(r.department),
        ref(r.level),
        ref(r.status),
        ref(r.channel),
        ref(r.customerTier),
        ref(r.productId ? `${r.productId}${SEP}${r.productName ?? ''}` : undefined),
        ref(r.batchId ? `${r.batchId}${SEP}${r.batchNo ?? ''}` : undefined),
        ref(r.storeId ? `${r.storeId}${SEP}${r.storeName ?? ''}` : undefined),
        ref(r.region),
        (r.terms ?? []).slice(0, TERMS_PER_ROW).map(ref).join(' '),
      ].join(','),
    );
    ids.push(r.id ?? '');
  }
  const dfText = [...df].map(([t, n]) => `${ref(t)}:${b36(n)}`).join(',');
  return { _id: day, day, builtAt, count: rows.length, dict, rows: lines.join('\n'), ids: ids.join('\n'), df: dfText };
}

/** The rows of a day document; `ids` (the document's `ids` field) when it was read. */
export function decodeDay(doc: Pick<DayDoc, 'day' | 'dict' | 'rows'> & { ids?: string }): StatsRow[] {
  if (!doc.rows) return [];
  const start = dayStart(doc.day).getTime();
  const dict = doc.dict;
  const at = (s: string) => (s === '' ? undefined : dict[parseInt(s, 36)]);
  const pair = (s: string) => {
    const v = at(s);
    if (v === undefined) return [undefined, undefined] as const;
    const i = v.indexOf(SEP);
    return [v.slice(0, i), v.slice(i + 1) || undefined] as const;
  };
  const ids = doc.ids?.split('\n');
  return doc.rows.split('\n').map((line, n) => {
    const f = line.split(',');
    const c = start + parseInt(f[0], 36);
    const [productId, productName] = pair(f[16]);
    const [batchId, batchNo] = pair(f[17]);
    const [storeId, storeName] = pair(f[18]);
    const resolvedAt = unrel(f[5], c);
    const slaResolved = unrel(f[4], c);
    const firstRespondedAt = unrel(f[2], c);
    const resolveDueAt = unrel(f[3], c);
    const row: StatsRow = {
      createdAt: new Date(c),
      category: at(f[9]) as Category,
      subcategory: at(f[10])!,
      department: at(f[11]) as DepartmentCode,
      level: at(f[12]) as Level,
      status: at(f[13])!,
      foodSafety: f[8] === '1',
      sla: { firstResponseDueAt: unrel(f[1], c)!, ...(resolveDueAt ? { resolveDueAt } : {}), ...(firstRespondedAt ? { firstRespondedAt } : {}), ...(slaResolved ? { resolvedAt: slaResolved } : {}) },
      terms: f[20] ? f[20].split(' ').map((t) => at(t)!) : [],
    };
    if (ids?.[n]) row.id = ids[n];
    if (resolvedAt) row.resolvedAt = resolvedAt;
    if (f[6]) row.rating = { stars: Number(f[6]), ...(f[7] ? { nps: Number(f[7]) } : {}) };
    const channel = at(f[14]);
    if (channel) row.channel = channel as Channel;
    const tier = at(f[15]);
    if (tier) row.customerTier = tier as CustomerTier;
    if (productId) Object.assign(row, { productId, ...(productName ? { productName } : {}) });
    if (batchId) Object.assign(row, { batchId, ...(batchNo ? { batchNo } : {}) });
    if (storeId) Object.assign(row, { storeId, ...(storeName ? { storeName } : {}) });
    const region = at(f[19]);
    if (region) row.region = region;
    return row;
  });
}

/** DOMAIN.md "Analytics" filters (and level and channel, which the rows carry anyway). */
export interface StatsFilters {
  department?: DepartmentCode;
  category?: Category;
  subcategory?: string;
  productId?: string;
  storeId?: string;
  region?: string;
  tier?: CustomerTier;
  level?: Level;
  channel?: Channel;
}

/** A complaint without a tier was filed before tiers were recorded: a regular customer. */
export function matchesFilters(r: StatsRow, f: StatsFilters): boolean {
  return (
    (!f.department || r.department === f.department) &&
    (!f.category || r.category === f.category) &&
    (!f.subcategory || r.subcategory === f.subcategory) &&
    (!f.productId || r.productId === f.productId) &&
    (!f.storeId || r.storeId === f.storeId) &&
    (!f.region || r.region === f.region) &&
    (!f.tier || (r.customerTier ?? 'regular') === f.tier) &&
    (!f.level || r.level === f.level) &&
    (!f.channel || r.channel === f.channel)
  );
}
