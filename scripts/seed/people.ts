import { DEPARTMENT_LABELS, DEPARTMENTS, type DepartmentCode } from '../../shared/auth/roles';
import { DEMO_CUSTOMERS, DEMO_STAFF } from '../../shared/demo/identities';
import type { CustomerDoc, DepartmentDoc, StaffDoc } from './types';

const DEPARTMENT_DESCRIPTIONS: Record<DepartmentCode, string> = {
  qc: '产品质量问题：变质、异味、异物、口味争议、份量、包装与外观，负责寄样复检',
  logistics: '配送问题：延迟、错送漏送、冷链失效、运输破损与配送员行为',
  cs: '服务与其他问题：态度、响应、退款售后、价格促销与发票',
};

/** Subcategory codes per department (DOMAIN.md taxonomy); a department's people handle its category. */
const DEPARTMENT_SKILLS: Record<DepartmentCode, string[]> = {
  qc: ['quality', 'spoiled', 'odor', 'foreign_object', 'undercooked', 'taste', 'short_weight', 'packaging', 'appearance'],
  logistics: ['delivery', 'late', 'wrong_item', 'missing_item', 'cold_chain', 'transit_damage', 'courier'],
  cs: ['service', 'other', 'attitude', 'slow_response', 'refund', 'request_ignored', 'price', 'promotion', 'unspecified'],
};

export function buildDepartments(): DepartmentDoc[] {
  return DEPARTMENTS.map((code) => {
    const head = DEMO_STAFF.find((s) => s.role === 'head' && s.department === code);
    if (!head) throw new Error(`no demo head for department ${code}`);
    return {
      _id: code,
      code,
      name: DEPARTMENT_LABELS[code],
      headOpenid: head.openid,
      wecomWebhookKey: `WECOM_WEBHOOK_${code.toUpperCase()}`,
      description: DEPARTMENT_DESCRIPTIONS[code],
    };
  });
}

export function buildStaff(): StaffDoc[] {
  return DEMO_STAFF.map((person) => {
    if (person.role === 'customer') throw new Error(`${person.openid} is not staff`);
    const skills = person.department
      ? DEPARTMENT_SKILLS[person.department]
      : person.role === 'manager'
        ? ['approval', 'escalation']
        : ['administration'];
    return {
      _id: person.openid,
      openid: person.openid,
      name: person.name,
      role: person.role,
      ...(person.department ? { department: person.department } : {}),
      skills: [...skills],
      onDuty: true,
      active: true,
      title: person.hint,
    };
  });
}

/** City and tier per demo customer, matching the identity picker's hints. */
const CUSTOMER_PROFILES: Record<string, Pick<CustomerDoc, 'tier' | 'city' | 'region' | 'annualSpendFen'> & { sinceDays: number }> = {
  'demo-customer-1': { tier: 'regular', city: '成都', region: '成都片区', annualSpendFen: 286_400, sinceDays: 420 },
  'demo-customer-2': { tier: 'vip', city: '重庆', region: '重庆片区', annualSpendFen: 1_268_000, sinceDays: 900 },
  'demo-customer-3': { tier: 'regular', city: '绵阳', region: '川北片区', annualSpendFen: 8_760, sinceDays: 5 },
};

export function buildCustomers(now: Date): CustomerDoc[] {
  return DEMO_CUSTOMERS.map((person) => {
    const profile = CUSTOMER_PROFILES[person.openid];
    if (!profile) throw new Error(`no demo profile for ${person.openid}`);
    const { sinceDays, ...rest } = profile;
    return {
      _id: person.openid,
      openid: person.openid,
      nickname: person.name,
      ...rest,
      createdAt: new Date(now.getTime() - sinceDays * 86_400_000),
    };
  });
}

export const customerProfile = (openid: string) => CUSTOMER_PROFILES[openid];
