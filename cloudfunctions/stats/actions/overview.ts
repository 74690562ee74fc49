import type { OverviewInput } from '@shared/api/functions/stats';
import { AppError } from '@shared/api/envelope';
import type { DashboardOverview, StatsRow } from '@shared/stats/overview';
import { overviewFromRollups } from '@shared/stats/rollup-overview';
import { dayStart, daysBetween, decodeDay, type DayDoc, type StatsFilters } from '@shared/stats/rollup';
import { chinaDate, dayjs, toIso, TZ } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { collection, getById, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { META_ID, type RollupMeta } from '../rollup';
import { fetchChangedSince, fetchCreatedBetween } from '../rows';

const MAX_DAYS = 366;
/** Complaints changed since the rollup read live per answer; the timer runs every 5 minutes, so this is plenty. */
const FRESH_MAX = 3000;
/** Day documents per query: several smaller answers overlap instead of one large one. */
const DAYS_PER_QUERY = 12;

export interface RangeScope {
  from: Date;
  to: Date;
  days: number;
  filters: StatsFilters;
}

/**
 * The range (China calendar days, `to` inclusive, 30 days by default) and the filters a caller may see: heads are
 * held to their department.
 */
export function rangeScope(input: OverviewInput, ctx: ActionContext): RangeScope {
  const now = ctx.now();
  let department = input.department;
  if (ctx.caller.kind === 'head') {
    if (department && department !== ctx.caller.department) throw new AppError('FORBIDDEN', '只能查看本部门的数据');
    department = ctx.caller.department;
  }
  const to = (input.to ? dayjs.tz(input.to, TZ) : dayjs(now).tz(TZ)).startOf('day').add(1, 'day');
  const from = input.from ? dayjs.tz(input.from, TZ).startOf('day') : to.subtract(30, 'day');
  const days = to.diff(from, 'day');
  if (days <= 0 || days > MAX_DAYS) throw new AppError('INVALID_INPUT', '日期范围无效', { from: `请选择 1–${MAX_DAYS} 天的范围` });
  const { from: _f, to: _t, ...filters } = input;
  return { from: from.toDate(), to: to.toDate(), days, filters: { ...filters, ...(department ? { department } : {}) } };
}

/**
 * stats.overview: heads see their department, managers and admins all (or one). The previous period of the same
 * length gives the category trend and the keywords' background.
 *
 * Reads the per-day rollups (`statsDaily`, built by the stats timer) instead of the complaints: ~60 documents for
 * a 30-day view however many complaints there are. On top, the complaints changed since the rollup ran (indexed
 * updatedAt) replace their stale tuples, and days the rollup has not built yet are read live — so the figures are
 * current, not five minutes old.
 */
export async function overview(input: OverviewInput, ctx: ActionContext): Promise<DashboardOverview> {
  const now = ctx.now();
  const scope = rangeScope(input, ctx);
  const previousFrom = new Date(scope.from.getTime() - scope.days * 86_400_000);
  const read = await readRollups(previousFrom, scope.to);
  const { overview: figures, options } = overviewFromRollups({ ...read, filters: scope.filters, range: { from: scope.from, to: scope.to }, previousFrom, now });
  return { ...figures, freshness: { asOf: toIso(now), ...read.freshness }, options };
}

interface RollupRead {
  /** Day documents of the built days. */
  docs: DayDoc[];
  /** Complaints read live: changed since the rollup's watermark, and every complaint of days not built yet. */
  extra: StatsRow[];
  /** Complaints whose tuples are stale. */
  skip: Set<string>;
  freshness: Omit<DashboardOverview['freshness'], 'asOf'>;
}

/**
 * What the figures for [from, to) are made of: the day rollups where built, the complaints changed since the
 * rollup's watermark (their stale tuples skipped), and days not built yet (a fresh environment, a rebuild in
 * progress) read live. Three rounds: the days and the meta; the changes and unbuilt days; the ids of days with
 * stale tuples (usually today's only).
 */
export async function readRollups(from: Date, to: Date): Promise<RollupRead> {
  const days = daysBetween(from, to);
  // Round 1: the meta and each day's build time — a few bytes per day.
  const stamps = await rows<{ _id: string; builtAt: Date; count?: number; watermark?: Date; dirty?: string[]; rebuild?: boolean }>(
    collection('statsDaily').where({ _id: _.in([META_ID, ...days]) }).limit(days.length + 1).field({ builtAt: true, count: true, watermark: true, dirty: true, rebuild: true }),
  );
  const meta = stamps.find((d) => d._id === META_ID) as RollupMeta | undefined;
  if (!meta) {
    // Before the first rollup: everything live (a fresh environment holds few complaints).
    const live = await fetchCreatedBetween(from, to);
    return { docs: [], extra: live, skip: new Set(), freshness: { liveRows: live.length, partial: false } };
  }
  const dirty = new Set(meta.rebuild ? days : meta.dirty);
  const built = stamps.filter((d) => d._id !== META_ID && !dirty.has(d._id));
  const unbuilt = days.filter((d) => dirty.has(d));
  // Round 2: the day documents this instance does not hold in that build yet, the changes since the watermark
  // and the days not built, in parallel.
  const missing = built.filter((d) => dayCache.get(d._id)?.builtAt.getTime() !== d.builtAt.getTime()).map((d) => d._id);
  const chunks: string[][] = [];
  for (let i = 0; i < missing.length; i += DAYS_PER_QUERY) chunks.push(missing.slice(i, i + DAYS_PER_QUERY));
  const [fresh, liveDays, ...docLists] = await Promise.all([
    fetchChangedSince(meta.watermark, FRESH_MAX),
    Promise.all(contiguous(unbuilt).map(([a, b]) => fetchCreatedBetween(a, b))),
    ...chunks.map((c) => readDays(c, false)),
  ]);
  for (const d of docLists.flat()) cacheDay(d);
  const docs = new Map<string, DayDoc>();
  for (const d of built) {
    const doc = dayCache.get(d._id);
    if (doc) docs.set(d._id, doc);
  }
  // Round 3: changed complaints of built days replace their tuples, so those days' ids are read (usually today's).
  const changedIn = fresh.rows.filter((r) => !dirty.has(chinaDate(r.createdAt)));
  const touched = [...new Set(changedIn.map((r) => chinaDate(r.createdAt)))].filter((d) => docs.get(d)?.count);
  for (const d of await readDays(touched, true)) docs.set(d.day, d);
  const live = liveDays.flat();
  return {
    docs: [...docs.values()],
    extra: [...changedIn.filter((r) => r.createdAt >= from && r.createdAt < to), ...live],
    skip: new Set(changedIn.map((r) => r.id!)),
    freshness: { rolledUpAt: toIso(meta.builtAt), liveRows: changedIn.length + live.length, partial: !fresh.complete },
  };
}

/**
 * Day documents this instance has read, by day. A built day changes only when the rollup rebuilds it, and every
 * answer checks each day's build time first, so a cached day is never stale; a warm instance re-reads only the
 * days rebuilt since (today's, mostly) instead of ~60 documents of up to ~100 KB each.
 */
const dayCache = new Map<string, DayDoc>();
const DAY_CACHE_MAX = 800;

function cacheDay(doc: DayDoc): void {
  dayCache.delete(doc.day);
  if (dayCache.size >= DAY_CACHE_MAX) dayCache.delete(dayCache.keys().next().value!);
  dayCache.set(doc.day, doc);
}

/** The complaints of [from, to) as rows (the weekly report reads a fortnight this way). */
export async function rowsBetween(from: Date, to: Date): Promise<StatsRow[]> {
  const read = await readRollups(from, to);
  const rolled = read.docs.flatMap((d) => decodeDay(d)).filter((r) => !r.id || !read.skip.has(r.id));
  return [...rolled, ...read.extra].filter((r) => r.createdAt >= from && r.createdAt < to);
}

async function readDays(days: string[], withIds: boolean): Promise<DayDoc[]> {
  if (!days.length) return [];
  return rows<DayDoc>(
    collection('statsDaily')
      .where({ _id: _.in(days) })
      .limit(days.length)
      .field({ day: true, count: true, dict: true, rows: true, df: true, builtAt: true, ...(withIds ? { ids: true } : {}) }),
  );
}

/** Runs of consecutive days as [start, end) instants, so unbuilt days are read in as few ranges as possible. */
function contiguous(days: string[]): Array<[Date, Date]> {
  const out: Array<[Date, Date]> = [];
  for (const d of [...days].sort()) {
    const start = dayStart(d);
    const end = new Date(start.getTime() + 86_400_000);
    const last = out[out.length - 1];
    if (last && last[1].getTime() === start.getTime()) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}
