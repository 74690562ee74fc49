import crypto from 'node:crypto';
import { AppError } from '@shared/api/envelope';
import type { Caller, StaffRole } from '@shared/auth/roles';
import type { ProductDoc } from '@shared/catalog/model';
import { canApprove, requiredApprover, type RequiredApprover } from '@shared/compensation/approval';
import { compensationKey, findConflictingCompensation, type ExistingCompensation } from '@shared/compensation/dedupe';
import { buildOffer, describeOffer } from '@shared/compensation/offer';
import { qcReviewRequired } from '@shared/compensation/rules';
import type { CompensationInput } from '@shared/compensation/schema';
import type { CompensationOffer, CompensationStatus } from '@shared/compensation/types';
import type { CompensationMirror, ComplaintDoc } from '@shared/complaint/document';
import { _ } from './cloud';
import type { AppConfig } from './config';
import { collection, isDuplicateKeyError, rows, updatedCount } from './db';

/** A compensation record (collection `compensations`); the complaint mirrors its id, summary and status. */
export interface CompensationDoc {
  _id: string;
  complaintId: string;
  ticketNo: string;
  customerOpenid: string;
  orderNo?: string;
  subcategory: string;
  offer: CompensationOffer;
  valueFen: number;
  summary: string;
  status: CompensationStatus;
  approvalNeeded: RequiredApprover;
  requiresQcReview: boolean;
  proposedBy: string;
  history: Array<{ at: Date; status: CompensationStatus; by: string; note?: string }>;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Who must approve an offer made by `role`: nobody within their limit, else the head or the manager. A food-safety
 * case always goes through QC review (the QC head at least), whoever proposes it.
 */
export function approvalFor(role: StaffRole, valueFen: number, foodSafety: boolean, config: AppConfig): RequiredApprover {
  const needed = requiredApprover(valueFen, config.approval);
  if (canApprove(role, valueFen, config.approval) && !(foodSafety && qcReviewRequired({ foodSafety }, config.compensation) && role === 'agent')) return 'none';
  return needed === 'none' ? 'head' : needed;
}

/**
 * Record the compensation offered with a solution. One per order and issue: a claim document keyed
 * `<orderNo>:<subcategory>` is created first, so the database refuses a second claim from another complaint.
 */
export async function createCompensation(complaint: ComplaintDoc, input: CompensationInput, proposer: Caller & { kind: StaffRole }, config: AppConfig, now: Date): Promise<CompensationMirror> {
  let prices: Record<string, number> = {};
  if (input.type === 'replacement') {
    const ids = input.items?.map((i) => i.productId) ?? [];
    const products = await rows<ProductDoc>(collection('products').where({ _id: _.in(ids) }).limit(ids.length));
    prices = Object.fromEntries(products.map((p) => [p._id, p.priceFen]));
  }
  const built = buildOffer(input, { priceFen: (id) => prices[id], pointsPerYuan: config.compensation.pointsPerYuan });
  if (!built.ok) throw new AppError('INVALID_INPUT', built.message, { [`compensation.${built.field}`]: built.message });
  const offer = built.offer;
  const approvalNeeded = approvalFor(proposer.kind, offer.valueFen, complaint.foodSafety, config);
  const id = crypto.randomBytes(16).toString('hex');

  if (complaint.orderNo) await claimSlot(complaint, id, config);
  const doc: CompensationDoc = {
    _id: id,
    complaintId: complaint._id,
    ticketNo: complaint.ticketNo,
    customerOpenid: complaint.customerOpenid,
    ...(complaint.orderNo ? { orderNo: complaint.orderNo } : {}),
    subcategory: complaint.subcategory,
    offer,
    valueFen: offer.valueFen,
    summary: describeOffer(offer),
    status: approvalNeeded === 'none' ? 'approved' : 'pending_approval',
    approvalNeeded,
    requiresQcReview: qcReviewRequired(complaint, config.compensation),
    proposedBy: proposer.openid ?? 'system',
    history: [{ at: now, status: approvalNeeded === 'none' ? 'approved' : 'pending_approval', by: proposer.openid ?? 'system' }],
    createdAt: now,
    updatedAt: now,
  };
  await collection('compensations').add({ data: doc });
  return { compensationId: id, type: offer.type, summary: doc.summary, valueFen: offer.valueFen, status: doc.status, approvalNeeded };
}

async function claimSlot(complaint: ComplaintDoc, compensationId: string, config: AppConfig): Promise<void> {
  const key = compensationKey(complaint.orderNo!, complaint.subcategory);
  try {
    await collection('compensationClaims').add({ data: { _id: key, complaintId: complaint._id, compensationId } });
    return;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const existing = await rows<CompensationDoc>(collection('compensations').where({ orderNo: complaint.orderNo, subcategory: complaint.subcategory }).limit(50));
  const conflict = findConflictingCompensation(existing as ExistingCompensation[], { orderNo: complaint.orderNo, subcategory: complaint.subcategory, complaintId: complaint._id }, config.taxonomy);
  if (conflict) throw new AppError('INVALID_INPUT', conflict.message, { compensation: conflict.message });
  // The claim is this complaint's own (a revised offer): it now points at the new record.
  await collection('compensationClaims').where({ _id: key }).update({ data: { complaintId: complaint._id, compensationId } });
}

/** Move a record along its statuses, conditional on the status read; a rejected or cancelled one frees the order's slot. */
export async function moveCompensation(mirror: CompensationMirror, complaint: ComplaintDoc, to: CompensationStatus, by: string, now: Date, note?: string): Promise<CompensationMirror> {
  const updated = await updatedCount(
    collection('compensations')
      .where({ _id: mirror.compensationId, status: mirror.status })
      .update({ data: { status: to, updatedAt: now, history: _.push([{ at: now, status: to, by, ...(note ? { note } : {}) }]) } }),
  );
  if (updated === 0) throw new AppError('CONFLICT', '补偿记录刚被更新过，请刷新后再操作');
  if ((to === 'rejected' || to === 'cancelled') && complaint.orderNo) {
    await collection('compensationClaims').where({ _id: compensationKey(complaint.orderNo, complaint.subcategory), compensationId: mirror.compensationId }).remove();
  }
  return { ...mirror, status: to };
}

/** Coupons and points are issued on the spot; a refund or a replacement is carried out by people, then marked done. */
export const issuesImmediately = (mirror: CompensationMirror) => mirror.type === 'coupon' || mirror.type === 'points';
