import type { OutboxKind } from './outbox';
import { DEFAULT_QUIET_HOURS, isHhmm, type QuietHours } from './quiet-hours';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import {
  CUSTOMER_TEMPLATES,
  SMS_TEMPLATES,
  STAFF_SUBSCRIBE_VALUES,
  STAFF_TITLES,
  SUBSCRIBE_TEMPLATES,
  WECOM_LINES,
  type CustomerTemplate,
  type SmsTemplate,
  type SmsTemplateKey,
  type SubscribeTemplate,
  type SubscribeTemplateKey,
} from './templates';

/** The notification settings: defaults here, overridden by the `notify` document in `config`. */
export interface NotifyTemplates {
  subscribe: Record<SubscribeTemplateKey, SubscribeTemplate>;
  sms: Record<SmsTemplateKey, SmsTemplate>;
  customer: Partial<Record<OutboxKind, CustomerTemplate>>;
  staffTitles: Partial<Record<OutboxKind, string>>;
  wecomLines: string[];
  staffSubscribe: Record<string, string>;
}

export interface NotifyConfig {
  retry: RetryPolicy;
  quietHours: QuietHours;
  /** Messages a drain reads per query, and sends at once. */
  batchSize: number;
  concurrency: number;
  templates: NotifyTemplates;
}

export const DEFAULT_NOTIFY_CONFIG: NotifyConfig = {
  retry: DEFAULT_RETRY_POLICY,
  quietHours: DEFAULT_QUIET_HOURS,
  batchSize: 50,
  concurrency: 8,
  templates: {
    subscribe: SUBSCRIBE_TEMPLATES,
    sms: SMS_TEMPLATES,
    customer: CUSTOMER_TEMPLATES,
    staffTitles: STAFF_TITLES,
    wecomLines: WECOM_LINES,
    staffSubscribe: STAFF_SUBSCRIBE_VALUES,
  },
};

export type NotifyConfigOverride = {
  retry?: Partial<RetryPolicy>;
  quietHours?: Partial<QuietHours>;
  batchSize?: number;
  concurrency?: number;
  templates?: Partial<NotifyTemplates>;
};

const positive = (n: unknown, fallback: number, max = Infinity) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Defaults with an administrator's overrides. A value of the wrong shape keeps its default: a typo in the
 * configuration must not stop every notification.
 */
export function resolveNotifyConfig(override: unknown): NotifyConfig {
  if (!isRecord(override)) return DEFAULT_NOTIFY_CONFIG;
  const o = override as NotifyConfigOverride;
  const r = isRecord(o.retry) ? o.retry : {};
  const d = DEFAULT_RETRY_POLICY;
  const retry: RetryPolicy = {
    maxAttempts: Math.floor(positive(r.maxAttempts, d.maxAttempts, 100)),
    baseDelaySeconds: positive(r.baseDelaySeconds, d.baseDelaySeconds),
    factor: typeof r.factor === 'number' && r.factor >= 1 ? r.factor : d.factor,
    maxDelaySeconds: positive(r.maxDelaySeconds, d.maxDelaySeconds),
    leaseSeconds: positive(r.leaseSeconds, d.leaseSeconds),
  };
  const q = isRecord(o.quietHours) ? o.quietHours : {};
  const quietHours: QuietHours = {
    start: typeof q.start === 'string' && isHhmm(q.start) ? q.start : DEFAULT_QUIET_HOURS.start,
    end: typeof q.end === 'string' && isHhmm(q.end) ? q.end : DEFAULT_QUIET_HOURS.end,
    exemptLevels: Array.isArray(q.exemptLevels) ? q.exemptLevels.filter((l): l is string => typeof l === 'string') : DEFAULT_QUIET_HOURS.exemptLevels,
    audiences: Array.isArray(q.audiences) ? q.audiences.filter((a) => ['customer', 'staff', 'department'].includes(a)) : DEFAULT_QUIET_HOURS.audiences,
  };
  const t = isRecord(o.templates) ? o.templates : {};
  const base = DEFAULT_NOTIFY_CONFIG.templates;
  const templates: NotifyTemplates = {
    subscribe: { ...base.subscribe, ...(isRecord(t.subscribe) ? t.subscribe : {}) },
    sms: { ...base.sms, ...(isRecord(t.sms) ? t.sms : {}) },
    customer: { ...base.customer, ...(isRecord(t.customer) ? t.customer : {}) },
    staffTitles: { ...base.staffTitles, ...(isRecord(t.staffTitles) ? t.staffTitles : {}) },
    wecomLines: Array.isArray(t.wecomLines) && t.wecomLines.every((l) => typeof l === 'string') ? t.wecomLines : base.wecomLines,
    staffSubscribe: isRecord(t.staffSubscribe) ? (t.staffSubscribe as Record<string, string>) : base.staffSubscribe,
  };
  return {
    retry,
    quietHours,
    batchSize: Math.floor(positive(o.batchSize, DEFAULT_NOTIFY_CONFIG.batchSize, 100)),
    concurrency: Math.floor(positive(o.concurrency, DEFAULT_NOTIFY_CONFIG.concurrency, 20)),
    templates,
  };
}
