import type { OverviewInput } from '@shared/api/functions/stats';
import { AppError } from '@shared/api/envelope';
import type { Category } from '@shared/complaint/model';
import { computeOverview, type DashboardOverview, type StatsRow } from '@shared/stats/overview';
import { dayStart, daysBetween, decodeDay, filterOptions, matchesFilters, mergeFresh, type DayDoc, type StatsFilters } from '@shared/stats/rollup';
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
  const { rows: all, freshness } = await rowsBetween(previousFrom, scope.to);
  const inScope = all.filter((r) => matchesFilters(r, scope.filters));
  const current: StatsRow[] = [];
  const previousByCategory: Partial<Record<Category, number>> = {};
  const previousTerms: Array<readonly string[]> = [];
  for (const r of inScope) {
    if (r.createdAt >= scope.from) current.push(r);
    else {
      previousByCategory[r.category] = (previousByCategory[r.category] ?? 0) + 1;
      if (r.terms?.length) previousTerms.push(r.terms);
    }
  }
  const figures = computeOverview(current, previousByCategory, { from: scope.from, to: scope.to }, now, { previousTerms });
  // The pickers offer what the department scope holds in the range, whatever else is picked.
  const department = scope.filters.department;
  const options = filterOptions(department ? all.filter((r) => r.createdAt >= scope.from && r.department === department) : all.filter((r) => r.createdAt >= scope.from));
  return { ...figures, freshness: { asOf: toIso(now), ...freshness }, options };
}

/**
 * Every complaint created in [from, to) as a stats row: from the day rollups where built, with the complaints
 * changed since the rollup's watermark replacing their stale tuples, and days not built yet (a fresh environment,
 * a rebuild in progress) read live.
 */
export async function rowsBetween(from: Date, to: Date): Promise<{ rows: StatsRow[]; freshness: Omit<DashboardOverview['freshness'], 'asOf'> }> {
  const days = daysBetween(from, to);
  const chunks: string[][] = [];
  for (let i = 0; i < days.length; i += DAYS_PER_QUERY) chunks.push(days.slice(i, i + DAYS_PER_QUERY));
  const [meta, ...docLists] = await Promise.all([getById<RollupMeta>('statsDaily', META_ID), ...chunks.map((c) => readDays(c, false))]);
  if (!meta) {
    // Before the first rollup: everything live (a fresh environment holds few complaints).
    const live = await fetchCreatedBetween(from, to);
    return { rows: live, freshness: { liveRows: live.length, partial: false } };
  }
  const docs = new Map(docLists.flat().map((d) => [d.day, d]));
  const dirty = new Set(meta.rebuild ? days : meta.dirty);
  const rolledDays = new Set(days.filter((d) => !dirty.has(d)));
  const unbuilt = days.filter((d) => dirty.has(d));

  const [fresh, ...liveDays] = await Promise.all([fetchChangedSince(meta.watermark, FRESH_MAX), ...contiguous(unbuilt).map(([a, b]) => fetchCreatedBetween(a, b))]);
  // The days whose stale tuples must go: read their ids (only now, and only those days).
  const touched = [...new Set(fresh.rows.map((r) => chinaDate(r.createdAt)))].filter((d) => rolledDays.has(d) && docs.get(d)?.count);
  const withIds = new Map((await readDays(touched, true)).map((d) => [d.day, d]));
  const rolled: StatsRow[] = [];
  for (const day of rolledDays) {
    const doc = withIds.get(day) ?? docs.get(day);
    if (doc) rolled.push(...decodeDay(doc));
  }
  const live = liveDays.flat();
  const inRange = (r: StatsRow) => r.createdAt >= from && r.createdAt < to;
  const merged = mergeFresh(rolled, fresh.rows.filter(inRange), (d) => rolledDays.has(d));
  return {
    rows: [...merged, ...live],
    freshness: { rolledUpAt: toIso(meta.builtAt), liveRows: fresh.rows.length + live.length, partial: !fresh.complete },
  };
}

async function readDays(days: string[], withIds: boolean): Promise<DayDoc[]> {
  if (!days.length) return [];
  return rows<DayDoc>(
    collection('statsDaily')
      .where({ _id: _.in(days) })
      .limit(days.length)
      .field({ day: true, count: true, dict: true, rows: true, builtAt: true, ...(withIds ? { ids: true } : {}) }),
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
