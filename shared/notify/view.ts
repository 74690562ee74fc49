import type { OutboxItem } from '../api/functions/notify';
import { toIso } from '../time/clock';
import type { OutboxDoc } from './outbox';

/** An outbox document as the admin's outbox screen shows it. */
export function outboxItem(doc: OutboxDoc, maxAttempts: number): OutboxItem {
  const iso = (d: Date | undefined) => (d ? toIso(d) : undefined);
  const item: OutboxItem = {
    id: doc._id,
    kind: doc.kind,
    audience: doc.audience,
    to: doc.to,
    complaintId: doc.complaintId,
    ticketNo: doc.ticketNo,
    level: doc.level,
    status: doc.status,
    attempts: doc.attempts,
    maxAttempts,
    nextAttemptAt: doc.status === 'pending' || doc.status === 'sending' ? iso(doc.nextAttemptAt) : undefined,
    createdAt: toIso(doc.createdAt),
    sentAt: iso(doc.sentAt),
    deadAt: iso(doc.deadAt),
    deferredAt: iso(doc.deferredAt),
    channel: doc.channel,
    providerId: doc.providerId,
    lastError: doc.lastError,
    data: doc.data ?? {},
    deliveries: (doc.deliveries ?? []).map((d) => ({ ...d, at: toIso(d.at) })),
  };
  // Leave out what is not there, so the JSON stays short.
  for (const key of Object.keys(item) as Array<keyof OutboxItem>) if (item[key] === undefined) delete item[key];
  return item;
}
