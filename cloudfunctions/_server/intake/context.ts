import type { BatchDoc, OrderDoc, ProductDoc, StoreDoc } from '@shared/catalog/model';
import { parseScene } from '@shared/catalog/model';
import type { AssigneeLoad, IntakeContext, RelatedComplaint } from '@shared/complaint/intake';
import { OPEN_STATUSES } from '@shared/complaint/lifecycle';
import type { AssignableStaff } from '@shared/complaint/routing';
import type { UrgencyRules } from '@shared/complaint/urgency';
import type { ProductBaseline } from '@shared/surge/detector';
import type { IncidentDoc } from '@shared/surge/incident';
import { _, db } from '../cloud';
import { STAFF_OF_CALLER, type StaffDoc } from '../caller';
import { collection, pipeline } from '../db';

const $ = db.command.aggregate;
const DAY_MS = 86_400_000;

export interface ContextQuery {
  customerOpenid: string;
  /** When the order's owner is not known yet (a phone complaint), the order is found by number alone. */
  orderOwnerKnown: boolean;
  requestId?: string;
  orderNo?: string;
  productId?: string;
  batchNo?: string;
  storeId?: string;
  scene?: string;
  now: Date;
  rules: UrgencyRules;
  /** The department the classification points to: open loads are counted there. */
  department: string;
  /** The counter document that numbers today's tickets; its value comes back as `counterSeq`. */
  counterId: string;
  /** Also read this caller's staff record (a customer-only action checks its caller with this read). */
  callerStaffOf?: string;
}

export interface FetchedContext extends IntakeContext {
  /** A complaint this caller already created with the same requestId: the retry answers it. */
  existing?: { _id: string };
  sceneKind?: 'package' | 'store';
  /** Today's ticket counter as read (0 before the first ticket of the day). */
  counterSeq: number;
  /** The scene or the order number pointed at nothing (or at someone else's order). */
  unknown: Array<'scene' | 'orderNo' | 'batchNo' | 'storeId' | 'productId'>;
  /** Batch surge facts, read by the same query (batch named by a package QR or by its number). */
  surge?: SurgeContext;
  /** The caller's active staff record, when asked for (callerStaffOf). */
  callerStaff?: StaffDoc;
}

export interface SurgeContext {
  /** Complaints on the batch within the batch window (before this one), with their incident link if any. */
  onBatch: Array<RelatedComplaint & { incidentId?: string }>;
  /** The product's normal rate, as the timer last measured it. */
  baseline?: ProductBaseline;
  /** The batch's incident that is not closed yet, if any: the new complaint joins it. */
  openIncident?: IncidentDoc;
}

type RelatedList = Array<RelatedComplaint & { requestId?: string; incidentId?: string }>;

interface Row {
  counter: Array<{ seq: number }>;
  callerStaff?: StaffDoc[];
  customer: Array<{ tier?: 'regular' | 'vip'; annualSpendFen?: number; region?: string }>;
  staff: AssignableStaff[];
  loads: Array<{ _id: string; open: number; lastAssignedAt?: Date }>;
  recentByCustomer: RelatedList;
  sameRequest?: RelatedList;
  recentOnBatch?: RelatedList;
  sameOrder?: RelatedList;
  order?: Array<OrderDoc & { products: ProductDoc[] }>;
  batch?: Array<BatchDoc & { product: ProductDoc[]; baseline?: ProductBaseline[]; openIncident?: IncidentDoc[] }>;
  store?: StoreDoc[];
  product?: ProductDoc[];
}

/**
 * Everything intake needs from the database in one round trip: today's ticket counter, the customer's profile, staff and their open
 * load (for routing), earlier complaints by this customer and on this batch (repeat and group detection, and a
 * retry of this very request), and the order, batch, store and product the form points at.
 *
 * One aggregation with uncorrelated `$lookup` pipelines instead of eight queries: in the cloud every query is a
 * network round trip, and intake is the path customers wait on. An aggregation needs a collection to start from;
 * `departments` always has documents (the seed and the deploy step create them), and one is enough.
 */
export async function fetchIntakeContext(q: ContextQuery): Promise<FetchedContext> {
  const target = q.scene ? parseScene(q.scene) : null;
  const batchId = target?.kind === 'package' ? target.batchId : undefined;
  const storeId = target?.kind === 'store' ? target.storeId : q.storeId;
  const now = q.now.getTime();
  const repeatSince = new Date(now - q.rules.repeatWindowDays * DAY_MS);
  const batchSince = new Date(now - q.rules.batchWindowHours * 3_600_000);

  // One lookup per question, each answered by an index (a single $or would not be).
  const relatedQueries: Array<[string, object]> = [
    ['recentByCustomer', { customerOpenid: q.customerOpenid, createdAt: _.gte(repeatSince) }],
    ...(q.requestId ? ([['sameRequest', { customerOpenid: q.customerOpenid, requestId: q.requestId }]] as Array<[string, object]>) : []),
    ...(batchId ? ([['recentOnBatch', { batchId, createdAt: _.gte(batchSince) }]] as Array<[string, object]>) : []),
    // A batch named by its number (no QR): the same window, by number; the batch id is checked once the batch is known.
    ...(!batchId && q.batchNo ? ([['recentOnBatch', { batchNo: q.batchNo, createdAt: _.gte(batchSince) }]] as Array<[string, object]>) : []),
    ...(q.orderNo ? ([['sameOrder', { orderNo: q.orderNo }]] as Array<[string, object]>) : []),
  ];

  let agg = collection('departments')
    .aggregate()
    .limit(1)
    .project({ _id: 1 })
    .lookup({ from: 'counters', pipeline: pipeline().match({ _id: q.counterId }).limit(1).done(), as: 'counter' })
    .lookup({ from: 'customers', pipeline: pipeline().match({ _id: q.customerOpenid }).limit(1).done(), as: 'customer' })
    .lookup({
      from: 'staff',
      pipeline: pipeline()
        .match({ active: true, role: _.in(['agent', 'head']) })
        .project({ _id: 0, openid: 1, name: 1, role: 1, department: 1, skills: 1, onDuty: 1, active: 1 })
        .done(),
      as: 'staff',
    })
    .lookup({
      from: 'complaints',
      pipeline: pipeline()
        .match({ department: q.department, status: _.in([...OPEN_STATUSES]), assigneeOpenid: _.exists(true) })
        .group({ _id: '$assigneeOpenid', open: $.sum(1), lastAssignedAt: $.max('$assignedAt') })
        .done(),
      as: 'loads',
    });
  if (q.callerStaffOf) agg = agg.lookup({ from: 'staff', pipeline: pipeline().match(STAFF_OF_CALLER(q.callerStaffOf)).limit(1).done(), as: 'callerStaff' });
  for (const [as, where] of relatedQueries) {
    agg = agg.lookup({
      from: 'complaints',
      pipeline: pipeline().match(where).project({ _id: 1, customerOpenid: 1, orderNo: 1, batchId: 1, createdAt: 1, requestId: 1, incidentId: 1 }).limit(100).done(),
      as,
    });
  }
  if (q.orderNo) {
    agg = agg.lookup({
      from: 'orders',
      pipeline: pipeline()
        .match(q.orderOwnerKnown ? { orderNo: q.orderNo, customerOpenid: q.customerOpenid } : { orderNo: q.orderNo })
        .limit(1)
        .lookup({ from: 'products', localField: 'items.productId', foreignField: '_id', as: 'products' })
        .done(),
      as: 'order',
    });
  }
  if (batchId || q.batchNo) {
    agg = agg.lookup({
      from: 'batches',
      pipeline: pipeline()
        .match(batchId ? { _id: batchId } : { batchNo: q.batchNo, ...(q.productId ? { productId: q.productId } : {}) })
        .limit(1)
        .lookup({ from: 'products', localField: 'productId', foreignField: '_id', as: 'product' })
        // Batch surge: the product's normal rate and the batch's open incident ride along (no extra round trip).
        .lookup({ from: 'surgeBaselines', localField: 'productId', foreignField: '_id', as: 'baseline' })
        .lookup({ from: 'incidents', localField: '_id', foreignField: 'openKey', as: 'openIncident' })
        .done(),
      as: 'batch',
    });
  }
  if (storeId) agg = agg.lookup({ from: 'stores', pipeline: pipeline().match({ _id: storeId }).limit(1).done(), as: 'store' });
  if (q.productId) agg = agg.lookup({ from: 'products', pipeline: pipeline().match({ _id: q.productId }).limit(1).done(), as: 'product' });

  const result = (await agg.end()) as unknown as { list: Row[] };
  const row = result.list[0];
  if (!row) throw new Error('intake context: the departments collection is empty (seed or deploy missing)');
  return toContext(q, row, { batchId, storeId, sceneKind: target?.kind });
}

function toContext(q: ContextQuery, row: Row, pointed: { batchId?: string; storeId?: string; sceneKind?: 'package' | 'store' }): FetchedContext {
  const unknown: FetchedContext['unknown'] = [];
  const order = row.order?.[0];
  const batch = row.batch?.[0];
  const store = row.store?.[0];
  if (q.scene && ((pointed.sceneKind === 'package' && !batch) || (pointed.sceneKind === 'store' && !store) || !pointed.sceneKind)) unknown.push('scene');
  if (q.orderNo && !order) unknown.push('orderNo');
  if (q.batchNo && !pointed.batchId && !batch) unknown.push('batchNo');
  if (q.storeId && !store) unknown.push('storeId');
  if (q.productId && !row.product?.[0]) unknown.push('productId');

  // The product: the one named on the form, else the scanned batch's, else the order's only line.
  const product = row.product?.[0] ?? batch?.product?.[0] ?? (order && order.products.length === 1 ? order.products[0] : undefined) ?? (q.productId ? order?.products.find((p) => p._id === q.productId) : undefined);
  const loads: Record<string, AssigneeLoad> = {};
  for (const l of row.loads) loads[l._id] = { open: l.open, ...(l.lastAssignedAt ? { lastAssignedAt: l.lastAssignedAt } : {}) };
  const existing = row.sameRequest?.[0];
  // The same earlier complaint can answer several questions (same customer and same order): count it once.
  const related = new Map<string, RelatedComplaint>();
  for (const c of [...row.recentByCustomer, ...(row.recentOnBatch ?? []), ...(row.sameOrder ?? [])]) if (c._id !== existing?._id) related.set(c._id, c);
  const customer = row.customer[0];

  return {
    now: q.now,
    customerOpenid: order && !q.orderOwnerKnown ? order.customerOpenid : q.customerOpenid,
    ...(customer ? { customer: { tier: customer.tier ?? 'regular', annualSpendFen: customer.annualSpendFen ?? 0, ...(customer.region ? { region: customer.region } : {}) } } : {}),
    ...(order ? { order: stripProducts(order) } : {}),
    ...(batch ? { batch: stripProduct(batch) } : {}),
    ...(store ? { store } : {}),
    ...(product ? { product } : {}),
    related: [...related.values()],
    staff: row.staff,
    loads,
    ...(existing ? { existing: { _id: existing._id } } : {}),
    ...(pointed.sceneKind && !unknown.includes('scene') ? { sceneKind: pointed.sceneKind } : {}),
    counterSeq: row.counter[0]?.seq ?? 0,
    unknown,
    ...(batch ? { surge: surgeContext(row, batch) } : {}),
    ...(row.callerStaff?.[0] ? { callerStaff: row.callerStaff[0] } : {}),
  };
}

function surgeContext(row: Row, batch: NonNullable<Row['batch']>[number]): SurgeContext {
  const baseline = batch.baseline?.[0];
  const openIncident = batch.openIncident?.[0];
  return {
    onBatch: (row.recentOnBatch ?? []).filter((c) => c.batchId === batch._id),
    ...(baseline ? { baseline } : {}),
    ...(openIncident ? { openIncident } : {}),
  };
}

function stripProducts(order: OrderDoc & { products?: ProductDoc[] }): OrderDoc {
  const { products: _products, ...rest } = order;
  return rest;
}

function stripProduct(batch: BatchDoc & { product?: ProductDoc[]; baseline?: unknown; openIncident?: unknown }): BatchDoc {
  const { product: _product, baseline: _baseline, openIncident: _incident, ...rest } = batch;
  return rest;
}
