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
  const previousFrom = from.subtract(days, 'day').toDate();

  const [list, previous] = await Promise.all([
    fetchRows({ ...scope, createdAt: _.gte(range.from).and(_.lt(range.to)) }),
    collection('complaints')
      .aggregate()
      .match({ ...scope, createdAt: _.gte(previousFrom).and(_.lt(range.from)) })
      .group({ _id: '$category', count: $.sum(1) })
      .end() as unknown as Promise<{ list: Array<{ _id: Category; count: number }> }>,
  ]);
  return computeOverview(list, Object.fromEntries(previous.list.map((p) => [p._id, p.count])), range, now);
}

/** The rows of the range, newest first, a page at a time (CloudBase answers at most 1000 per query). */
async function fetchRows(where: object): Promise<StatsRow[]> {
  const out: StatsRow[] = [];
  let before: { at: Date; id: string } | undefined;
  while (out.length < MAX_ROWS) {
    const cond = before ? _.and([where, _.or([{ createdAt: _.lt(before.at) }, { createdAt: before.at, _id: _.lt(before.id) }])]) : where;
    const page = await rows<StatsRow & { _id: string }>(collection('complaints').where(cond).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(PAGE).field({ ...FIELDS, _id: true }));
    out.push(...page);
    if (page.length < PAGE) break;
    const last = page[page.length - 1];
    before = { at: last.createdAt, id: last._id };
  }
  return out;
}
