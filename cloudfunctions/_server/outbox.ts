import { outboxDoc, type OutboxMessage } from '@shared/notify/outbox';
import { addIgnoringDuplicates } from './db';

/**
 * Put messages in the outbox in one round trip. Each has a deterministic dedupe key (e.g. `receipt:<id>`), so a
 * retried action cannot enqueue the same message twice.
 */
export async function enqueue(messages: OutboxMessage[], now: Date): Promise<void> {
  await addIgnoringDuplicates('outbox', messages.map((m) => ({ _id: m.dedupeKey, ...outboxDoc(m, now) })));
}
