import type { ComplaintView, MyComplaintItem, SolutionView, SubmitOutput, TimelineEntry } from '../api/functions/complaint';
import type { InboxItem, SlaState, StaffEventView } from '../api/functions/ticket';
import { DEPARTMENT_LABELS } from '../auth/roles';
import { COMPENSATION_STATUS_LABELS } from '../compensation/types';
import { slaSnapshot, type SlaSnapshot } from '../sla/clock';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../sla/policy';
import { minutesUntil, toIso } from '../time/clock';
import type { CompensationMirror, ComplaintDoc, EventDoc } from './document';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './lifecycle';
import { CATEGORY_LABELS, CUSTOMER_STATUS_LABELS, type ComplaintStatus } from './model';
import { sampleView, TRAVELLING_STATES } from './sample';
import { DEFAULT_TAXONOMY, findCategory, findSubcategory, type Taxonomy } from './taxonomy';

export interface ViewConfig {
  taxonomy: Taxonomy;
  sla: SlaPolicy;
  lifecycle: LifecycleRules;
}

export const DEFAULT_VIEW_CONFIG: ViewConfig = { taxonomy: DEFAULT_TAXONOMY, sla: DEFAULT_SLA_POLICY, lifecycle: DEFAULT_LIFECYCLE_RULES };

export function subcategoryLabel(taxonomy: Taxonomy, category: string, sub: string): string {
  return findSubcategory(taxonomy, category, sub)?.label ?? sub;
}

/** The SLA clock of a stored complaint at `now`. */
export function complaintSla(doc: Pick<ComplaintDoc, 'level' | 'foodSafety' | 'sla'>, now: Date, policy: SlaPolicy): SlaSnapshot {
  return slaSnapshot(
    { level: doc.level, foodSafety: doc.foodSafety, startedAt: doc.sla.startedAt, pauses: doc.sla.pauses, firstRespondedAt: doc.sla.firstRespondedAt, resolvedAt: doc.sla.resolvedAt },
    now,
    policy,
  );
}

export function slaState(snapshot: SlaSnapshot, status: ComplaintStatus): SlaState {
  if (status === 'resolved' || status === 'closed') return 'done';
  if (snapshot.paused) return 'paused';
  const pending = [snapshot.firstResponse, snapshot.resolve].filter((t) => !t.met);
  if (pending.some((t) => t.breached)) return 'breached';
  if (pending.some((t) => t.warning)) return 'warning';
  return 'ok';
}

export function submitOutput(doc: ComplaintDoc, taxonomy: Taxonomy, replayed: boolean): SubmitOutput {
  return {
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    status: doc.status,
    category: doc.category,
    subcategory: doc.subcategory,
    subcategoryLabel: subcategoryLabel(taxonomy, doc.category, doc.subcategory),
    foodSafety: doc.foodSafety,
    level: doc.level,
    department: doc.department,
    departmentLabel: DEPARTMENT_LABELS[doc.department],
    firstResponseDueAt: toIso(doc.sla.firstResponseDueAt),
    resolveDueAt: toIso(doc.sla.resolveDueAt ?? doc.sla.firstResponseDueAt),
    createdAt: toIso(doc.createdAt),
    replayed,
  };
}

/** The customer's timeline: only customer-visible events, each with the status the complaint had after it. */
export function customerTimeline(events: EventDoc[]): TimelineEntry[] {
  let status: ComplaintStatus = 'submitted';
  const out: TimelineEntry[] = [];
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (e.to) status = e.to;
    if (e.visibility !== 'customer' || !e.note) continue;
    out.push({ at: toIso(e.at), status, statusLabel: CUSTOMER_STATUS_LABELS[status], note: e.note });
  }
  return out;
}

function solutionView(doc: ComplaintDoc, compensation: CompensationMirror | undefined): SolutionView | undefined {
  const s = doc.solution;
  // A revised solution waiting for a lead's approval is not the customer's to see yet.
  if (!s || s.state === 'pending_approval') return undefined;
  const needsApproval = compensation?.status === 'pending_approval';
  const ifAccepted = compensation
    ? needsApproval
      ? `补偿（${compensation.summary}）需主管审批，通过后发放，工单随即完成。`
      : `我们会立即为您办理补偿（${compensation.summary}），办理完成后工单即解决。`
    : '工单将标记为已解决，之后您可以为这次处理打分。';
  const autoAcceptAt = s.state === 'sent' && doc.status === 'awaiting_customer' && doc.autoAt ? toIso(doc.autoAt) : undefined;
  return {
    text: s.text,
    proposedAt: toIso(s.proposedAt),
    state: s.state,
    ...(compensation
      ? {
          compensation: {
            compensationId: compensation.compensationId,
            type: compensation.type,
            summary: compensation.summary,
            valueFen: compensation.valueFen,
            status: compensation.status,
            statusLabel: COMPENSATION_STATUS_LABELS[compensation.status],
          },
        }
      : {}),
    ifAccepted,
    ifRejected: '工单会升级给经理重新审核，并在承诺时间内给您新的方案。',
    ...(autoAcceptAt ? { autoAcceptAt } : {}),
  };
}

/** A complaint as its owner sees it (complaint.get, respond, rate, nudge). */
export function complaintView(doc: ComplaintDoc, events: EventDoc[], now: Date, config: ViewConfig = DEFAULT_VIEW_CONFIG): ComplaintView {
  const sla = complaintSla(doc, now, config.sla);
  const nudgeAt = doc.lastNudgeAt ? new Date(doc.lastNudgeAt.getTime() + config.lifecycle.nudgeIntervalMinutes * 60_000) : undefined;
  const nudgeable = ['submitted', 'assigned', 'investigating', 'escalated', 'compensating'].includes(doc.status);
  const solution = solutionView(doc, doc.compensation);
  return {
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    status: doc.status,
    statusLabel: CUSTOMER_STATUS_LABELS[doc.status],
    level: doc.level,
    category: doc.category,
    categoryLabel: findCategory(config.taxonomy, doc.category)?.label ?? CATEGORY_LABELS[doc.category],
    subcategory: doc.subcategory,
    subcategoryLabel: subcategoryLabel(config.taxonomy, doc.category, doc.subcategory),
    foodSafety: doc.foodSafety,
    channel: doc.channel,
    description: doc.description,
    mediaFileIds: doc.mediaFileIds,
    ...(doc.expectation ? { expectation: doc.expectation } : {}),
    contactPhoneMasked: doc.contactPhoneMasked,
    ...(doc.orderNo ? { orderNo: doc.orderNo } : {}),
    ...(doc.productName ? { productName: doc.productName } : {}),
    ...(doc.batchNo ? { batchNo: doc.batchNo } : {}),
    ...(doc.storeName ? { storeName: doc.storeName } : {}),
    departmentLabel: DEPARTMENT_LABELS[doc.department],
    createdAt: toIso(doc.createdAt),
    updatedAt: toIso(doc.updatedAt),
    firstResponseDueAt: toIso(sla.firstResponse.dueAt ?? doc.sla.firstResponseDueAt),
    ...(sla.resolve.dueAt ? { resolveDueAt: toIso(sla.resolve.dueAt) } : {}),
    ...(doc.sla.firstRespondedAt ? { firstRespondedAt: toIso(doc.sla.firstRespondedAt) } : {}),
    ...(sla.nextDueAt && doc.status !== 'awaiting_customer'
      ? {
          slaRemainingMinutes: minutesUntil(sla.nextDueAt, now),
          nextDueAt: toIso(sla.nextDueAt),
          nextDueKind: sla.firstResponse.met ? ('resolution' as const) : ('first_response' as const),
        }
      : {}),
    timeline: customerTimeline(events),
    ...(solution ? { solution } : {}),
    ...(doc.rating ? { rating: { stars: doc.rating.stars, ...(doc.rating.nps !== undefined ? { nps: doc.rating.nps } : {}), ...(doc.rating.comment ? { comment: doc.rating.comment } : {}), at: toIso(doc.rating.at) } } : {}),
    canRespond: doc.status === 'awaiting_customer' && doc.solution?.state === 'sent',
    canRate: (doc.status === 'resolved' || doc.status === 'closed') && !doc.rating,
    canNudge: nudgeable && (!nudgeAt || nudgeAt <= now),
    ...(nudgeable && nudgeAt && nudgeAt > now ? { nudgeAvailableAt: toIso(nudgeAt) } : {}),
    ...(doc.sample ? { sample: sampleView(doc.sample, 'customer') } : {}),
  };
}

export function myComplaintItem(
  doc: Pick<ComplaintDoc, '_id' | 'ticketNo' | 'status' | 'level' | 'category' | 'createdAt' | 'updatedAt' | 'nextDueAt'> & Partial<Pick<ComplaintDoc, 'subcategory' | 'description'>>,
  now: Date,
  taxonomy: Taxonomy = DEFAULT_TAXONOMY,
): MyComplaintItem {
  return {
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    status: doc.status,
    level: doc.level,
    category: doc.category,
    ...(doc.subcategory ? { subcategory: doc.subcategory, subcategoryLabel: subcategoryLabel(taxonomy, doc.category, doc.subcategory) } : {}),
    ...(doc.description ? { summary: doc.description.length > 30 ? `${doc.description.slice(0, 30)}…` : doc.description } : {}),
    createdAt: toIso(doc.createdAt),
    updatedAt: toIso(doc.updatedAt),
    // Waiting for the customer pauses the promise: no countdown to show.
    ...(doc.nextDueAt && doc.status !== 'awaiting_customer' ? { slaRemainingMinutes: minutesUntil(doc.nextDueAt, now) } : {}),
  };
}

export function inboxItem(doc: ComplaintDoc, now: Date, config: ViewConfig = DEFAULT_VIEW_CONFIG): InboxItem {
  const sla = complaintSla(doc, now, config.sla);
  return {
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    status: doc.status,
    level: doc.level,
    category: doc.category,
    subcategory: doc.subcategory,
    subcategoryLabel: subcategoryLabel(config.taxonomy, doc.category, doc.subcategory),
    department: doc.department,
    ...(doc.assigneeOpenid ? { assigneeOpenid: doc.assigneeOpenid, assigneeName: doc.assigneeName } : {}),
    ...(sla.nextDueAt ? { slaRemainingMinutes: minutesUntil(sla.nextDueAt, now) } : {}),
    slaState: slaState(sla, doc.status),
    ...(sla.paused ? { slaPausedFor: doc.sample && TRAVELLING_STATES.includes(doc.sample.state) ? ('sample' as const) : ('customer' as const) } : {}),
    customerTier: doc.customerTier,
    channel: doc.channel,
    foodSafety: doc.foodSafety,
    needsTriage: doc.classification.needsTriage,
    summary: doc.description.length > 40 ? `${doc.description.slice(0, 40)}…` : doc.description,
    createdAt: toIso(doc.createdAt),
  };
}

export function staffEventView(e: EventDoc): StaffEventView {
  return {
    at: toIso(e.at),
    action: e.action,
    actorName: e.actorName ?? (e.actorRole === 'system' ? '系统' : e.actorRole === 'customer' ? '顾客' : e.actorOpenid),
    actorRole: e.actorRole,
    ...(e.from ? { from: e.from } : {}),
    ...(e.to ? { to: e.to } : {}),
    ...(e.note ? { note: e.note } : {}),
    visibility: e.visibility,
    ...(e.before ? { before: e.before } : {}),
    ...(e.after ? { after: e.after } : {}),
  };
}
