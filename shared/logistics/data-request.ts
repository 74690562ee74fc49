import type { ComplaintDoc } from '../complaint/document';
import type { OutboxMessage } from '../notify/outbox';

/** Subcategories whose evidence is the shipment's temperature log (DOMAIN.md: cold-chain break). */
export const COLD_CHAIN_SUBCATEGORIES: readonly string[] = ['cold_chain'];

export const isColdChainComplaint = (doc: Pick<ComplaintDoc, 'subcategory'>) => COLD_CHAIN_SUBCATEGORIES.includes(doc.subcategory);

/** The staff task asking logistics for a complaint's temperature data (tasks `_id` = dedupe key). */
export const dataRequestTaskKey = (complaintId: string) => `coldchain-data:${complaintId}`;

/**
 * The side effect intake queues for a cold-chain complaint that names an order: the notify drain looks at the
 * order's shipment and, when its temperature log is missing or has gaps, opens a task for logistics to supply it.
 * Doing it from the outbox keeps `complaint.submit` at its six round trips (the message travels in the outbox
 * write intake makes anyway) and makes it retried and de-duplicated like any other message.
 */
export function coldChainDataRequest(doc: Pick<ComplaintDoc, '_id' | 'ticketNo' | 'subcategory' | 'orderNo' | 'level'>): OutboxMessage | undefined {
  if (!isColdChainComplaint(doc) || !doc.orderNo) return undefined;
  return {
    dedupeKey: `coldchain-data:${doc._id}`,
    kind: 'coldchain_data_request',
    audience: 'system',
    to: 'logistics',
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    level: doc.level,
    data: { orderNo: doc.orderNo, ticketNo: doc.ticketNo },
  };
}
