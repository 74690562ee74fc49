import type { EventDoc } from '@shared/complaint/document';
import { collection, isDuplicateKeyError } from './db';

/**
 * Append to the audit log (collection `events`), in one round trip. Nothing updates or deletes an event.
 * Ids are deterministic (`<complaint>:v<version>:<n>` for state changes, `<complaint>:<action>:<requestId>`
 * for notes and replies), so a retried action never logs twice.
 */
export async function appendEvents(events: EventDoc[]): Promise<void> {
  if (!events.length) return;
  try {
    await collection('events').add({ data: events.length === 1 ? events[0] : events });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    for (const event of events) {
      try {
        await collection('events').add({ data: event });
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
      }
    }
  }
}
