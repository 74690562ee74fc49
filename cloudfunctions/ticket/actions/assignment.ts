import type { TicketChange } from '@shared/api/functions/ticket';
import { AppError } from '@shared/api/envelope';
import { DEPARTMENT_LABELS, type DepartmentCode } from '@shared/auth/roles';
import { checkMove, REASSIGNABLE_STATUSES } from '@shared/complaint/lifecycle';
import { loadConfig } from '../../_server/config';
import { collection, rows } from '../../_server/db';
import type { StaffRecord } from '@shared/staff/model';
import type { ActionContext } from '../../_server/define-function';
import { createTask } from '../../_server/tasks';
import { commitChange } from '../../_server/tickets';
import { actorOf, expectVersion, loadReadable, loadWorkable, who, ticketChange } from './access';

/** ticket.claim: an agent (or head) of the department takes an unassigned ticket; two at once → one wins, one CONFLICT. */
export async function claim(input: { complaintId: string; version: number }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadReadable(input.complaintId, ctx)]);
  expectVersion(doc, input.version);
  const move = checkMove(doc, actorOf(ctx), 'assigned', 'claim');
  if (!move.ok) throw new AppError(doc.status === 'submitted' ? 'FORBIDDEN' : 'CONFLICT', doc.status === 'submitted' ? '只有本部门的员工可以认领' : '这张工单已经有人负责了');
  const now = ctx.now();
  const updated = await commitChange(
    doc,
    {
      set: { status: 'assigned', statusChangedAt: now, assigneeOpenid: ctx.caller.openid, assigneeName: ctx.caller.name, assignedAt: now },
      events: [{ ...who(ctx), action: 'claim', from: doc.status, to: 'assigned', after: { assigneeOpenid: ctx.caller.openid }, note: `${DEPARTMENT_LABELS[doc.department]}专员已接手处理`, visibility: 'customer' }],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

/** What assigning reads of the chosen person. */
type Assignee = Pick<StaffRecord, 'openid' | 'name' | 'role' | 'department' | 'active'>;

/**
 * ticket.assign: a head (in their department), the manager or an admin hands the ticket to someone. Assigning to a
 * person of another department moves the ticket there (managers and admins only).
 */
export async function assign(input: { complaintId: string; assigneeOpenid: string; version?: number; note?: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc, [target]] = await Promise.all([
    loadConfig(),
    loadWorkable(input.complaintId, ctx),
    rows<Assignee>(collection('staff').where({ openid: input.assigneeOpenid, active: true }).limit(1)),
  ]);
  expectVersion(doc, input.version);
  const actor = actorOf(ctx);
  if (!['head', 'manager', 'admin'].includes(ctx.caller.kind) || (ctx.caller.kind === 'head' && ctx.caller.department !== doc.department)) {
    throw new AppError('FORBIDDEN', '只有部门主管或经理可以分派工单');
  }
  if (!target) throw new AppError('INVALID_INPUT', '没有找到这位员工', { assigneeOpenid: '没有找到这位在职员工' });
  if (!REASSIGNABLE_STATUSES.includes(doc.status)) throw new AppError('INVALID_INPUT', '已解决或已关闭的工单不能再分派', { complaintId: '已解决或已关闭的工单不能再分派' });
  const department = target.department ?? doc.department;
  if (department !== doc.department && ctx.caller.kind === 'head') throw new AppError('FORBIDDEN', '部门主管只能分派给本部门的员工');
  if (doc.assigneeOpenid === target.openid && department === doc.department) return ticketChange(doc);

  const now = ctx.now();
  const to = doc.status === 'submitted' ? 'assigned' : doc.status;
  if (doc.status === 'submitted' && !checkMove(doc, actor, 'assigned', 'assign').ok) throw new AppError('FORBIDDEN');
  const updated = await commitChange(
    doc,
    {
      set: { status: to, ...(to !== doc.status ? { statusChangedAt: now } : {}), assigneeOpenid: target.openid, assigneeName: target.name, assignedAt: now, department },
      events: [
        {
          ...who(ctx),
          action: 'assign',
          from: doc.status,
          to,
          before: { assigneeOpenid: doc.assigneeOpenid ?? null, department: doc.department },
          after: { assigneeOpenid: target.openid, department },
          note: input.note ?? `改派给 ${target.name}`,
          visibility: 'internal',
        },
      ],
      messages: [{ dedupeKey: `assigned:${doc._id}:v${doc.version}:${target.openid}`, kind: 'staff_new_ticket', audience: 'staff', to: target.openid, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: '工单已分派给您' } }],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

/** ticket.requestAssist: another department joins — it can read the ticket, add notes, and gets its own task. */
export async function requestAssist(input: { complaintId: string; department: DepartmentCode; note: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadWorkable(input.complaintId, ctx)]);
  if (input.department === doc.department) throw new AppError('INVALID_INPUT', '请选择其他部门', { department: '工单已在该部门，请选择其他部门' });
  if (!REASSIGNABLE_STATUSES.includes(doc.status)) throw new AppError('INVALID_INPUT', '已解决或已关闭的工单不能再请求协助', { complaintId: '工单已结束' });
  const now = ctx.now();
  await createTask({ dedupeKey: `assist:${doc._id}:${input.department}`, kind: 'assist', department: input.department, complaintId: doc._id, ticketNo: doc.ticketNo, note: input.note }, now);
  if (doc.assistDepartments.includes(input.department)) return ticketChange(doc);
  const updated = await commitChange(
    doc,
    {
      set: { assistDepartments: [...doc.assistDepartments, input.department] },
      events: [
        { ...who(ctx), action: 'assist', after: { department: input.department, note: input.note }, note: `已请${DEPARTMENT_LABELS[input.department]}协助调查`, visibility: 'customer' },
      ],
      messages: [{ dedupeKey: `assist:${doc._id}:${input.department}`, kind: 'staff_assist', audience: 'department', to: input.department, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: `请求协助：${input.note}` } }],
    },
    now,
    config,
  );
  return ticketChange(updated);
}
