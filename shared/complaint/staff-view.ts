import type { TicketView } from '../api/functions/ticket';
import { DEPARTMENT_LABELS } from '../auth/roles';
import { canApprove, DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from '../compensation/approval';
import { COMPENSATION_STATUS_LABELS } from '../compensation/types';
import { toIso, minutesUntil } from '../time/clock';
import type { ComplaintDoc, EventDoc } from './document';
import { actorRoles, allowedMoves, canWorkTicket, STATUS_LABELS, type ActorFacts } from './lifecycle';
import { DEFAULT_SAMPLE_LAB, sampleAbilities, sampleView, type SampleLabConfig } from './sample';
import { findCategory, findSubcategory } from './taxonomy';
import { complaintSla, DEFAULT_VIEW_CONFIG, slaState, staffEventView, subcategoryLabel, type ViewConfig } from './views';

/** Can this staff member approve what is pending on the ticket (a revised solution, or a compensation)? */
export function canApprovePending(doc: ComplaintDoc, actor: ActorFacts, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): boolean {
  const roles = actorRoles(actor, doc);
  const lead = roles.includes('head') || roles.includes('manager') || roles.includes('admin');
  if (!lead || (actor.kind !== 'head' && actor.kind !== 'manager' && actor.kind !== 'admin')) return false;
  const solutionPending = doc.status === 'escalated' && doc.solution?.state === 'pending_approval';
  const compensationPending = doc.compensation?.status === 'pending_approval';
  if (!solutionPending && !compensationPending) return false;
  return !doc.compensation || doc.compensation.status !== 'pending_approval' || canApprove(actor.kind, doc.compensation.valueFen, limits);
}

/** A ticket as staff see it: everything except the full phone number, plus what this person may do next. */
export function ticketView(doc: ComplaintDoc, events: EventDoc[], actor: ActorFacts, now: Date, config: ViewConfig & { approval?: ApprovalLimits; sampleLab?: SampleLabConfig } = DEFAULT_VIEW_CONFIG): TicketView {
  const sla = complaintSla(doc, now, config.sla);
  const roles = actorRoles(actor, doc);
  const lead = roles.some((r) => r === 'head' || r === 'manager' || r === 'admin');
  const sub = findSubcategory(config.taxonomy, doc.category, doc.subcategory);
  const c = doc.compensation;
  return {
    complaintId: doc._id,
    ticketNo: doc.ticketNo,
    version: doc.version,
    status: doc.status,
    statusLabel: STATUS_LABELS[doc.status],
    level: doc.level,
    levelReason: doc.levelReason,
    classification: {
      ...doc.classification,
      categoryLabel: findCategory(config.taxonomy, doc.category)?.label ?? doc.category,
      subcategoryLabel: subcategoryLabel(config.taxonomy, doc.category, doc.subcategory),
    },
    foodSafety: doc.foodSafety,
    angry: doc.angry,
    channel: doc.channel,
    description: doc.description,
    mediaFileIds: doc.mediaFileIds,
    ...(doc.expectation ? { expectation: doc.expectation } : {}),
    contactPhoneMasked: doc.contactPhoneMasked,
    customerOpenid: doc.customerOpenid,
    customerTier: doc.customerTier,
    department: doc.department,
    departmentLabel: DEPARTMENT_LABELS[doc.department],
    assistDepartments: doc.assistDepartments,
    ...(doc.assigneeOpenid ? { assigneeOpenid: doc.assigneeOpenid, assigneeName: doc.assigneeName } : {}),
    routingReason: doc.routingReason,
    ...(doc.orderNo ? { orderNo: doc.orderNo } : {}),
    ...(doc.productId ? { productId: doc.productId, productName: doc.productName } : {}),
    ...(doc.batchId ? { batchId: doc.batchId } : {}),
    ...(doc.batchNo ? { batchNo: doc.batchNo } : {}),
    ...(doc.incidentId ? { incidentId: doc.incidentId } : {}),
    ...(doc.storeName ? { storeName: doc.storeName } : {}),
    ...(doc.region ? { region: doc.region } : {}),
    ...(doc.delivery
      ? {
          delivery: {
            promisedBy: toIso(doc.delivery.promisedBy),
            ...(doc.delivery.deliveredAt ? { deliveredAt: toIso(doc.delivery.deliveredAt) } : {}),
            ...(doc.delivery.lateMinutes ? { lateMinutes: doc.delivery.lateMinutes } : {}),
          },
        }
      : {}),
    related: doc.related,
    ...(doc.rootCause ? { rootCause: doc.rootCause } : {}),
    createdAt: toIso(doc.createdAt),
    updatedAt: toIso(doc.updatedAt),
    sla: {
      firstResponseDueAt: toIso(sla.firstResponse.dueAt ?? doc.sla.firstResponseDueAt),
      ...(sla.resolve.dueAt ? { resolveDueAt: toIso(sla.resolve.dueAt) } : {}),
      ...(doc.sla.firstRespondedAt ? { firstRespondedAt: toIso(doc.sla.firstRespondedAt) } : {}),
      ...(sla.nextDueAt ? { slaRemainingMinutes: minutesUntil(sla.nextDueAt, now) } : {}),
      slaState: slaState(sla, doc.status),
      paused: sla.paused,
    },
    ...(doc.solution
      ? {
          solution: {
            text: doc.solution.text,
            state: doc.solution.state,
            proposedAt: toIso(doc.solution.proposedAt),
            ...(doc.solution.proposedByName ? { proposedByName: doc.solution.proposedByName } : {}),
            ...(doc.solution.customerComment ? { customerComment: doc.solution.customerComment } : {}),
            ...(c
              ? {
                  compensation: {
                    compensationId: c.compensationId,
                    type: c.type,
                    summary: c.summary,
                    valueFen: c.valueFen,
                    status: c.status,
                    statusLabel: COMPENSATION_STATUS_LABELS[c.status],
                    approvalNeeded: c.approvalNeeded,
                    ...(c.rule ? { rule: c.rule } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(doc.rating ? { rating: { stars: doc.rating.stars, ...(doc.rating.nps !== undefined ? { nps: doc.rating.nps } : {}), ...(doc.rating.comment ? { comment: doc.rating.comment } : {}), at: toIso(doc.rating.at) } } : {}),
    events: events.map(staffEventView),
    allowedMoves: allowedMoves(doc, actor, 'transition').map((m) => ({ to: m.to, label: m.label, requires: [...(m.requires ?? [])] })),
    canClaim: doc.status === 'submitted' && (roles.includes('department') || roles.includes('head')),
    canAssign: lead && !['resolved', 'closed'].includes(doc.status),
    canApprove: canApprovePending(doc, actor, config.approval),
    canRevealPhone: roles.includes('assignee'),
    replyTemplate: (sub?.replyTemplate ?? '').replaceAll('{product}', doc.productName ?? '商品'),
    ...(doc.sample ? { sample: sampleView(doc.sample, 'staff', doc.sla, now) } : {}),
    sampleAbilities: sampleAbilities({ ...actor, worksTicket: canWorkTicket(actor, doc) }, doc, config.sampleLab ?? DEFAULT_SAMPLE_LAB),
    ...(doc.archive ? { archive: { note: doc.archive.note, ...(doc.archive.byName ? { byName: doc.archive.byName } : {}), at: toIso(doc.archive.at) } } : {}),
    canArchive: lead && (doc.status === 'resolved' || doc.status === 'closed'),
  };
}
