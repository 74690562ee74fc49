import { AppError } from '@shared/api/envelope';
import type { DepartmentCode } from '@shared/auth/roles';
import { OPEN_STATUSES } from '@shared/complaint/lifecycle';
import { groupByCustomer, REPEAT_DAYS, REPEAT_MIN, vipFirst, type CustomerWatch, type WatchRow } from '@shared/stats/watch';
import { toIso } from '@shared/time/clock';
import { _, db } from '../../_server/cloud';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import type { TaskDoc } from '../../_server/tasks';

const $ = db.command.aggregate;
const LIST_MAX = 50;
const WATCH_FIELDS = { _id: true, customerOpenid: true, ticketNo: true, status: true, subcategory: true, createdAt: true, contactPhoneMasked: true, customerTier: true };

type Doc = Omit<WatchRow, 'complaintId'> & { _id: string };
const toRow = ({ _id, ...d }: Doc): WatchRow => ({ complaintId: _id, ...d });

/**
 * stats.customerWatch (heads: their department's complaints; managers: all): repeat complainants, churn-risk
 * customers and VIP customers with open complaints. Repeat complainants are counted by one aggregation (group by
 * customer over the indexed 30-day createdAt range), so the function never reads the month's complaints.
 */
export async function customerWatch(input: { department?: DepartmentCode }, ctx: ActionContext): Promise<CustomerWatch> {
  let department = input.department;
  if (ctx.caller.kind === 'head') {
    if (department && department !== ctx.caller.department) throw new AppError('FORBIDDEN', '只能查看本部门的数据');
    department = ctx.caller.department;
  }
  const now = ctx.now();
  const scope = department ? { department } : {};
  const since = new Date(now.getTime() - REPEAT_DAYS * 86_400_000);
  const [repeaters, tasks, vip] = await Promise.all([
    collection('complaints')
      .aggregate()
      .match({ ...scope, createdAt: _.gte(since) })
      .group({ _id: '$customerOpenid', n: $.sum(1) })
      .match({ n: _.gte(REPEAT_MIN) })
      .sort({ n: -1 })
      .limit(LIST_MAX)
      .end() as unknown as Promise<{ list: Array<{ _id: string; n: number }> }>,
    rows<TaskDoc>(collection('tasks').where({ kind: 'churn_risk', status: 'open', ...(department ? { department } : {}) }).limit(LIST_MAX)),
    rows<Doc>(collection('complaints').where({ customerTier: 'vip', status: _.in([...OPEN_STATUSES]), ...scope }).limit(200).field(WATCH_FIELDS)),
  ]);
  const repeatIds = repeaters.list.map((r) => r._id).filter(Boolean);
  const churnIds = [...new Set(tasks.map((t) => t.customerOpenid).filter((id): id is string => !!id))];
  const [repeatRows, churnRows] = await Promise.all([
    repeatIds.length ? rows<Doc>(collection('complaints').where({ customerOpenid: _.in(repeatIds), createdAt: _.gte(since), ...scope }).limit(1000).field(WATCH_FIELDS)) : [],
    // A churn-risk customer's tickets: the recent ones of any department (the task is about the customer).
    churnIds.length ? rows<Doc>(collection('complaints').where({ customerOpenid: _.in(churnIds), createdAt: _.gte(new Date(now.getTime() - 180 * 86_400_000)) }).limit(1000).field(WATCH_FIELDS)) : [],
  ]);
  return {
    asOf: toIso(now),
    repeat: vipFirst(groupByCustomer(repeatRows.map(toRow), (n) => `${REPEAT_DAYS} 天内投诉 ${n} 次`, REPEAT_MIN)).slice(0, LIST_MAX),
    churnRisk: vipFirst(groupByCustomer(churnRows.map(toRow), () => '连续不满意评价（流失预警）')).slice(0, LIST_MAX),
    vipOpen: groupByCustomer(vip.map(toRow), (n) => `VIP 顾客有 ${n} 张未结投诉`).slice(0, LIST_MAX),
  };
}
