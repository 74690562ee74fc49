import { BIND_PAGE, type CreatedInvitation, type InvitationItem, type StaffItem } from '@shared/api/functions/admin';
import { AppError } from '@shared/api/envelope';
import { DEPARTMENT_LABELS, isStaffRole, ROLE_LABELS, type DepartmentCode, type StaffRole } from '@shared/auth/roles';
import { auditEntry } from '@shared/staff/audit';
import {
  checkInvitation,
  formatInvitationCode,
  invitationCodeFrom,
  invitationState,
  INVITATION_CODE_RE,
  leavesNoAdmin,
  normalizeInvitationCode,
  staffProfile,
  type InvitationDoc,
  type StaffRecord,
} from '@shared/staff/model';
import { toIso } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { pseudonym } from '../../_server/crypto';
import { collection, getById, isDuplicateKeyError, rows, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { actorOf, writeAudit } from './audit';

const DAY_MS = 86_400_000;
const MAX = 1000;

/** The stored id of a code: a keyed hash, so the database never holds a usable code. */
const invitationIdOf = (code: string) => pseudonym(`invitation-code:${code}`);

export function staffItem(s: StaffRecord): StaffItem {
  return { ...staffProfile(s), active: s.active !== false, ...(s.boundAt ? { boundAt: toIso(s.boundAt) } : {}), version: s.version ?? 0 };
}

function invitationItem(inv: InvitationDoc, now: Date, usedByName?: string): InvitationItem {
  return {
    invitationId: inv._id,
    codeHint: `••••••${inv.codeHint}`,
    name: inv.name,
    role: inv.role,
    ...(inv.department ? { department: inv.department } : {}),
    skills: inv.skills,
    state: invitationState(inv, now),
    createdAt: toIso(inv.createdAt),
    expiresAt: toIso(inv.expiresAt),
    ...(usedByName ? { usedByName } : {}),
    ...(inv.usedAt ? { usedAt: toIso(inv.usedAt) } : {}),
  };
}

const who = (role: StaffRole, department?: DepartmentCode) => `${department ? DEPARTMENT_LABELS[department] : '全公司'}${ROLE_LABELS[role]}`;

/**
 * admin.createInvitation: the code is derived from the admin and the request id (keyed hash), so a retried
 * request answers the same code instead of minting a second one.
 */
export async function createInvitation(
  input: { name: string; role: StaffRole; department?: DepartmentCode; skills?: string[]; expiresInDays?: number },
  ctx: ActionContext,
): Promise<CreatedInvitation> {
  const now = ctx.now();
  const code = invitationCodeFrom(Buffer.from(pseudonym(`invite:${ctx.caller.openid}:${ctx.requestId}`), 'hex'));
  const department = input.role === 'agent' || input.role === 'head' ? input.department : undefined;
  const doc: InvitationDoc = {
    _id: invitationIdOf(code),
    codeHint: code.slice(-2),
    name: input.name,
    role: input.role,
    ...(department ? { department } : {}),
    skills: input.skills ?? [],
    status: 'open',
    createdAt: now,
    createdBy: ctx.caller.openid!,
    expiresAt: new Date(now.getTime() + (input.expiresInDays ?? 7) * DAY_MS),
  };
  let stored = doc;
  try {
    await collection('invitations').add({ data: doc });
    await writeAudit(auditEntry({ at: now, ...actorOf(ctx), target: `invitation:${doc._id}`, action: 'create_invitation', summary: `邀请 ${input.name}（${who(input.role, department)}）`, after: { name: doc.name, role: doc.role, department: doc.department ?? null, skills: doc.skills } }, 'create'));
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    stored = (await getById<InvitationDoc>('invitations', doc._id)) ?? doc;
  }
  return { ...invitationItem(stored, now), code: formatInvitationCode(code), path: `${BIND_PAGE}?code=${code}` };
}

export async function listInvitations(_input: object, ctx: ActionContext): Promise<{ items: InvitationItem[] }> {
  const [list, staff] = await Promise.all([
    rows<InvitationDoc>(collection('invitations').orderBy('createdAt', 'desc').limit(200)),
    rows<StaffRecord>(collection('staff').field({ openid: true, name: true }).limit(MAX)),
  ]);
  const names = new Map(staff.map((s) => [s.openid, s.name]));
  const now = ctx.now();
  return { items: list.map((inv) => invitationItem(inv, now, inv.usedBy ? names.get(inv.usedBy) : undefined)) };
}

export async function revokeInvitation(input: { invitationId: string }, ctx: ActionContext): Promise<InvitationItem> {
  const inv = await getById<InvitationDoc>('invitations', input.invitationId);
  if (!inv) throw new AppError('NOT_FOUND', '没有找到这个邀请码');
  const now = ctx.now();
  if (inv.status === 'revoked') return invitationItem(inv, now);
  if (inv.status !== 'open') throw new AppError('CONFLICT', '邀请码已被使用，不能作废；如需停用请在员工列表中操作');
  const updated = await updatedCount(collection('invitations').where({ _id: inv._id, status: 'open' }).update({ data: { status: 'revoked', revokedAt: now } }));
  if (!updated) throw new AppError('CONFLICT', '邀请码刚被使用，请刷新后查看');
  await writeAudit(auditEntry({ at: now, ...actorOf(ctx), target: `invitation:${inv._id}`, action: 'revoke_invitation', summary: `作废给 ${inv.name} 的邀请码`, before: { status: 'open' }, after: { status: 'revoked' } }, 'revoke'));
  return invitationItem({ ...inv, status: 'revoked', revokedAt: now }, now);
}

/**
 * admin.bindStaff: the invited person (not staff yet, so any signed-in WeChat user may call it) turns their own
 * openid into a staff record. The invitation is taken by a conditional update (open → used), so two people
 * racing for one code get one staff record; the same person retrying gets the same answer.
 */
export async function bindStaff(input: { code: string }, ctx: ActionContext): Promise<StaffItem> {
  const openid = ctx.caller.openid!;
  const now = ctx.now();
  const code = normalizeInvitationCode(input.code);
  if (!INVITATION_CODE_RE.test(code)) throw new AppError('INVALID_INPUT', '邀请码格式不正确', { code: '邀请码是 8 位字母和数字' });
  let inv = await getById<InvitationDoc>('invitations', invitationIdOf(code));
  const replay = inv?.status === 'used' && inv.usedBy === openid;
  if (!replay && isStaffRole(ctx.caller.kind)) throw new AppError('CONFLICT', '您的微信已绑定员工身份，无需再次绑定');
  const check = checkInvitation(inv, openid, now);
  if (!check.ok) throw new AppError(check.code, check.message, { code: check.message });
  inv = inv!;

  if (!replay) {
    const taken = await updatedCount(collection('invitations').where({ _id: inv._id, status: 'open' }).update({ data: { status: 'used', usedBy: openid, usedAt: now } }));
    if (!taken) {
      const again = await getById<InvitationDoc>('invitations', inv._id);
      if (!(again?.status === 'used' && again.usedBy === openid)) throw new AppError('CONFLICT', '这个邀请码已经被使用过了', { code: '这个邀请码已经被使用过了' });
    }
  }
  const record: StaffRecord = {
    _id: openid,
    openid,
    name: inv.name,
    role: inv.role,
    ...(inv.department ? { department: inv.department } : {}),
    skills: inv.skills,
    onDuty: true,
    active: true,
    invitationId: inv._id,
    boundAt: inv.usedAt ?? now,
    updatedAt: now,
    version: 1,
  };
  const existing = await getById<StaffRecord>('staff', openid);
  if (!existing) {
    try {
      await collection('staff').add({ data: record });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  } else if (existing.invitationId !== inv._id) {
    // A former (deactivated) staff member invited again: the invitation decides the new role.
    const { _id, ...fields } = record;
    await collection('staff').where({ _id: openid }).update({ data: { ...fields, department: inv.department ?? _.remove(), version: (existing.version ?? 0) + 1 } });
  }
  await writeAudit(auditEntry({ at: now, actorOpenid: openid, actorName: inv.name, target: `staff:${openid}`, action: 'bind_staff', summary: `${inv.name} 用邀请码绑定为${who(inv.role, inv.department)}`, after: { role: inv.role, department: inv.department ?? null, invitationId: inv._id } }, `bind:${inv._id}`));
  return staffItem((await getById<StaffRecord>('staff', openid)) ?? record);
}

export async function listStaff(): Promise<{ items: StaffItem[] }> {
  const list = await rows<StaffRecord>(collection('staff').limit(MAX));
  const order = { admin: 0, manager: 1, head: 2, agent: 3 } as Record<string, number>;
  list.sort((a, b) => Number(b.active !== false) - Number(a.active !== false) || (a.department ?? '').localeCompare(b.department ?? '') || order[a.role] - order[b.role] || a.name.localeCompare(b.name));
  return { items: list.map(staffItem) };
}

interface StaffEdit {
  openid: string;
  version: number;
  name?: string;
  role?: StaffRole;
  department?: DepartmentCode | null;
  skills?: string[];
  onDuty?: boolean;
  active?: boolean;
  title?: string;
}

/** admin.updateStaff: conditional on the version read; refuses to leave the company without an active admin. */
export async function updateStaff(input: StaffEdit, ctx: ActionContext): Promise<StaffItem> {
  const current = await getById<StaffRecord>('staff', input.openid);
  if (!current) throw new AppError('NOT_FOUND', '没有找到这位员工');
  const version = current.version ?? 0;
  if (input.version !== version) throw new AppError('CONFLICT', '员工资料刚被其他人修改过，请刷新后再改');
  const role = input.role ?? current.role;
  const department = input.department === null ? undefined : (input.department ?? current.department);
  if ((role === 'agent' || role === 'head') && !department) throw new AppError('INVALID_INPUT', '专员和主管须选择部门', { department: '专员和主管须选择部门' });
  const demotes = (input.role !== undefined && input.role !== 'admin') || input.active === false;
  if (current.role === 'admin' && demotes) {
    const staff = await rows<StaffRecord>(collection('staff').where({ role: 'admin' }).limit(MAX));
    if (leavesNoAdmin(staff, current.openid, { role, active: input.active ?? current.active })) {
      throw new AppError('INVALID_INPUT', '至少要保留一位启用的管理员', { [input.active === false ? 'active' : 'role']: '至少要保留一位启用的管理员' });
    }
  }
  const now = ctx.now();
  const set: Record<string, unknown> = { role, department: department ?? _.remove(), updatedAt: now, version: version + 1 };
  for (const key of ['name', 'skills', 'onDuty', 'active', 'title'] as const) if (input[key] !== undefined) set[key] = input[key];
  const where = version === 0 ? { _id: current._id, version: _.exists(false) } : { _id: current._id, version };
  const updated = await updatedCount(collection('staff').where(where).update({ data: set }));
  if (!updated) throw new AppError('CONFLICT', '员工资料刚被其他人修改过，请刷新后再改');
  const next: StaffRecord = { ...current, ...(set as Partial<StaffRecord>), role, department, version: version + 1 };
  if (!department) delete next.department;
  const changes = describeChanges(current, next);
  await writeAudit(
    auditEntry(
      {
        at: now,
        ...actorOf(ctx),
        target: `staff:${current.openid}`,
        action: 'update_staff',
        summary: `修改 ${current.name}：${changes || '无变化'}`,
        before: pick(current),
        after: pick(next),
      },
      `v${version + 1}`,
    ),
  );
  return staffItem(next);
}

const pick = (s: StaffRecord) => ({ name: s.name, role: s.role, department: s.department ?? null, skills: s.skills, onDuty: s.onDuty, active: s.active, title: s.title ?? null });

function describeChanges(a: StaffRecord, b: StaffRecord): string {
  const out: string[] = [];
  if (a.name !== b.name) out.push(`姓名 ${a.name} → ${b.name}`);
  if (a.role !== b.role || a.department !== b.department) out.push(`${who(a.role, a.department)} → ${who(b.role, b.department)}`);
  if ((a.skills ?? []).join() !== (b.skills ?? []).join()) out.push('技能');
  if (a.onDuty !== b.onDuty) out.push(b.onDuty ? '上岗' : '离岗');
  if (a.active !== b.active) out.push(b.active ? '启用' : '停用');
  if ((a.title ?? '') !== (b.title ?? '')) out.push('职务');
  return out.join('，');
}
