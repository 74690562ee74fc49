import type { CompensationAdvice, SimilarCase } from '@shared/api/functions/ticket';
import type { OrderDoc, ProductDoc, ShipmentDoc } from '@shared/catalog/model';
import { summarizeShipment } from '@shared/coldchain/excursion';
import { compensationKey } from '@shared/compensation/dedupe';
import { qcReviewRequired, suggestCompensation } from '@shared/compensation/rules';
import type { StaffRole } from '@shared/auth/roles';
import type { ComplaintDoc } from '@shared/complaint/document';
import { similarCase, suggestionView, thinReadings } from '@shared/staff/advice';
import { toIso } from '@shared/time/clock';
import { _, cloud } from '../../_server/cloud';
import { approvalFor } from '../../_server/compensation';
import { loadConfig } from '../../_server/config';
import { collection, getById, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { loadReadable } from './access';

/**
 * ticket.suggestCompensation: the rules (DOMAIN.md "Compensation") applied to this ticket's own evidence — the
 * order's promised and delivered times, the shipment's temperature log — with who must approve each offer for
 * this caller, and whether the order's one compensation for this issue is already taken.
 */
export async function suggestCompensationFor(input: { complaintId: string }, ctx: ActionContext): Promise<CompensationAdvice> {
  const [config, doc] = await Promise.all([loadConfig(), loadReadable(input.complaintId, ctx)]);
  const [[order], [shipment], claim] = await Promise.all([
    doc.orderNo ? rows<OrderDoc>(collection('orders').where({ orderNo: doc.orderNo }).limit(1)) : Promise.resolve([]),
    doc.orderNo ? rows<ShipmentDoc>(collection('shipments').where({ orderNo: doc.orderNo }).limit(1)) : Promise.resolve([]),
    doc.orderNo ? getById<{ complaintId: string }>('compensationClaims', compensationKey(doc.orderNo, doc.subcategory)) : Promise.resolve(undefined),
  ]);
  const productIds = [...new Set([...(order?.items.map((i) => i.productId) ?? []), ...(doc.productId ? [doc.productId] : [])])];
  const products = productIds.length ? await rows<ProductDoc>(collection('products').where({ _id: _.in(productIds) }).limit(productIds.length)) : [];
  const byId = new Map(products.map((p) => [p._id, p]));
  const summary = shipment ? summarizeShipment(shipment) : undefined;
  const suggestions = suggestCompensation(
    {
      category: doc.category,
      subcategory: doc.subcategory,
      foodSafety: doc.foodSafety,
      ...(doc.productId ? { productId: doc.productId } : {}),
      ...(order ? { order: { totalFen: order.totalFen, items: order.items, promisedBy: order.promisedBy, ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}) } } : {}),
      ...(summary ? { coldChain: summary } : {}),
    },
    config.compensation,
  );
  const role = ctx.caller.kind as StaffRole;
  let blockedBy: string | undefined;
  if (claim && claim.complaintId !== doc._id) {
    const other = await getById<Pick<ComplaintDoc, 'ticketNo'>>('complaints', claim.complaintId);
    blockedBy = `订单 ${doc.orderNo} 的这个问题已在工单 ${other?.ticketNo ?? claim.complaintId} 中补偿过（每个订单同一问题只补偿一次）`;
  }
  return {
    suggestions: suggestions.map((s) => suggestionView(s, approvalFor(role, s.offer.valueFen, doc.foodSafety, config), config.approval)),
    limits: config.approval,
    pointsPerYuan: config.compensation.pointsPerYuan,
    qcReview: qcReviewRequired(doc, config.compensation),
    ...(order
      ? {
          order: {
            orderNo: order.orderNo,
            totalFen: order.totalFen,
            paidAt: toIso(order.paidAt),
            promisedBy: toIso(order.promisedBy),
            ...(order.deliveredAt ? { deliveredAt: toIso(order.deliveredAt) } : {}),
            items: order.items.map((i) => ({ productId: i.productId, productName: byId.get(i.productId)?.name ?? i.productId, qty: i.qty, priceFen: i.priceFen })),
          },
        }
      : {}),
    ...(shipment && summary
      ? {
          coldChain: {
            thresholdCelsius: summary.thresholdCelsius,
            minutesAbove: summary.minutesAbove,
            ...(summary.maxCelsius !== undefined ? { maxCelsius: summary.maxCelsius } : {}),
            missingData: summary.missingData,
            readings: thinReadings(shipment.readings, summary.thresholdCelsius),
          },
        }
      : {}),
    ...(blockedBy ? { blockedBy } : {}),
    products: products.map((p) => ({ productId: p._id, name: `${p.name} ${p.spec}`, priceFen: p.priceFen })),
  };
}

const CASE_FIELDS = { _id: true, ticketNo: true, createdAt: true, resolvedAt: true, status: true, description: true, productName: true, rootCause: true, solution: true, compensation: true, rating: true };

/**
 * ticket.similarCases: the honest first version — resolved and closed tickets of the same subcategory, newest
 * first, with their root cause and solution (index subcategory_createdAt). Agents and heads see their department's.
 */
export async function similarCases(input: { complaintId: string; limit?: number }, ctx: ActionContext): Promise<{ items: SimilarCase[] }> {
  const doc = await loadReadable(input.complaintId, ctx);
  const scoped = ctx.caller.kind === 'agent' || ctx.caller.kind === 'head' ? { department: ctx.caller.department } : {};
  const list = await rows<ComplaintDoc>(
    collection('complaints')
      .where({ subcategory: doc.subcategory, status: _.in(['resolved', 'closed']), _id: _.neq(doc._id), ...scoped })
      .orderBy('createdAt', 'desc')
      .limit(input.limit ?? 5)
      .field(CASE_FIELDS),
  );
  return { items: list.map(similarCase) };
}

/** ticket.mediaUrls: temporary URLs of the ticket's photos and videos (the browser build cannot open cloud:// ids). */
export async function mediaUrls(input: { complaintId: string; of?: 'complaint' | 'sample' }, ctx: ActionContext): Promise<{ items: Array<{ fileId: string; url: string }> }> {
  const doc = await loadReadable(input.complaintId, ctx);
  const fileIds = input.of === 'sample' ? (doc.sample?.result?.photoFileIds ?? []) : doc.mediaFileIds;
  if (!fileIds.length) return { items: [] };
  const { fileList } = (await cloud.getTempFileURL({ fileList: fileIds })) as { fileList: Array<{ fileID: string; tempFileURL: string; status?: number }> };
  return { items: fileList.filter((f) => f.tempFileURL).map((f) => ({ fileId: f.fileID, url: f.tempFileURL })) };
}
