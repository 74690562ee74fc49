import type { DepartmentItem } from '@shared/api/functions/admin';
import { AppError } from '@shared/api/envelope';
import { DEPARTMENTS, type DepartmentCode } from '@shared/auth/roles';
import { auditEntry } from '@shared/staff/audit';
import { _ } from '../../_server/cloud';
import { collection, getById, rows, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { actorOf, writeAudit } from './audit';

/** A department document (seeded by the local cloud, created by the deploy step); `version` appears with the first save. */
interface DepartmentDoc {
  _id: DepartmentCode;
  code: DepartmentCode;
  name: string;
  description: string;
  headOpenid: string;
  wecomWebhookKey: string;
  version?: number;
}

interface HeadRow {
  openid: string;
  name: string;
  department?: DepartmentCode;
}

const activeHeads = () => rows<HeadRow>(collection('staff').where({ role: 'head', active: true }).field({ openid: true, name: true, department: true }).limit(200));

function item(doc: DepartmentDoc, heads: HeadRow[]): DepartmentItem {
  const own = heads.filter((h) => h.department === doc.code);
  return {
    code: doc.code,
    name: doc.name,
    description: doc.description,
    headOpenid: doc.headOpenid,
    ...(own.find((h) => h.openid === doc.headOpenid) ? { headName: own.find((h) => h.openid === doc.headOpenid)!.name } : {}),
    wecomWebhookKey: doc.wecomWebhookKey,
    version: doc.version ?? 0,
    heads: own.map((h) => ({ openid: h.openid, name: h.name })),
  };
}

/** admin.listDepartments: the fixed departments (codes route complaints) with the parts an admin may change. */
export async function listDepartments(): Promise<{ items: DepartmentItem[] }> {
  const [docs, heads] = await Promise.all([rows<DepartmentDoc>(collection('departments').where({ _id: _.in([...DEPARTMENTS]) }).limit(DEPARTMENTS.length)), activeHeads()]);
  return { items: DEPARTMENTS.flatMap((code) => docs.filter((d) => d._id === code)).map((d) => item(d, heads)) };
}

/**
 * admin.saveDepartment: who receives the department's SLA warnings and breaches (one of its active heads), which
 * environment variable holds its WeCom robot's webhook (a name, never the URL: the URL carries the robot's key),
 * and its description. Conditional on the version read; audited with before and after.
 */
export async function saveDepartment(
  input: { code: DepartmentCode; version: number; headOpenid: string; wecomWebhookKey: string; description: string },
  ctx: ActionContext,
): Promise<DepartmentItem> {
  const [doc, heads] = await Promise.all([getById<DepartmentDoc>('departments', input.code), activeHeads()]);
  if (!doc) throw new AppError('NOT_FOUND', '没有这个部门');
  if (!heads.some((h) => h.openid === input.headOpenid && h.department === input.code)) throw new AppError('INVALID_INPUT', undefined, { headOpenid: '请选择本部门在职的主管' });
  const version = doc.version ?? 0;
  const stale = () => new AppError('CONFLICT', '这个部门刚被其他人修改过，请刷新后再保存');
  if (version !== input.version) throw stale();
  const change = { headOpenid: input.headOpenid, wecomWebhookKey: input.wecomWebhookKey, description: input.description };
  // A document saved before has a version; the seeded one has none, which `version: 0` would not match.
  const where = version ? { _id: input.code, version } : { _id: input.code, version: _.exists(false) };
  const updated = await updatedCount(collection('departments').where(where).update({ data: { ...change, version: version + 1, updatedAt: ctx.now() } }));
  if (!updated) throw stale();
  const before = { headOpenid: doc.headOpenid, wecomWebhookKey: doc.wecomWebhookKey, description: doc.description };
  await writeAudit(
    auditEntry({ at: ctx.now(), ...actorOf(ctx), target: `department:${input.code}`, action: 'save_department', summary: `修改部门「${doc.name}」（第 ${version + 1} 版）`, before, after: change }, `v${version + 1}`),
  );
  return item({ ...doc, ...change, version: version + 1 }, heads);
}
