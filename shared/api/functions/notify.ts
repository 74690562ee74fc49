import { ADMINS } from '../../auth/roles';
import * as z from 'zod/mini';
import { OUTBOX_KINDS, OUTBOX_STATUSES, type DeliveryChannel, type OutboxAudience, type OutboxKind, type OutboxStatus } from '../../notify/outbox';
import { action } from '../action';
import { cursorSchema, idSchema, limitSchema, pingInput, type Page, type PingOutput } from '../common';
import type { TimerStatus } from './sla';

/** An outbox message as the admin's outbox screen shows it (times ISO-8601 +08:00). */
export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  audience: OutboxAudience;
  /** An openid or a department code (never a phone number: SMS numbers are read from the complaint at delivery). */
  to: string;
  complaintId?: string;
  ticketNo?: string;
  level?: string;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  /** Pending: when the next attempt is due; sending: when the current claim expires. */
  nextAttemptAt?: string;
  createdAt: string;
  sentAt?: string;
  deadAt?: string;
  deferredAt?: string;
  channel?: DeliveryChannel;
  providerId?: string;
  lastError?: string;
  data: Record<string, string>;
  deliveries: Array<{ at: string; attempt: number; channel: DeliveryChannel; ok: boolean; providerId?: string; error?: string; extra?: boolean }>;
}

/** What one drain did. */
export interface DrainResult {
  /** Messages this drain claimed and tried. */
  attempted: number;
  sent: number;
  /** Failed and scheduled again (backoff). */
  retried: number;
  dead: number;
  /** Staff alerts moved to the end of quiet hours. */
  deferred: number;
  /** Claimed by a concurrent drain first. */
  skipped: number;
  /** True when the time budget ran out with messages still due (the next run continues). */
  more: boolean;
  ms: number;
}

/** Outbox ids are dedupe keys (`receipt:<id>`, `sla:<id>:firstResponse:warning:<ms>:<openid>`): longer than other ids. */
const outboxIdSchema = z.string().check(z.trim(), z.minLength(1, '不能为空'), z.maxLength(200, '编号太长'), z.regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确'));

/** The notification outbox drainer (timer + on demand) and its admin screen. */
export const notify = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: ADMINS, errors: [] }),
  status: action<TimerStatus>()({ summary: '定时器最近一次运行', input: z.strictObject({}), roles: ADMINS, errors: [] }),
  list: action<Page<OutboxItem>>()({
    summary: '通知发件箱（按状态、类型、工单筛选，最新在前）',
    input: z.strictObject({
      status: z.optional(z.enum(OUTBOX_STATUSES, { error: '未知的状态' })),
      kind: z.optional(z.enum(OUTBOX_KINDS, { error: '未知的通知类型' })),
      complaintId: z.optional(idSchema),
      cursor: cursorSchema,
      limit: limitSchema,
    }),
    roles: ADMINS,
    errors: [],
  }),
  retry: action<OutboxItem>()({
    summary: '重新发送一条已放弃（死信）的通知',
    input: z.strictObject({ id: outboxIdSchema }),
    roles: ADMINS,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  drain: action<DrainResult>()({
    summary: '立即发送到期的通知（定时器每分钟也会执行）',
    input: z.strictObject({}),
    // `system`: another function may ask for a drain with cloud.callFunction.
    roles: [...ADMINS, 'system'],
    errors: [],
  }),
} as const;
