import { outboxDoc, type OutboxMessage } from '@shared/notify/outbox';
import { collection, isDuplicateKeyError } from './db';

/**
 * Put messages in the outbox in one round trip. Each has a deterministic dedupe key (e.g. `receipt:<id>`), so a
 * retried action cannot enqueue the same message twice; a batch that collides is retried one by one.
 */
export async function enqueue(messages: OutboxMessage[], now: Date): Promise<void> {
  if (!messages.length) return;
  const docs = messages.map((m) => ({ _id: m.dedupeKey, ...outboxDoc(m, now) }));
  try {
    await collection('outbox').add({ data: docs.length === 1 ? docs[0] : docs });
  } catch (error) {
    if (!isDuplicateKeyError(error) || docs.length === 1) {
      if (isDuplicateKeyError(error)) return;
      throw error;
    }
    for (const doc of docs) {
      try {
        await collection('outbox').add({ data: doc });
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
      }
    }
  }
}
