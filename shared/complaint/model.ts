import type { DepartmentCode } from '../auth/roles';

/** Machine statuses (API.md); the project may add states but keeps these meanings. */
export const STATUSES = [
  'submitted',
  'assigned',
  'investigating',
  'awaiting_customer',
  'escalated',
  'compensating',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof STATUSES)[number];

/** What the customer sees for each status (DOMAIN.md "Lifecycle"). */
export const CUSTOMER_STATUS_LABELS: Record<ComplaintStatus, string> = {
  submitted: '已受理',
  assigned: '处理中',
  investigating: '处理中',
  awaiting_customer: '待您确认',
  escalated: '处理中',
  compensating: '处理中',
  resolved: '已解决',
  closed: '已关闭',
};

export const LEVELS = ['L1', 'L2', 'L3'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { L1: '一级', L2: '二级', L3: '三级' };

export const CATEGORIES = ['quality', 'delivery', 'service', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  quality: '产品质量',
  delivery: '配送问题',
  service: '服务投诉',
  other: '其他',
};

export const CHANNELS = ['miniprogram', 'qr_package', 'qr_store', 'web', 'phone', 'order'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The fields of a stored complaint that the foundation already relies on (listMine, indexes).
 * The lifecycle issue extends this document; it does not rename these fields.
 */
export interface ComplaintCore {
  _id: string;
  ticketNo: string;
  customerOpenid: string;
  channel: Channel;
  status: ComplaintStatus;
  level: Level;
  category: Category;
  subcategory: string;
  department: DepartmentCode;
  createdAt: Date;
  updatedAt: Date;
  /** Next promised moment (first response or resolution), for countdowns. Absent once resolved. */
  nextDueAt?: Date;
}
