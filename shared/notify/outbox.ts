/**
 * The outbox: every message or side effect is a document first, then delivered by the notify function with
 * retries (DESIGN.md principle 5). A unique `dedupeKey` makes enqueueing the same effect twice a no-op.
 */
export const OUTBOX_KINDS = [
  'receipt',
  'status_change',
  'solution_proposed',
  'survey',
  'staff_new_ticket',
  'staff_assist',
  'staff_approval',
  'staff_nudge',
  'staff_churn_risk',
  'compensation_issue',
  'sla_warning',
  'sla_breach',
  'sla_escalation',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export type OutboxAudience = 'customer' | 'staff' | 'department' | 'system';

export interface OutboxDoc {
  _id: string;
  dedupeKey: string;
  kind: OutboxKind;
  audience: OutboxAudience;
  /** An openid (customer, staff) or a department code (WeCom group). */
  to: string;
  complaintId?: string;
  ticketNo?: string;
  /** Plain values the channel adapters fit into templates (WeChat field limits are applied at delivery). */
  data: Record<string, string>;
  level?: string;
  status: 'pending' | 'sent' | 'failed' | 'dead';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
}

export type OutboxMessage = Pick<OutboxDoc, 'dedupeKey' | 'kind' | 'audience' | 'to' | 'data'> & Partial<Pick<OutboxDoc, 'complaintId' | 'ticketNo' | 'level'>>;

export function outboxDoc(message: OutboxMessage, now: Date): Omit<OutboxDoc, '_id'> {
  return { ...message, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
}
