import { DEPARTMENTS, type DepartmentCode } from '../auth/roles';
import type { Category, Channel, Level } from '../complaint/model';
import { CATEGORIES, CATEGORY_LABELS } from '../complaint/model';
import { chinaDate } from '../time/clock';
import { documentFrequencies, tfidfKeywords, type Keyword } from './keywords';

export type CustomerTier = 'regular' | 'vip';

/** The fields of a complaint the dashboard reads (a projection: no phone, no customer id, no text — its terms). */
export interface StatsRow {
  /** The complaint's id: the rollup replaces a day's stale tuple by it. */
  id?: string;
  createdAt: Date;
  category: Category;
  subcategory: string;
  department: DepartmentCode;
  level: Level;
  status: string;
  foodSafety: boolean;
  productId?: string;
  productName?: string;
  batchId?: string;
  batchNo?: string;
  region?: string;
  storeId?: string;
  storeName?: string;
  channel?: Channel;
  customerTier?: CustomerTier;
  /** Segmented terms of the description (`shared/text/terms.ts`), for the keyword cloud. */
  terms?: readonly string[];
  resolvedAt?: Date;
  sla: { firstResponseDueAt: Date; resolveDueAt?: Date; firstRespondedAt?: Date; resolvedAt?: Date };
  rating?: { stars: number; nps?: number };
}

export interface Overview {
  range: { from: string; to: string; days: number };
  total: number;
  foodSafety: number;
  open: number;
  volumeByDay: Array<{ date: string; count: number; foodSafety: number }>;
  byCategory: Array<{ category: Category; count: number; share: number; previous: number; changePct?: number }>;
  bySubcategory: Array<{ category: Category; subcategory: string; count: number; share: number }>;
  byLevel: Record<Level, number>;
  slaByDepartment: Array<{ department: DepartmentCode; tickets: number; firstResponseMet: number; firstResponseRate?: number; resolutionMet: number; resolutionRate?: number; resolved: number }>;
  resolution: { resolved: number; meanHours?: number; p90Hours?: number };
  satisfaction: { ratings: number; meanStars?: number; nps?: number; promoters: number; passives: number; detractors: number };
  topProducts: Array<{ productId: string; productName: string; count: number }>;
  topBatches: Array<{ batchId: string; batchNo?: string; productName?: string; count: number }>;
  /** Product × region counts, for the heatmap. */
  heatmap: { products: string[]; regions: string[]; cells: Array<{ product: string; region: string; count: number }> };
  keywords: Keyword[];
  alerts: Array<{ kind: 'breach' | 'category_spike' | 'batch_cluster'; message: string; severity: 'high' | 'medium' }>;
}

/** What the dashboard gets: the figures, how fresh they are, and the values its pickers offer. */
export interface DashboardOverview extends Overview {
  freshness: {
    /** When these figures were computed (the answer's own time). */
    asOf: string;
    /** When the day rollups were last built; absent before the first run. */
    rolledUpAt?: string;
    /** Complaints read live on top of the rollup (changed since it ran, or days it has not built yet). */
    liveRows: number;
    /** More complaints changed since the rollup than one answer reads: the newest changes may be missing. */
    partial: boolean;
  };
  options: { products: Array<{ id: string; name: string }>; stores: Array<{ id: string; name: string }>; regions: string[] };
}

const HOUR_MS = 3_600_000;

function percentile(sorted: number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const rate = (met: number, of: number) => (of ? Math.round((met / of) * 1000) / 1000 : undefined);

/** The keyword cloud covers the last week of the range: "recent complaints", against the whole range as background. */
export const KEYWORD_DAYS = 7;

export interface OverviewOptions {
  /** A category this much above the previous period is an alert. */
  spikePct?: number;
  /** Terms of the previous period's complaints, added to the keywords' background set. */
  previousTerms?: Iterable<readonly string[]>;
}

/**
 * The dashboard's figures for one date range (DOMAIN.md "Analytics"): volume per day, shares, SLA compliance per
 * department (first response and resolution, among tickets whose target has come due or been met), time to
 * resolve, satisfaction and NPS, top products and batches, a product × region heatmap, a keyword cloud and alerts
 * (breaches open now, a category up ≥ 30 % on the previous period of the same length, batches with several
 * complaints). Pure: the function hands it the rows.
 */
export function computeOverview(rows: readonly StatsRow[], previousByCategory: Partial<Record<Category, number>>, range: { from: Date; to: Date }, now: Date, options: OverviewOptions = {}): Overview {
  const spikePct = options.spikePct ?? 30;
  const days: string[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += 24 * HOUR_MS) days.push(chinaDate(t));
  const byDay = new Map(days.map((d) => [d, { count: 0, foodSafety: 0 }]));
  const cat = new Map<Category, number>();
  const sub = new Map<string, number>();
  const byLevel: Record<Level, number> = { L1: 0, L2: 0, L3: 0 };
  const dept = new Map<DepartmentCode, { tickets: number; frDue: number; frMet: number; rsDue: number; rsMet: number; resolved: number }>();
  const resolveHours: number[] = [];
  const products = new Map<string, { name: string; count: number }>();
  const batches = new Map<string, { batchNo?: string; productName?: string; count: number }>();
  const heat = new Map<string, number>();
  const stars: number[] = [];
  const nps: number[] = [];
  let open = 0;
  let foodSafety = 0;
  let breachedOpen = 0;

  for (const r of rows) {
    const day = byDay.get(chinaDate(r.createdAt));
    if (day) {
      day.count++;
      if (r.foodSafety) day.foodSafety++;
    }
    if (r.foodSafety) foodSafety++;
    cat.set(r.category, (cat.get(r.category) ?? 0) + 1);
    sub.set(`${r.category}.${r.subcategory}`, (sub.get(`${r.category}.${r.subcategory}`) ?? 0) + 1);
    byLevel[r.level]++;
    const isOpen = r.status !== 'resolved' && r.status !== 'closed';
    if (isOpen) open++;

    const d = dept.get(r.department) ?? { tickets: 0, frDue: 0, frMet: 0, rsDue: 0, rsMet: 0, resolved: 0 };
    d.tickets++;
    const fr = r.sla.firstRespondedAt ?? r.sla.resolvedAt;
    if (fr || r.sla.firstResponseDueAt <= now) {
      d.frDue++;
      if (fr && fr <= r.sla.firstResponseDueAt) d.frMet++;
    }
    const resolvedAt = r.sla.resolvedAt ?? r.resolvedAt;
    if (r.sla.resolveDueAt && (resolvedAt || r.sla.resolveDueAt <= now)) {
      d.rsDue++;
      if (resolvedAt && resolvedAt <= r.sla.resolveDueAt) d.rsMet++;
      else if (!resolvedAt && isOpen) breachedOpen++;
    }
    if (resolvedAt) {
      d.resolved++;
      resolveHours.push((resolvedAt.getTime() - r.createdAt.getTime()) / HOUR_MS);
    }
    dept.set(r.department, d);

    if (r.productId) {
      const p = products.get(r.productId) ?? { name: r.productName ?? r.productId, count: 0 };
      p.count++;
      products.set(r.productId, p);
      const key = `${p.name}\u0000${r.region ?? '未知'}`;
      heat.set(key, (heat.get(key) ?? 0) + 1);
    }
    if (r.batchId) {
      const b = batches.get(r.batchId) ?? { batchNo: r.batchNo, productName: r.productName, count: 0 };
      b.count++;
      batches.set(r.batchId, b);
    }
    if (r.rating) {
      stars.push(r.rating.stars);
      if (r.rating.nps !== undefined) nps.push(r.rating.nps);
    }
  }

  const total = rows.length;
  resolveHours.sort((a, b) => a - b);
  const promoters = nps.filter((n) => n >= 9).length;
  const detractors = nps.filter((n) => n <= 6).length;
  const byCategory = CATEGORIES.map((c) => {
    const count = cat.get(c) ?? 0;
    const previous = previousByCategory[c] ?? 0;
    return { category: c, count, share: total ? round1((count / total) * 100) / 100 : 0, previous, ...(previous ? { changePct: Math.round(((count - previous) / previous) * 100) } : {}) };
  });
  // Ties broken by id, and cells sorted: the same complaints give the same answer in whatever order they come.
  const topProducts = [...products.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, 10).map(([productId, p]) => ({ productId, productName: p.name, count: p.count }));
  const topBatches = [...batches.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, 10).map(([batchId, b]) => ({ batchId, ...b }));
  const heatProducts = topProducts.map((p) => p.productName);
  const cells = [...heat.entries()].map(([k, count]) => {
    const [product, region] = k.split('\u0000');
    return { product, region, count };
  }).filter((c) => heatProducts.includes(c.product)).sort((a, b) => a.product.localeCompare(b.product) || a.region.localeCompare(b.region));

  const alerts: Overview['alerts'] = [];
  if (breachedOpen) alerts.push({ kind: 'breach', severity: 'high', message: `${breachedOpen} 张未解决的工单已超过解决时限` });
  for (const c of byCategory) {
    if (c.previous >= 3 && c.changePct !== undefined && c.changePct >= spikePct) alerts.push({ kind: 'category_spike', severity: 'medium', message: `「${CATEGORY_LABELS[c.category]}」投诉比上一周期增加 ${c.changePct}%（${c.previous} → ${c.count}）` });
  }
  for (const b of topBatches) if (b.count >= 3) alerts.push({ kind: 'batch_cluster', severity: 'high', message: `${b.productName ?? ''}批次 ${b.batchNo ?? b.batchId} 收到 ${b.count} 起投诉` });

  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), days: days.length },
    total,
    foodSafety,
    open,
    volumeByDay: days.map((date) => ({ date, ...byDay.get(date)! })),
    byCategory,
    bySubcategory: [...sub.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, count]) => {
      const [category, subcategory] = k.split('.') as [Category, string];
      return { category, subcategory, count, share: total ? round1((count / total) * 100) / 100 : 0 };
    }),
    byLevel,
    slaByDepartment: DEPARTMENTS.map((department) => {
      const d = dept.get(department) ?? { tickets: 0, frDue: 0, frMet: 0, rsDue: 0, rsMet: 0, resolved: 0 };
      return { department, tickets: d.tickets, firstResponseMet: d.frMet, firstResponseRate: rate(d.frMet, d.frDue), resolutionMet: d.rsMet, resolutionRate: rate(d.rsMet, d.rsDue), resolved: d.resolved };
    }),
    resolution: {
      resolved: resolveHours.length,
      ...(resolveHours.length ? { meanHours: round1(resolveHours.reduce((a, b) => a + b, 0) / resolveHours.length), p90Hours: round1(percentile(resolveHours, 90)!) } : {}),
    },
    satisfaction: {
      ratings: stars.length,
      ...(stars.length ? { meanStars: round1(stars.reduce((a, b) => a + b, 0) / stars.length) } : {}),
      ...(nps.length ? { nps: Math.round(((promoters - detractors) / nps.length) * 100) } : {}),
      promoters,
      passives: nps.length - promoters - detractors,
      detractors,
    },
    topProducts,
    topBatches,
    heatmap: { products: heatProducts, regions: [...new Set(cells.map((c) => c.region))].sort(), cells },
    keywords: keywordsOf(rows, range, options.previousTerms),
    alerts,
  };
}

/** TF-IDF keywords of the range's last week against the range (and the previous period, when given). */
function keywordsOf(rows: readonly StatsRow[], range: { from: Date; to: Date }, previousTerms?: Iterable<readonly string[]>): Keyword[] {
  const since = Math.max(range.from.getTime(), range.to.getTime() - KEYWORD_DAYS * 24 * HOUR_MS);
  const recent = rows.filter((r) => r.createdAt.getTime() >= since && r.terms?.length).map((r) => r.terms!);
  if (!recent.length) return [];
  function* background() {
    for (const r of rows) if (r.terms?.length) yield r.terms;
    if (previousTerms) yield* previousTerms;
  }
  return tfidfKeywords(recent, documentFrequencies(background()));
}
