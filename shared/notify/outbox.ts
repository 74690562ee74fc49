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
  // SLA alerts (sla timer): to the assignee, the head or the manager, or the department's group.
  'sla_warning',
  'sla_breach',
  'sla_escalation',
  // A side effect rather than a message (audience `system`): open the logistics task asking for a cold-chain complaint's temperature data.
  'coldchain_data_request',
  // A batch surge opened a QC incident (surge detector): to the QC group, the QC head and the manager(s).
  'staff_batch_surge',
  // Sample re-inspection (寄样复检): the instructions and return code to the customer; the lab's result.
  'sample_request',
  'sample_result',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export type OutboxAudience = 'customer' | 'staff' | 'department' | 'system';

/**
 * `pending` → (claimed by a drain) `sending` → `sent`, or back to `pending` with a later `nextAttemptAt`
 * (backoff), or `dead` after the last attempt. While `sending`, `nextAttemptAt` is the claim's lease: a drain that
 * died mid-send leaves a message that the next drain takes again once the lease has run out.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** `task`: a `system` message's effect was done in the database (a staff task opened, or found not needed). */
export type DeliveryChannel = 'subscribe' | 'sms' | 'wecom' | 'task';

/** One channel tried in one attempt (kept on the document, newest last, for the admin's outbox view). */
export interface DeliveryRecord {
  at: Date;
  attempt: number;
  channel: DeliveryChannel;
  ok: boolean;
  /** The provider's id: WeChat msgid, the SMS serial number. */
  providerId?: string;
  /** Why it failed, e.g. `43101 user refuse to accept the msg`. */
  error?: string;
  /** A best-effort extra (a staff member's subscribe message beside the WeCom post). */
  extra?: boolean;
}

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
  status: OutboxStatus;
  attempts: number;
  /** When a drain should take it next (pending), or when its claim expires (sending). Indexed with status. */
  nextAttemptAt: Date;
  createdAt: Date;
  // Written by the notify function:
  /** The channel that delivered it, and the provider's id. */
  channel?: DeliveryChannel;
  providerId?: string;
  sentAt?: Date;
  deadAt?: Date;
  lastAttemptAt?: Date;
  lastError?: string;
  /** Quiet hours moved it (staff alerts below L1): the last time they did, for the admin's view. */
  deferredAt?: Date;
  deliveries?: DeliveryRecord[];
  /** Re-queued by an admin after it went dead (`notify.retry`). */
  requeuedAt?: Date;
  requeuedBy?: string;
}

export type OutboxMessage = Pick<OutboxDoc, 'dedupeKey' | 'kind' | 'audience' | 'to' | 'data'> & Partial<Pick<OutboxDoc, 'complaintId' | 'ticketNo' | 'level'>>;

export function outboxDoc(message: OutboxMessage, now: Date): Omit<OutboxDoc, '_id'> {
  return { ...message, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
}
