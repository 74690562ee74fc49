import { AppError } from '@shared/api/envelope';
import type { DepartmentCode } from '@shared/auth/roles';
import type { Category } from '@shared/complaint/model';
import { computeOverview, type Overview, type StatsRow } from '@shared/stats/overview';
import { dayjs, TZ } from '@shared/time/clock';
import { _, db } from '../../_server/cloud';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

const $ = db.command.aggregate;
const PAGE = 1000;
const MAX_ROWS = 20_000;
const MAX_DAYS = 366;
/** Figures reused per instance for this long (a dashboard, not an inbox: half a minute behind is fine). */
const MEMO_MS = 30_000;
const MEMO_MAX = 20;
const memo = new Map<string, { at: number; overview: Overview }>();

const FIELDS = {
  createdAt: true, category: true, subcategory: true, department: true, level: true, status: true, foodSafety: true,
  productId: true, productName: true, batchId: true, batchNo: true, region: true, description: true, resolvedAt: true,
  'sla.firstResponseDueAt': true, 'sla.resolveDueAt': true, 'sla.firstRespondedAt': true, 'sla.resolvedAt': true, rating: true,
};

/**
 * stats.overview: heads see their department, managers and admins all (or one). The range is China calendar days,
 * `to` inclusive, 30 days by default; the previous period of the same length gives the category trend.
 */
export async function overview(input: { from?: string; to?: string; department?: DepartmentCode; category?: Category }, ctx: ActionContext): Promise<Overview> {
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
  const scope = { ...(department ? { department } : {}), ...(input.category ? { category: input.category } : {}) };
  const range = { from: from.toDate(), to: to.toDate() };
  // A dashboard is opened, refreshed and filtered back and forth: the same figures within half a minute are reused.
  const key = JSON.stringify([scope, range.from.getTime(), range.to.getTime()]);
  const hit = memo.get(key);
  if (hit && now.getTime() - hit.at < MEMO_MS && now.getTime() >= hit.at) return hit.overview;
  const previousFrom = from.subtract(days, 'day').toDate();

  const [list, previous] = await Promise.all([
    fetchRows({ ...scope, createdAt: _.gte(range.from).and(_.lt(range.to)) }, range),
    collection('complaints')
      .aggregate()
      .match({ ...scope, createdAt: _.gte(previousFrom).and(_.lt(range.from)) })
      .group({ _id: '$category', count: $.sum(1) })
      .end() as unknown as Promise<{ list: Array<{ _id: Category; count: number }> }>,
  ]);
  const result = computeOverview(list, Object.fromEntries(previous.list.map((p) => [p._id, p.count])), range, now);
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, { at: now.getTime(), overview: result });
  return result;
}

/** Slices of the range read in parallel: each is one indexed createdAt range, so no query needs an `or` cursor. */
const SLICES = 8;

/**
 * The rows of the range, a slice at a time and the slices in parallel (CloudBase answers at most 1000 per query).
 * A keyset cursor (`createdAt < t or (= t and _id < id)`) over the whole range made every page an `or` query the
 * index could not serve; plain createdAt ranges are index ranges, and the round trips overlap.
 */
async function fetchRows(where: Record<string, unknown> & { createdAt: unknown }, range: { from: Date; to: Date }): Promise<StatsRow[]> {
  const { createdAt: _whole, ...scope } = where;
  const span = range.to.getTime() - range.from.getTime();
  const bounds = Array.from({ length: SLICES + 1 }, (_, i) => new Date(range.from.getTime() + Math.round((span * i) / SLICES)));
  const slices = await Promise.all(bounds.slice(0, -1).map((from, i) => fetchSlice(scope, from, bounds[i + 1])));
  return slices.flat().slice(0, MAX_ROWS);
}

async function fetchSlice(scope: object, from: Date, to: Date): Promise<StatsRow[]> {
  const out: StatsRow[] = [];
  let upper = to;
  let seen = new Set<string>();
  while (out.length < MAX_ROWS) {
    const page = await rows<StatsRow & { _id: string }>(
      collection('complaints')
        .where({ ...scope, createdAt: _.gte(from).and(_.lte(upper)) })
        .orderBy('createdAt', 'desc')
        .limit(PAGE)
        .field({ ...FIELDS, _id: true }),
    );
    // `lte upper` re-reads the rows at the boundary instant: skip those already taken.
    const fresh = page.filter((r) => !seen.has(r._id) && r.createdAt.getTime() < to.getTime());
    out.push(...fresh);
    if (page.length < PAGE) break;
    upper = page[page.length - 1].createdAt;
    seen = new Set(page.filter((r) => r.createdAt.getTime() === upper.getTime()).map((r) => r._id));
    if (!fresh.length) break; // more than a page at one instant: cannot happen with real intake times
  }
  return out;
}
