import type { CompensationAdvice, SimilarCase } from '@shared/api/functions/ticket';
import type { OrderDoc, ProductDoc, ShipmentDoc } from '@shared/catalog/model';
import { summarizeShipment } from '@shared/coldchain/excursion';
import { compensationKey } from '@shared/compensation/dedupe';
import { qcReviewRequired, suggestCompensation } from '@shared/compensation/rules';
import type { StaffRole } from '@shared/auth/roles';
import type { ComplaintDoc } from '@shared/complaint/document';
import { caseStatId, caseTermId, decodePostings, MIN_SUBCATEGORY_CASES, outcomeBoost, queryTerms, scoreCases, topCases, type CaseStatDoc, type CaseTermDoc, type ScoredCase } from '@shared/knowledge/similar';
import { similarCase, subcategoryLabels, suggestionView, thinReadings } from '@shared/staff/advice';
import { toIso } from '@shared/time/clock';
import { _, cloud } from '../../_server/cloud';
import { approvalFor } from '../../_server/compensation';
import { loadConfig } from '../../_server/config';
import { collection, getById, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { textTerms } from '../../_server/segment';
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

const CASE_FIELDS = {
  _id: true, ticketNo: true, createdAt: true, resolvedAt: true, status: true, description: true, productName: true, rootCause: true,
  solution: true, compensation: true, rating: true, subcategory: true, category: true, department: true, archive: true,
};
/**
 * Cases scored by text that are read back for the outcome boost and the department filter: three per case shown
 * (the subcategory fixes the department, so the filter rarely drops any; a boost of at most ×1.3 rarely lifts a
 * case from further down). Fewer documents read is most of this call's time.
 */
const CANDIDATES_PER_ITEM = 3;

/**
 * ticket.similarCases: resolved and closed tickets whose complaint reads like this one — BM25 over jieba terms
 * (shared/knowledge/similar.ts) from the `caseTerms` inverted index, within the subcategory (the whole category
 * while the subcategory has few indexed cases), archived and well-rated cases nudged up. Three reads in a row whatever
 * the number of cases: the ticket; the counts with the postings of at most 24 terms; the top candidates. Agents and heads
 * see their department's. With no shared word, the latest cases of the subcategory (the screen is never empty
 * while the subcategory has history).
 */
export async function similarCases(input: { complaintId: string; limit?: number }, ctx: ActionContext): Promise<{ items: SimilarCase[] }> {
  const [doc, config] = await Promise.all([loadReadable(input.complaintId, ctx), loadConfig()]);
  const limit = input.limit ?? 5;
  const scoped = ctx.caller.kind === 'agent' || ctx.caller.kind === 'head' ? { department: ctx.caller.department } : {};
  const labels = subcategoryLabels(config.taxonomy);
  const terms = queryTerms(textTerms(doc.description));
  const siblings = config.taxonomy.categories.find((c) => c.code === doc.category)?.subcategories.map((s) => s.code) ?? [];
  const pool = [doc.subcategory, ...siblings.filter((s) => s !== doc.subcategory)];

  let scored: ScoredCase[] = [];
  if (terms.length) {
    // The counts and the subcategory's postings at once; the siblings' postings only when the subcategory is thin.
    const termDocs = (subs: string[]) => {
      const ids = subs.flatMap((sub) => terms.map((t) => caseTermId(sub, t)));
      return rows<CaseTermDoc>(collection('caseTerms').where({ _id: _.in(ids) }).limit(ids.length).field({ term: true, df: true, postings: true })).then((docs) =>
        docs.map((d) => ({ term: d.term, df: d.df, postings: decodePostings(d.postings) })),
      );
    };
    const [stats, own] = await Promise.all([
      rows<CaseStatDoc>(collection('caseStats').where({ _id: _.in(pool.map(caseStatId)) }).limit(pool.length)),
      termDocs([doc.subcategory]),
    ]);
    const wide = (stats.find((s) => s.subcategory === doc.subcategory)?.n ?? 0) < MIN_SUBCATEGORY_CASES && pool.length > 1;
    const subs = wide ? pool : [doc.subcategory];
    const docs = wide ? [...own, ...(await termDocs(pool.slice(1)))] : own;
    const sum = stats.filter((s) => subs.includes(s.subcategory)).reduce((a, s) => ({ n: a.n + s.n, totalLen: a.totalLen + s.totalLen }), { n: 0, totalLen: 0 });
    scored = topCases(scoreCases(terms, docs, sum, new Set([doc._id])), limit * CANDIDATES_PER_ITEM);
  }
  if (!scored.length) {
    const latest = await rows<ComplaintDoc>(
      collection('complaints')
        .where({ subcategory: doc.subcategory, status: _.in(['resolved', 'closed']), _id: _.neq(doc._id), ...scoped })
        .orderBy('createdAt', 'desc')
        .limit(limit)
        .field(CASE_FIELDS),
    );
    return { items: latest.map((d) => ({ ...similarCase(d, labels), matchedTerms: [] })) };
  }
  // Postings can be stale for a moment (reopened or reclassified, re-index pending): the status check drops those.
  const found = await rows<ComplaintDoc>(
    collection('complaints')
      .where({ _id: _.in(scored.map((s) => s.caseId)), status: _.in(['resolved', 'closed']), ...scoped })
      .limit(scored.length)
      .field(CASE_FIELDS),
  );
  const byId = new Map(found.map((d) => [d._id, d]));
  return {
    items: scored
      .flatMap((s) => {
        const d = byId.get(s.caseId);
        return d ? [{ d, s, score: s.score * outcomeBoost({ archived: !!d.archive, ...(d.rating ? { stars: d.rating.stars } : {}) }) }] : [];
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ d, s, score }) => ({ ...similarCase(d, labels), matchedTerms: s.matched.slice(0, 8), score: Math.round(score * 100) / 100 })),
  };
}

/** ticket.mediaUrls: temporary URLs of the ticket's photos and videos (the browser build cannot open cloud:// ids). */
export async function mediaUrls(input: { complaintId: string; of?: 'complaint' | 'sample' }, ctx: ActionContext): Promise<{ items: Array<{ fileId: string; url: string }> }> {
  const doc = await loadReadable(input.complaintId, ctx);
  const fileIds = input.of === 'sample' ? (doc.sample?.result?.photoFileIds ?? []) : doc.mediaFileIds;
  if (!fileIds.length) return { items: [] };
  const { fileList } = (await cloud.getTempFileURL({ fileList: fileIds })) as { fileList: Array<{ fileID: string; tempFileURL: string; status?: number }> };
  return { items: fileList.filter((f) => f.tempFileURL).map((f) => ({ fileId: f.fileID, url: f.tempFileURL })) };
}
