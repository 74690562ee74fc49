import type { DepartmentCode, Role } from '../../shared/auth/roles';

/**
 * Shapes of the seeded documents that shared/ does not declare yet (catalog documents come from
 * shared/catalog/model.ts). When shared/ gains these types, the seed should switch to them.
 */
export interface DepartmentDoc {
  _id: DepartmentCode;
  code: DepartmentCode;
  name: string;
  /** Openid of the department head: receives SLA warnings and breach escalations. */
  headOpenid: string;
  /** Name of the secret/environment key that holds the department's WeCom group-robot webhook URL (never the URL). */
  wecomWebhookKey: string;
  description: string;
}

export interface StaffDoc {
  /** The openid, so `doc(openid).get()` finds a caller's staff record. */
  _id: string;
  openid: string;
  name: string;
  role: Exclude<Role, 'customer'>;
  department?: DepartmentCode;
  /** Category and subcategory codes (DOMAIN.md taxonomy) this person handles; used for assignment. */
  skills: string[];
  onDuty: boolean;
  active: boolean;
  title: string;
}

export interface CustomerDoc {
  _id: string;
  openid: string;
  nickname: string;
  tier: 'regular' | 'vip';
  city: string;
  region: string;
  /** Purchases in the last 12 months, the basis of the VIP tier. */
  annualSpendFen: number;
  createdAt: Date;
}

export interface FaqDoc {
  _id: string;
  question: string;
  answer: string;
  /** Words a customer is likely to type, for suggestions while the complaint form is filled in. */
  keywords: string[];
  category: 'refund' | 'service' | 'quality' | 'delivery' | 'product' | 'store' | 'invoice';
  order: number;
  active: boolean;
}
