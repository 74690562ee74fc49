import { DEFAULT_TAXONOMY, type Taxonomy } from '../complaint/taxonomy';
import { COMPENSATION_STATUS_LABELS, ISSUED_COMPENSATION_STATUSES, LIVE_COMPENSATION_STATUSES, type CompensationStatus } from './types';

/** DOMAIN.md: one compensation per order and issue (subcategory). */

export interface ExistingCompensation {
  orderNo?: string;
  subcategory: string;
  status: CompensationStatus;
  complaintId: string;
  ticketNo: string;
}

export interface CompensationCandidate {
  orderNo?: string;
  subcategory: string;
  complaintId: string;
}

export interface CompensationConflict {
  existing: ExistingCompensation;
  message: string;
}

const normOrderNo = (orderNo: string | undefined) => orderNo?.trim() || undefined;

/**
 * The record that blocks `candidate`, or `null`. Rejected and cancelled records never block. Within one complaint,
 * several pending parts are allowed (food safety = refund plus replacement, proposed together); once one was issued,
 * the complaint cannot compensate the same order and issue again. Without an order number there is no order to
 * compare, so no conflict.
 */
export function findConflictingCompensation(
  existing: readonly ExistingCompensation[],
  candidate: CompensationCandidate,
  taxonomy: Taxonomy = DEFAULT_TAXONOMY,
): CompensationConflict | null {
  const orderNo = normOrderNo(candidate.orderNo);
  if (!orderNo) return null;
  const blocking = existing.filter(
    (r) =>
      normOrderNo(r.orderNo) === orderNo &&
      r.subcategory === candidate.subcategory &&
      LIVE_COMPENSATION_STATUSES.includes(r.status) &&
      (r.complaintId !== candidate.complaintId || ISSUED_COMPENSATION_STATUSES.includes(r.status)),
  );
  if (blocking.length === 0) return null;
  // Name the one that went out if there is one: that is what the customer already has.
  const record = blocking.find((r) => ISSUED_COMPENSATION_STATUSES.includes(r.status)) ?? blocking[0];
  const issue = subcategoryLabel(taxonomy, candidate.subcategory);
  const where = ISSUED_COMPENSATION_STATUSES.includes(record.status)
    ? `已在工单 ${record.ticketNo} 中补偿过`
    : `已在工单 ${record.ticketNo} 中申请补偿（${COMPENSATION_STATUS_LABELS[record.status]}）`;
  return { existing: record, message: `订单 ${orderNo} 的「${issue}」问题${where}，同一订单同一问题只能补偿一次` };
}

/**
 * `<orderNo>:<subcategory>`, e.g. `SO20261117000146:cold_chain`: the key of a claim document (its `_id`) written with
 * the compensation and removed when it is rejected or cancelled, so the database itself refuses a second one.
 * (A unique index on the record would also block after a rejection.)
 */
export function compensationKey(orderNo: string, subcategory: string): string {
  return `${orderNo.trim()}:${subcategory.trim()}`;
}

function subcategoryLabel(taxonomy: Taxonomy, code: string): string {
  for (const category of taxonomy.categories) {
    const sub = category.subcategories.find((s) => s.code === code);
    if (sub) return sub.label;
  }
  return code;
}
