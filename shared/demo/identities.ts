import type { DepartmentCode, Role } from '../auth/roles';

/** Demo identities that always exist in a fresh local environment (API.md). Openids are what getWXContext() reports. */
export interface DemoIdentity {
  openid: string;
  role: Role;
  name: string;
  department?: DepartmentCode;
  /** One line for the development identity picker. */
  hint: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'demo-customer-1', role: 'customer', name: '王女士', hint: '常客，成都，有近期订单' },
  { openid: 'demo-customer-2', role: 'customer', name: '李先生', hint: 'VIP 顾客，重庆' },
  { openid: 'demo-customer-3', role: 'customer', name: '陈同学', hint: '新顾客，在门店购买' },
  { openid: 'demo-agent-qc', role: 'agent', department: 'qc', name: '赵质检', hint: '质检部专员' },
  { openid: 'demo-agent-logistics', role: 'agent', department: 'logistics', name: '钱物流', hint: '物流部专员' },
  { openid: 'demo-agent-cs', role: 'agent', department: 'cs', name: '孙客服', hint: '客服部专员' },
  { openid: 'demo-head-qc', role: 'head', department: 'qc', name: '周主管', hint: '质检部主管' },
  { openid: 'demo-head-logistics', role: 'head', department: 'logistics', name: '吴主管', hint: '物流部主管' },
  { openid: 'demo-head-cs', role: 'head', department: 'cs', name: '郑主管', hint: '客服部主管' },
  { openid: 'demo-manager', role: 'manager', name: '冯经理', hint: '客户体验经理，审批与看板' },
  { openid: 'demo-admin', role: 'admin', name: '系统管理员', hint: '员工、配置与二维码' },
];

export const DEMO_CUSTOMERS = DEMO_IDENTITIES.filter((i) => i.role === 'customer');
export const DEMO_STAFF = DEMO_IDENTITIES.filter((i) => i.role !== 'customer');
