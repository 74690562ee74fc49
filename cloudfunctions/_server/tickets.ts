import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc, EventDoc } from '@shared/complaint/document';
import { scheduleFields } from '@shared/complaint/schedule';
import { needsCaseIndex } from '@shared/knowledge/similar';
import type { OutboxMessage } from '@shared/notify/outbox';
import { appendEvents } from './audit';
import { _ } from './cloud';
import type { AppConfig } from './config';
import { collection, getById, rows, updatedCount } from './db';
import { enqueue } from './outbox';

export const NOT_FOUND_COMPLAINT = '没有找到这张工单';

export async function loadComplaint(id: string): Promise<ComplaintDoc> {
  const doc = await getById<ComplaintDoc>('complaints', id);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND_COMPLAINT);
  return doc;
}

/** How much of a complaint's audit log a screen reads (oldest first). */
export const EVENTS_READ = 200;

/** The audit log of one complaint, oldest first (index complaint_at). */
export async function loadEvents(complaintId: string): Promise<EventDoc[]> {
  return rows<EventDoc>(collection('events').where({ complaintId }).orderBy('at', 'asc').limit(EVENTS_READ));
}

/** An event to log with a change; `_id` only when the action has its own idempotency key (a reply's requestId). */
export type NewEvent = Omit<EventDoc, '_id' | 'complaintId' | 'ticketNo' | 'at'> & { at?: Date; _id?: string };

export interface Change {
  /** Fields to set; `undefined` removes the field. */
  set: Partial<ComplaintDoc>;
  events: NewEvent[];
  messages?: OutboxMessage[];
}

/**
 * Apply one change to a complaint, conditional on the version read: a stale version (someone else changed
 * the ticket meanwhile) answers CONFLICT instead of overwriting their work. The derived schedule fields are
 * recomputed, the version increments, then the audit events and outbox messages are written (ids derived from
 * the new version, so a retry cannot log twice).
 */
export async function commitChange(doc: ComplaintDoc, change: Change, now: Date, config: AppConfig): Promise<ComplaintDoc> {
  // Resolving, closing, reopening or (un)archiving queues the ticket for the similar-case index (sla timer).
  if (needsCaseIndex(doc, { ...doc, ...change.set })) change = { ...change, set: { ...change.set, caseIndexAt: now } };
  const merged: ComplaintDoc = { ...doc, ...change.set, updatedAt: now, version: doc.version + 1 };
  const schedule = scheduleFields(merged, now, config);
  const next: ComplaintDoc = { ...merged, ...schedule };
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...change.set, ...schedule, updatedAt: now, version: next.version })) {
    // A nested object is merged field by field by CloudBase's update; `_.set` replaces it, which is what a new
    // solution or SLA record means (no stale field of the previous one may survive).
    data[key] = value === undefined ? _.remove() : isPlainObject(value) ? _.set(value) : value;
  }
  const updated = await updatedCount(collection('complaints').where({ _id: doc._id, version: doc.version }).update({ data }));
  if (updated === 0) throw new AppError('CONFLICT', '工单刚被其他人更新过，请刷新后再操作');

  const events: EventDoc[] = change.events.map(({ _id, at, ...e }, i) => ({
    _id: _id ?? `${doc._id}:v${next.version}:${i}`,
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    ...e,
    at: at ?? now,
  }));
  await Promise.all([appendEvents(events), enqueue(change.messages ?? [], now)]);
  return stripUndefined(next);
}

const isPlainObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
