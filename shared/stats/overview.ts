import { DEPARTMENTS, type DepartmentCode } from '../auth/roles';
import type { Category, Channel, Level } from '../complaint/model';
import { CATEGORIES, CATEGORY_LABELS } from '../complaint/model';
import { CHINA_OFFSET_MS, chinaDate } from '../time/clock';
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
const DAY_MS = 24 * HOUR_MS;

export interface OverviewOptions {
  /** A category this much above the previous period is an alert. */
  spikePct?: number;
  /** Terms of the previous period's complaints, added to the keywords' background set. */
  previousTerms?: Iterable<readonly string[]>;
  /** The keywords' background set as document frequencies; when given, the rows' own terms are not counted. */
  background?: { df: Map<string, number>; documents: number };
}

/**
 * One complaint as the accumulator reads it: times as epoch milliseconds, so a caller decoding thousands of
 * compact tuples fills one reused object instead of allocating rows and dates.
 */
export interface RowView {
  createdAt: number;
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
  frDue: number;
  frAt?: number;
  rsDue?: number;
  slaResolved?: number;
  resolved?: number;
  stars?: number;
  nps?: number;
  terms?: readonly string[];
}

export function rowView(r: StatsRow): RowView {
  return {
    createdAt: r.createdAt.getTime(),
    category: r.category,
    subcategory: r.subcategory,
    department: r.department,
    level: r.level,
    status: r.status,
    foodSafety: r.foodSafety,
    productId: r.productId,
    productName: r.productName,
    batchId: r.batchId,
    batchNo: r.batchNo,
    region: r.region,
    frDue: r.sla.firstResponseDueAt.getTime(),
    frAt: r.sla.firstRespondedAt?.getTime(),
    rsDue: r.sla.resolveDueAt?.getTime(),
    slaResolved: r.sla.resolvedAt?.getTime(),
    resolved: r.resolvedAt?.getTime(),
    stars: r.rating?.stars,
    nps: r.rating?.nps,
    terms: r.terms,
  };
}

/**
 * The dashboard's figures for one date range (DOMAIN.md "Analytics"): volume per day, shares, SLA compliance per
 * department (first response and resolution, among tickets whose target has come due or been met), time to
 * resolve, satisfaction and NPS, top products and batches, a product × region heatmap, a keyword cloud and alerts
 * (breaches open now, a category up ≥ 30 % on the previous period of the same length, batches with several
 * complaints). Pure: the function hands it the rows.
 */
export function computeOverview(rows: readonly StatsRow[], previousByCategory: Partial<Record<Category, number>>, range: { from: Date; to: Date }, now: Date, options: OverviewOptions = {}): Overview {
  const acc = new OverviewAccumulator(range, now);
  for (const r of rows) acc.add(rowView(r));
  return acc.result(previousByCategory, options);
}

/**
 * computeOverview one row at a time: the day rollups feed it straight from their tuples (no row objects), the
 * complaints read live feed it their rows, and both give the same figures.
 */
export class OverviewAccumulator {
  private readonly days: string[] = [];
  private readonly firstDay: number;
  private readonly dayCount: number[];
  private readonly dayFood: number[];
  private readonly cat = new Map<Category, number>();
  private readonly sub = new Map<string, number>();
  private readonly byLevel: Record<Level, number> = { L1: 0, L2: 0, L3: 0 };
  private readonly dept = new Map<DepartmentCode, { tickets: number; frDue: number; frMet: number; rsDue: number; rsMet: number; resolved: number }>();
  private readonly resolveHours: number[] = [];
  private readonly products = new Map<string, { name: string; count: number }>();
  private readonly batches = new Map<string, { batchNo?: string; productName?: string; count: number }>();
  private readonly heat = new Map<string, number>();
  private readonly stars: number[] = [];
  private readonly nps: number[] = [];
  private readonly recentTerms: Array<readonly string[]> = [];
  private readonly allTerms: Array<readonly string[]> = [];
  private readonly recentSince: number;
  private readonly nowMs: number;
  private total = 0;
  private open = 0;
  private foodSafety = 0;
  private breachedOpen = 0;

  constructor(private readonly range: { from: Date; to: Date }, now: Date) {
    for (let t = range.from.getTime(); t < range.to.getTime(); t += DAY_MS) this.days.push(chinaDate(t));
    this.firstDay = Math.floor((range.from.getTime() + CHINA_OFFSET_MS) / DAY_MS);
    this.dayCount = this.days.map(() => 0);
    this.dayFood = this.days.map(() => 0);
    this.recentSince = Math.max(range.from.getTime(), range.to.getTime() - KEYWORD_DAYS * DAY_MS);
    this.nowMs = now.getTime();
  }

  add(r: RowView): void {
    this.total++;
    const d = Math.floor((r.createdAt + CHINA_OFFSET_MS) / DAY_MS) - this.firstDay;
    if (d >= 0 && d < this.days.length) {
      this.dayCount[d]++;
      if (r.foodSafety) this.dayFood[d]++;
    }
    if (r.foodSafety) this.foodSafety++;
    this.cat.set(r.category, (this.cat.get(r.category) ?? 0) + 1);
    const subKey = `${r.category}.${r.subcategory}`;
    this.sub.set(subKey, (this.sub.get(subKey) ?? 0) + 1);
    this.byLevel[r.level]++;
    const isOpen = r.status !== 'resolved' && r.status !== 'closed';
    if (isOpen) this.open++;

    let dp = this.dept.get(r.department);
    if (!dp) this.dept.set(r.department, (dp = { tickets: 0, frDue: 0, frMet: 0, rsDue: 0, rsMet: 0, resolved: 0 }));
    dp.tickets++;
    const fr = r.frAt ?? r.slaResolved;
    if (fr !== undefined || r.frDue <= this.nowMs) {
      dp.frDue++;
      if (fr !== undefined && fr <= r.frDue) dp.frMet++;
    }
    const resolvedAt = r.slaResolved ?? r.resolved;
    if (r.rsDue !== undefined && (resolvedAt !== undefined || r.rsDue <= this.nowMs)) {
      dp.rsDue++;
      if (resolvedAt !== undefined && resolvedAt <= r.rsDue) dp.rsMet++;
      else if (resolvedAt === undefined && isOpen) this.breachedOpen++;
    }
    if (resolvedAt !== undefined) {
      dp.resolved++;
      this.resolveHours.push((resolvedAt - r.createdAt) / HOUR_MS);
    }

    if (r.productId) {
      let p = this.products.get(r.productId);
      if (!p) this.products.set(r.productId, (p = { name: r.productName ?? r.productId, count: 0 }));
      p.count++;
      const key = `${p.name}\u0000${r.region ?? '未知'}`;
      this.heat.set(key, (this.heat.get(key) ?? 0) + 1);
    }
    if (r.batchId) {
      let b = this.batches.get(r.batchId);
      if (!b) this.batches.set(r.batchId, (b = { batchNo: r.batchNo, productName: r.productName, count: 0 }));
      b.count++;
    }
    if (r.stars !== undefined) {
      this.stars.push(r.stars);
      if (r.nps !== undefined) this.nps.push(r.nps);
    }
    if (r.terms?.length) {
      this.allTerms.push(r.terms);
      if (r.createdAt >= this.recentSince) this.recentTerms.push(r.terms);
    }
  }

  result(previousByCategory: Partial<Record<Category, number>>, options: OverviewOptions = {}): Overview {
    const spikePct = options.spikePct ?? 30;
    const { total, resolveHours, nps, stars } = this;
    resolveHours.sort((a, b) => a - b);
    const promoters = nps.filter((n) => n >= 9).length;
    const detractors = nps.filter((n) => n <= 6).length;
    const byCategory = CATEGORIES.map((c) => {
      const count = this.cat.get(c) ?? 0;
      const previous = previousByCategory[c] ?? 0;
      return { category: c, count, share: total ? round1((count / total) * 100) / 100 : 0, previous, ...(previous ? { changePct: Math.round(((count - previous) / previous) * 100) } : {}) };
    });
    // Ties broken by id, and cells sorted: the same complaints give the same answer in whatever order they come.
    const topProducts = [...this.products.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, 10).map(([productId, p]) => ({ productId, productName: p.name, count: p.count }));
    const topBatches = [...this.batches.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, 10).map(([batchId, b]) => ({ batchId, ...b }));
    const heatProducts = topProducts.map((p) => p.productName);
    const cells = [...this.heat.entries()]
      .map(([k, count]) => {
        const [product, region] = k.split('\u0000');
        return { product, region, count };
      })
      .filter((c) => heatProducts.includes(c.product))
      .sort((a, b) => a.product.localeCompare(b.product) || a.region.localeCompare(b.region));

    const alerts: Overview['alerts'] = [];
    if (this.breachedOpen) alerts.push({ kind: 'breach', severity: 'high', message: `${this.breachedOpen} 张未解决的工单已超过解决时限` });
    for (const c of byCategory) {
      if (c.previous >= 3 && c.changePct !== undefined && c.changePct >= spikePct) alerts.push({ kind: 'category_spike', severity: 'medium', message: `「${CATEGORY_LABELS[c.category]}」投诉比上一周期增加 ${c.changePct}%（${c.previous} → ${c.count}）` });
    }
    for (const b of topBatches) if (b.count >= 3) alerts.push({ kind: 'batch_cluster', severity: 'high', message: `${b.productName ?? ''}批次 ${b.batchNo ?? b.batchId} 收到 ${b.count} 起投诉` });

    return {
      range: { from: this.range.from.toISOString(), to: this.range.to.toISOString(), days: this.days.length },
      total,
      foodSafety: this.foodSafety,
      open: this.open,
      volumeByDay: this.days.map((date, i) => ({ date, count: this.dayCount[i], foodSafety: this.dayFood[i] })),
      byCategory,
      bySubcategory: [...this.sub.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, count]) => {
        const [category, subcategory] = k.split('.') as [Category, string];
        return { category, subcategory, count, share: total ? round1((count / total) * 100) / 100 : 0 };
      }),
      byLevel: this.byLevel,
      slaByDepartment: DEPARTMENTS.map((department) => {
        const d = this.dept.get(department) ?? { tickets: 0, frDue: 0, frMet: 0, rsDue: 0, rsMet: 0, resolved: 0 };
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
      keywords: this.keywords(options),
      alerts,
    };
  }

  /** TF-IDF keywords of the range's last week against the background (the range and the previous period by default). */
  private keywords(options: OverviewOptions): Keyword[] {
    if (!this.recentTerms.length) return [];
    const allTerms = this.allTerms;
    function* background() {
      yield* allTerms;
      if (options.previousTerms) yield* options.previousTerms;
    }
    return tfidfKeywords(this.recentTerms, options.background ?? documentFrequencies(background()));
  }
}
