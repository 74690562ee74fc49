/**
 * What the company promises a customer, in the customer's words. Kept in one place so that the
 * home page, and later the form and receipt, say the same thing. Mirrors the default SLA (DOMAIN.md).
 */
export interface ServicePromise {
  key: string;
  title: string;
  detail: string;
}

export const SERVICE_PROMISES: readonly ServicePromise[] = [
  { key: 'food-safety', title: '食品安全问题 2 小时内响应', detail: '变质、异物、食用后不适等问题优先处理，质检专员直接跟进。' },
  { key: 'general', title: '一般问题 24 小时内回复', detail: '配送、口味、服务等问题，由对应部门专人负责到底。' },
  { key: 'progress', title: '进度随时可查', detail: '每一步处理都会记录，可在「我的投诉」查看最新状态。' },
];

/** One line for tight spaces (header, share text). */
export const PROMISE_SUMMARY = '食品安全问题 2 小时内响应 · 一般问题 24 小时内回复';

export interface ProcessStep {
  key: string;
  title: string;
  detail: string;
}

export const PROCESS_STEPS: readonly ProcessStep[] = [
  { key: 'submit', title: '提交', detail: '描述问题，可附照片' },
  { key: 'accept', title: '受理', detail: '生成工单号，专人负责' },
  { key: 'handle', title: '处理', detail: '调查原因，给出方案' },
  { key: 'confirm', title: '确认', detail: '您确认方案是否满意' },
  { key: 'rate', title: '评价', detail: '为这次服务打分' },
];
