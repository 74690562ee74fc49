import type { OutboxKind } from './outbox';

/**
 * What each message says on each channel, as data (DESIGN.md principle 4): defaults here, overridable by the
 * `notify` configuration document. Texts use the placeholders of `render.ts`; field values are fitted to
 * WeChat's limits at delivery (`fields.ts`), so a template never has to count characters itself.
 */

// ── WeChat subscribe messages ─────────────────────────────────────────────────────────────────────────────
export const SUBSCRIBE_TEMPLATE_KEYS = ['receipt', 'status', 'solution', 'survey', 'staff'] as const;
export type SubscribeTemplateKey = (typeof SUBSCRIBE_TEMPLATE_KEYS)[number];

export interface SubscribeTemplate {
  /** The template to pick in the WeChat console (公共模板库), for whoever sets up the mini-program. */
  title: string;
  /** The function environment variable that holds this mini-program's template id. */
  env: string;
  /** The page the message opens; `{complaintId}` is filled in (the query is dropped when there is none). */
  page: string;
  /** The template's fields (type + number, as the console lists them) and what each shows. */
  fields: Record<string, string>;
}

const DETAIL_PAGE = 'packages/complaint/detail/index?id={complaintId}';

export const SUBSCRIBE_TEMPLATES: Record<SubscribeTemplateKey, SubscribeTemplate> = {
  receipt: {
    title: '投诉受理通知',
    env: 'SUBSCRIBE_TEMPLATE_RECEIPT',
    page: DETAIL_PAGE,
    fields: { character_string1: '工单号', thing2: '投诉问题', time3: '承诺联系时间', phrase4: '受理状态' },
  },
  status: {
    title: '投诉处理进度通知',
    env: 'SUBSCRIBE_TEMPLATE_STATUS',
    page: DETAIL_PAGE,
    fields: { character_string1: '工单号', thing2: '处理进度', time3: '更新时间' },
  },
  solution: {
    title: '处理方案确认提醒',
    env: 'SUBSCRIBE_TEMPLATE_SOLUTION',
    page: DETAIL_PAGE,
    fields: { character_string1: '工单号', thing2: '处理方案', time3: '提出时间', thing4: '温馨提示' },
  },
  survey: {
    title: '服务评价邀请',
    env: 'SUBSCRIBE_TEMPLATE_SURVEY',
    page: 'packages/complaint/rating/index?id={complaintId}',
    fields: { character_string1: '工单号', thing2: '评价邀请', time3: '结案时间' },
  },
  staff: {
    title: '工单待办提醒',
    env: 'SUBSCRIBE_TEMPLATE_STAFF',
    page: 'pages/workbench/index?id={complaintId}',
    fields: { character_string1: '工单号', thing2: '待办事项', phrase3: '紧急程度', time4: '提醒时间' },
  },
};

// ── SMS (Tencent Cloud) ───────────────────────────────────────────────────────────────────────────────────
export const SMS_TEMPLATE_KEYS = ['receipt', 'status', 'solution', 'survey'] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

export interface SmsTemplate {
  /** The function environment variable that holds the approved template's id. */
  env: string;
  /** The body to register in the SMS console; `{1}`, `{2}` are the parameters, in order. */
  text: string;
}

export const SMS_TEMPLATES: Record<SmsTemplateKey, SmsTemplate> = {
  receipt: { env: 'SMS_TEMPLATE_RECEIPT', text: '您的投诉已受理，工单号{1}，我们将在{2}前与您联系，可在微信小程序查看进度。' },
  status: { env: 'SMS_TEMPLATE_STATUS', text: '您的投诉{1}有新进展：{2}。详情请在微信小程序查看。' },
  solution: { env: 'SMS_TEMPLATE_SOLUTION', text: '您的投诉{1}已有处理方案，请尽快在微信小程序中确认。' },
  survey: { env: 'SMS_TEMPLATE_SURVEY', text: '您的投诉{1}已处理完毕，感谢耐心等待，欢迎在微信小程序为本次服务评价。' },
};

/**
 * Longest value of one SMS template variable. Tencent Cloud's limit depends on the variable's declared type
 * (a number/code type takes a ticket number like KS20261122-0042, 15 characters); 20 is a safe common bound.
 */
export const SMS_PARAM_MAX = 20;

// ── Per kind ──────────────────────────────────────────────────────────────────────────────────────────────
/** A message to a customer: the subscribe message when they consented, else the SMS. */
export interface CustomerTemplate {
  subscribe: { template: SubscribeTemplateKey; values: Record<string, string> };
  sms: { template: SmsTemplateKey; params: string[] };
  /** Values used when the message's data has none. */
  defaults?: Record<string, string>;
}

const progress = (event: string): CustomerTemplate => ({
  subscribe: { template: 'status', values: { character_string1: '{ticketNo}', thing2: event, time3: '{at}' } },
  sms: { template: 'status', params: ['{ticketNo}', event] },
});

export const CUSTOMER_TEMPLATES: Partial<Record<OutboxKind, CustomerTemplate>> = {
  receipt: {
    subscribe: { template: 'receipt', values: { character_string1: '{ticketNo}', thing2: '{issue}', time3: '{firstResponseDueAt|at}', phrase4: '{status}' } },
    sms: { template: 'receipt', params: ['{ticketNo}', '{firstResponseDueAt:short}'] },
    defaults: { issue: '您反馈的问题', status: '已受理' },
  },
  status_change: { ...progress('{event}'), defaults: { event: '处理进度有更新' } },
  solution_proposed: {
    subscribe: { template: 'solution', values: { character_string1: '{ticketNo}', thing2: '{summary|event}', time3: '{at}', thing4: '{tip}' } },
    sms: { template: 'solution', params: ['{ticketNo}'] },
    defaults: { event: '处理方案待您确认', tip: '请在小程序中确认或提出意见' },
  },
  survey: {
    subscribe: { template: 'survey', values: { character_string1: '{ticketNo}', thing2: '{prompt}', time3: '{at}' } },
    sms: { template: 'survey', params: ['{ticketNo}'] },
    defaults: { prompt: '问题已处理完毕，邀您评价' },
  },
  compensation_issue: { ...progress('补偿已发放：{summary}'), defaults: { summary: '请查看详情' } },
  // 寄样码 within WeChat's 20-character `thing` and the SMS parameter limit: `请寄回样品YP26112200421` is 18.
  sample_request: { ...progress('请寄回样品{returnCode}'), defaults: { returnCode: '（见小程序）' } },
  sample_result: { ...progress('{event}'), defaults: { event: '样品检测结果已出' } },
};

/** A kind with no customer template of its own (a new kind) still reaches the customer as a progress note. */
export const FALLBACK_CUSTOMER_TEMPLATE: CustomerTemplate = { ...progress('{event}'), defaults: { event: '处理进度有更新' } };

/** Staff alerts: the heading per kind; the same body for all (a line whose values are missing is left out). */
export const STAFF_TITLES: Partial<Record<OutboxKind, string>> = {
  receipt: '新投诉',
  status_change: '工单动态',
  solution_proposed: '方案动态',
  staff_new_ticket: '新工单',
  staff_assist: '协助请求',
  staff_approval: '待审批',
  staff_nudge: '顾客催办',
  staff_churn_risk: '流失预警',
  compensation_issue: '补偿待办理',
  sla_warning: 'SLA 即将超时',
  sla_breach: 'SLA 已超时',
  sla_escalation: 'SLA 超时升级',
  coldchain_data_request: '冷链数据请求',
  staff_batch_surge: '批次异常',
  sample_request: '寄样复检',
  sample_result: '复检结果',
};
export const FALLBACK_STAFF_TITLE = '工单提醒';

/**
 * WeCom group-robot markdown, one entry per line. `{heading}` is the level tag, the title and the ticket number;
 * `{mention}` names the staff member the alert is for.
 */
export const WECOM_LINES: string[] = [
  '### {heading}',
  '> 事项：<font color="warning">{event}</font>',
  '> 问题：{issue}',
  '> 级别：{level}',
  '> 定级原因：{levelReason}',
  '> 顾客意见：{reason}',
  '> 补偿：{summary}',
  '> 首次响应截止：{firstResponseDueAt:short}',
  '> 承诺截止：{dueAt:short}',
  '> 负责人：{assignee}',
  '{mention}',
];

/** The staff member's own subscribe message (when they consented), beside the group post. */
export const STAFF_SUBSCRIBE_VALUES: Record<string, string> = {
  character_string1: '{ticketNo}',
  thing2: '{title}：{event|issue}',
  phrase3: '{levelLabel}',
  time4: '{at}',
};

/** Levels as a phrase (WeChat's phrase type takes Chinese characters only). */
export const LEVEL_LABELS: Record<string, string> = { L1: '一级', L2: '二级', L3: '三级' };
