import type { StaffOption, StaffProfile } from '@shared/api/functions/ticket';
import { AppError } from '@shared/api/envelope';
import type { DepartmentCode } from '@shared/auth/roles';
import { OPEN_STATUSES } from '@shared/complaint/lifecycle';
import { auditEntry } from '@shared/staff/audit';
import { staffProfile, type StaffRecord } from '@shared/staff/model';
import { _, db } from '../../_server/cloud';
import { collection, isDuplicateKeyError, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

const $ = db.command.aggregate;


async function own(ctx: ActionContext): Promise<StaffRecord> {
  const [me] = await rows<StaffRecord>(collection('staff').where({ openid: ctx.caller.openid, active: true }).limit(1));
  if (!me) throw new AppError('FORBIDDEN', '没有找到您的员工资料');
  return me;
}

export async function profile(_input: object, ctx: ActionContext): Promise<StaffProfile> {
  return staffProfile(await own(ctx));
}

/** ticket.setOnDuty: the staff member's own switch; routing skips people off duty. Logged in the admin audit. */
export async function setOnDuty(input: { onDuty: boolean }, ctx: ActionContext): Promise<StaffProfile> {
  const me = await own(ctx);
  if ((me.onDuty !== false) === input.onDuty) return staffProfile(me);
  const now = ctx.now();
  await collection('staff').where({ _id: me._id }).update({ data: { onDuty: input.onDuty, updatedAt: now } });
  const entry = auditEntry(
    { at: now, actorOpenid: me.openid, actorName: me.name, target: `staff:${me.openid}`, action: input.onDuty ? 'on_duty' : 'off_duty', summary: `${me.name} ${input.onDuty ? '上岗' : '离岗'}`, before: { onDuty: !input.onDuty }, after: { onDuty: input.onDuty } },
    `duty:${now.getTime()}`,
  );
  try {
    await collection('audit').add({ data: entry });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  return staffProfile({ ...me, onDuty: input.onDuty });
}

/** ticket.staffOptions: who a ticket can go to, with on-duty state and open load (agents and heads: their department). */
export async function staffOptions(input: { department?: DepartmentCode }, ctx: ActionContext): Promise<{ items: StaffOption[] }> {
  let department = input.department;
  if (ctx.caller.kind === 'agent' || ctx.caller.kind === 'head') {
    if (department && department !== ctx.caller.department) throw new AppError('FORBIDDEN', '只能查看本部门的员工');
    department = ctx.caller.department;
  }
  const scope = department ? { department } : {};
  const [staff, loads] = await Promise.all([
    rows<StaffRecord>(collection('staff').where({ ...scope, active: true }).limit(200)),
    collection('complaints')
      .aggregate()
      .match({ ...scope, status: _.in([...OPEN_STATUSES]), assigneeOpenid: _.exists(true) })
      .group({ _id: '$assigneeOpenid', open: $.sum(1) })
      .limit(500)
      .end() as unknown as Promise<{ list: Array<{ _id: string; open: number }> }>,
  ]);
  const load = new Map(loads.list.map((l) => [l._id, l.open]));
  const rank = { agent: 0, head: 1, manager: 2, admin: 3 } as Record<string, number>;
  const items = staff
    .filter((s) => s.role !== 'admin')
    .map((s) => ({ ...staffProfile(s), openLoad: load.get(s.openid) ?? 0 }))
    .map(({ title: _t, ...s }) => s)
    .sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || rank[a.role] - rank[b.role] || a.openLoad - b.openLoad || a.name.localeCompare(b.name));
  return { items };
}
