/** Who can call an action. `system` is a timer or another function, never a person. */
export const ROLES = ['customer', 'agent', 'head', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type CallerKind = Role | 'system';

export const STAFF_ROLES = ['agent', 'head', 'manager', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const DEPARTMENTS = ['qc', 'logistics', 'cs'] as const;
export type DepartmentCode = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_LABELS: Record<DepartmentCode, string> = {
  qc: '质检部',
  logistics: '物流部',
  cs: '客服部',
};

export const ROLE_LABELS: Record<Role, string> = {
  customer: '顾客',
  agent: '专员',
  head: '部门主管',
  manager: '经理',
  admin: '管理员',
};

/** The resolved identity of whoever called a function: from getWXContext(), never from input. */
export interface Caller {
  kind: CallerKind;
  openid?: string;
  name?: string;
  department?: DepartmentCode;
}

export const isStaffRole = (kind: CallerKind): kind is StaffRole => (STAFF_ROLES as readonly string[]).includes(kind);

/** Role groups used in action declarations. */
export const ANY_PERSON = ['customer', ...STAFF_ROLES] as const satisfies readonly CallerKind[];
export const STAFF = STAFF_ROLES;
export const LEADS = ['head', 'manager', 'admin'] as const satisfies readonly CallerKind[];
export const ADMINS = ['admin'] as const satisfies readonly CallerKind[];
