import type { DepartmentCode } from '../auth/roles';
import type { BatchDoc, OrderDoc, ProductDoc, StoreDoc } from '../catalog/model';
import type { Classification } from '../classifier/classify';
import { DEFAULT_ESCALATION_RULES, nextSlaAlertAt, type EscalationRules } from '../sla/alerts';
import { slaSnapshot } from '../sla/clock';
import { holidayModeAt } from '../sla/holiday-mode';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../sla/policy';
import type { ClassificationRecord, ComplaintDoc, Expectation } from './document';
import type { Category, Channel } from './model';
import { routeComplaint, type AssignableStaff, type RoutingDecision } from './routing';
import { DEFAULT_TAXONOMY, departmentFor, type Taxonomy } from './taxonomy';
import { decideUrgency, DEFAULT_URGENCY_RULES, type UrgencyDecision, type UrgencyRules } from './urgency';
import { queueKey } from './queue';

/** What the form (or the agent on the phone) sent, validated. */
export interface IntakeForm {
  description: string;
  categoryHint?: Category;
  channel?: Channel;
  orderNo?: string;
  productId?: string;
  batchNo?: string;
  storeId?: string;
  scene?: string;
  mediaFileIds?: string[];
  expectation?: Expectation;
}

/** An earlier complaint found by intake: by the same customer (repeat window) or on the same batch (batch window). */
export interface RelatedComplaint {
  _id: string;
  customerOpenid: string;
  orderNo?: string;
  batchId?: string;
  createdAt: Date;
}

export interface AssigneeLoad {
  open: number;
  lastAssignedAt?: Date;
}

/** Everything intake read from the database, in one place (the complaint function fetches it in one round trip). */
export interface IntakeContext {
  now: Date;
  customerOpenid: string;
  customer?: { tier: 'regular' | 'vip'; annualSpendFen: number; region?: string };
  order?: OrderDoc;
  batch?: BatchDoc;
  product?: ProductDoc;
  store?: StoreDoc;
  related: RelatedComplaint[];
  staff: AssignableStaff[];
  loads: Record<string, AssigneeLoad>;
  /** A staff-declared major incident or an open batch surge on this batch (analytics), when known. */
  majorIncident?: boolean;
  batchSurge?: boolean;
}

export interface IntakeConfig {
  taxonomy: Taxonomy;
  urgency: UrgencyRules;
  sla: SlaPolicy;
  escalation: EscalationRules;
}

export const DEFAULT_INTAKE_CONFIG: IntakeConfig = { taxonomy: DEFAULT_TAXONOMY, urgency: DEFAULT_URGENCY_RULES, sla: DEFAULT_SLA_POLICY, escalation: DEFAULT_ESCALATION_RULES };

/** The decided complaint, without what the function adds (ids, ticket number, encrypted phone, creator). */
export type PlannedComplaint = Omit<ComplaintDoc, '_id' | 'ticketNo' | 'requestId' | 'contactPhoneEnc' | 'contactPhoneMasked' | 'createdBy' | 'customerOpenid'>;

export interface IntakePlan {
  complaint: PlannedComplaint;
  urgency: UrgencyDecision;
  routing: RoutingDecision;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How late the order was (or is, if not delivered yet), in minutes past its promise; undefined when on time. */
export function deliveryLateMinutes(order: Pick<OrderDoc, 'promisedBy' | 'deliveredAt'>, now: Date): number | undefined {
  const end = order.deliveredAt ?? now;
  const late = Math.floor((end.getTime() - order.promisedBy.getTime()) / 60_000);
  return late > 0 ? late : undefined;
}

/** Which channel a complaint came through when the client did not say: the QR code or order it started from. */
export function inferChannel(form: IntakeForm, sceneKind?: 'package' | 'store'): Channel {
  if (form.channel) return form.channel;
  if (sceneKind === 'package') return 'qr_package';
  if (sceneKind === 'store') return 'qr_store';
  return form.orderNo ? 'order' : 'miniprogram';
}

/** Repeat and group facts (DOMAIN.md "Repeat complaint detection", urgency raisers). */
export function relatedFacts(ctx: IntakeContext, batchId: string | undefined, orderNo: string | undefined, rules: UrgencyRules) {
  const now = ctx.now.getTime();
  const mine = ctx.related.filter((c) => c.customerOpenid === ctx.customerOpenid && now - c.createdAt.getTime() <= rules.repeatWindowDays * DAY_MS);
  const onBatch = batchId ? ctx.related.filter((c) => c.batchId === batchId && now - c.createdAt.getTime() <= rules.batchWindowHours * HOUR_MS) : [];
  const batchCustomers = batchId ? new Set([...onBatch.map((c) => c.customerOpenid), ctx.customerOpenid]).size : 0;
  return {
    customerRecent: mine.length + 1,
    sameOrder: orderNo ? ctx.related.filter((c) => c.customerOpenid === ctx.customerOpenid && c.orderNo === orderNo).map((c) => c._id) : [],
    batchCustomers,
  };
}

/**
 * Decide everything about a new complaint from its text's classification and what the database knows:
 * product and delivery facts, repeat and group detection, level with its reason, department and assignee,
 * and the SLA due times. Pure: the same inputs give the same complaint.
 */
export function planIntake(form: IntakeForm, classification: Classification, ctx: IntakeContext, config: IntakeConfig = DEFAULT_INTAKE_CONFIG): IntakePlan {
  const { now } = ctx;
  const order = ctx.order;
  const lateMinutes = order ? deliveryLateMinutes(order, now) : undefined;
  const batchId = ctx.batch?._id ?? (order && ctx.product ? order.items.find((i) => i.productId === ctx.product!._id)?.batchId : undefined);
  const related = relatedFacts(ctx, batchId, order?.orderNo, config.urgency);

  const urgency = decideUrgency(
    {
      category: classification.category,
      subcategory: classification.subcategory,
      foodSafety: classification.foodSafety,
      angry: classification.angry,
      majorIncident: ctx.majorIncident,
      batchSurge: ctx.batchSurge,
      ...(lateMinutes !== undefined ? { deliveryLateHours: lateMinutes / 60 } : {}),
      annualSpendFen: ctx.customer?.annualSpendFen,
      recentComplaints: related.customerRecent,
      ...(batchId ? { batchCustomers: related.batchCustomers } : {}),
    },
    config.urgency,
  );

  const holiday = holidayModeAt(now, config.sla);
  const department: DepartmentCode = departmentFor(config.taxonomy, classification.category);
  const lastTieWinner = mostRecentlyAssigned(ctx.staff.filter((s) => s.department === department), ctx.loads);
  const routing = routeComplaint({
    category: classification.category,
    subcategory: classification.subcategory,
    level: urgency.level,
    staff: ctx.staff,
    openLoad: Object.fromEntries(Object.entries(ctx.loads).map(([k, v]) => [k, v.open])),
    ...(lastTieWinner ? { lastTieWinner: { [department]: lastTieWinner } } : {}),
    holiday,
    taxonomy: config.taxonomy,
  });

  const sla = slaSnapshot({ level: urgency.level, foodSafety: classification.foodSafety, startedAt: now, pauses: [] }, now, config.sla);
  const record: ClassificationRecord = {
    category: classification.category,
    subcategory: classification.subcategory,
    confidence: Math.round(classification.confidence * 1000) / 1000,
    secondary: classification.secondary,
    source: classification.model.startsWith('cloud') ? 'cloud' : 'model',
    needsTriage: classification.needsTriage,
    ...(form.categoryHint ? { hint: form.categoryHint } : {}),
  };
  const status = routing.assigneeOpenid ? 'assigned' : 'submitted';
  const product = ctx.product;

  const complaint: PlannedComplaint = {
    channel: inferChannel(form, ctx.batch ? 'package' : ctx.store ? 'store' : undefined),
    status,
    level: urgency.level,
    levelReason: urgency.reason,
    category: classification.category,
    subcategory: classification.subcategory,
    department: routing.department,
    classification: record,
    foodSafety: classification.foodSafety,
    angry: classification.angry,
    description: form.description,
    mediaFileIds: form.mediaFileIds ?? [],
    ...(form.expectation ? { expectation: form.expectation } : {}),
    ...(routing.assigneeOpenid ? { assigneeOpenid: routing.assigneeOpenid, assigneeName: routing.assigneeName, assignedAt: now } : {}),
    routingReason: routing.reason,
    assistDepartments: [],
    ...(order ? { orderNo: order.orderNo, region: order.region } : {}),
    ...(product ? { productId: product._id, productName: product.name } : {}),
    ...(batchId ? { batchId } : {}),
    ...(ctx.batch ? { batchNo: ctx.batch.batchNo } : {}),
    ...(ctx.store ? { storeId: ctx.store._id, storeName: ctx.store.name, region: ctx.store.region } : {}),
    ...(form.scene ? { scene: form.scene } : {}),
    ...(!order && !ctx.store && ctx.customer?.region ? { region: ctx.customer.region } : {}),
    ...(order ? { delivery: { promisedBy: order.promisedBy, ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}), ...(lateMinutes ? { lateMinutes } : {}) } } : {}),
    related,
    customerTier: ctx.customer?.tier ?? 'regular',
    sla: {
      startedAt: now,
      firstResponseDueAt: sla.firstResponse.dueAt!,
      resolveDueAt: sla.resolve.dueAt!,
      pauses: [],
      ...(sla.holidayMode ? { holidayMode: sla.holidayMode.name } : {}),
    },
    ...(sla.nextEventAt ? { nextSlaEventAt: nextSlaAlertAt(sla, {}, config.escalation) } : {}),
    ...(sla.nextDueAt ? { nextDueAt: sla.nextDueAt } : {}),
    queueKey: queueKey(urgency.level, sla.nextDueAt),
    statusChangedAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return { complaint, urgency, routing };
}

/** The department's most recent assignment: ties rotate after this person (round robin). */
function mostRecentlyAssigned(staff: AssignableStaff[], loads: Record<string, AssigneeLoad>): string | undefined {
  let best: { openid: string; at: number } | undefined;
  for (const person of staff) {
    const at = loads[person.openid]?.lastAssignedAt?.getTime();
    if (at !== undefined && (!best || at > best.at)) best = { openid: person.openid, at };
  }
  return best?.openid;
}
