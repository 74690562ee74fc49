import type { EventDoc } from '@shared/complaint/document';
import { addIgnoringDuplicates } from './db';

/**
 * Append to the audit log (collection `events`), in one round trip. Nothing updates or deletes an event.
 * Ids are deterministic (`<complaint>:v<version>:<n>` for state changes, `<complaint>:<action>:<requestId>`
 * for notes and replies), so a retried action never logs twice.
 */
export async function appendEvents(events: EventDoc[]): Promise<void> {
  await addIgnoringDuplicates('events', events);
}
