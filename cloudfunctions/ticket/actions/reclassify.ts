import type { TicketChange } from '@shared/api/functions/ticket';
import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { OPEN_STATUSES, isOpen } from '@shared/complaint/lifecycle';
import type { Category } from '@shared/complaint/model';
import { routeComplaint, type AssignableStaff } from '@shared/complaint/routing';
import { departmentFor, isValidIssue } from '@shared/complaint/taxonomy';
import { decideUrgency } from '@shared/complaint/urgency';
import { holidayModeAt } from '@shared/sla/holiday-mode';
import { _, db } from '../../_server/cloud';
import { loadConfig } from '../../_server/config';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { commitChange } from '../../_server/tickets';
import { coldChainDataRequest } from '@shared/logistics/data-request';
import { expectVersion, loadWorkable, who, ticketChange } from './access';

const $ = db.command.aggregate;

/** Staff of a department and their open load, for re-routing a ticket that changed department. */
async function routingCandidates(department: string): Promise<{ staff: AssignableStaff[]; load: Record<string, number> }> {
  const [staff, loads] = await Promise.all([
    rows<AssignableStaff>(collection('staff').where({ department, active: true }).limit(100)),
    collection('complaints').aggregate().match({ department, status: _.in([...OPEN_STATUSES]), assigneeOpenid: _.exists(true) }).group({ _id: '$assigneeOpenid', open: $.sum(1) }).end() as unknown as Promise<{ list: Array<{ _id: string; open: number }> }>,
  ]);
  return { staff, load: Object.fromEntries(loads.list.map((l) => [l._id, l.open])) };
}

/**
 * ticket.reclassify: a person corrects the classification. Level and department follow from the new category with
 * the facts intake recorded; a new department re-routes the ticket to one of its agents. The before and after are
 * in the audit log, and the ticket leaves the needs-triage list.
 */
export async function reclassify(
  input: { complaintId: string; version: number; category: Category; subcategory: string; foodSafety?: boolean; note?: string },
  ctx: ActionContext,
): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadWorkable(input.complaintId, ctx)]);
  expectVersion(doc, input.version);
  if (!isValidIssue(config.taxonomy, input.category, input.subcategory)) throw new AppError('INVALID_INPUT', '细类与类别不匹配', { subcategory: '请选择该类别下的细类' });
  if (!isOpen(doc.status)) throw new AppError('INVALID_INPUT', '已解决的工单不能再改分类', { category: '已解决的工单不能再改分类' });
  const now = ctx.now();
  const foodSafety = input.foodSafety ?? doc.foodSafety;
  const urgency = decideUrgency(
    {
      category: input.category,
      subcategory: input.subcategory,
      foodSafety,
      angry: doc.angry,
      batchSurge: !!doc.incidentId,
      ...(doc.delivery?.lateMinutes ? { deliveryLateHours: doc.delivery.lateMinutes / 60 } : {}),
      annualSpendFen: doc.customerTier === 'vip' ? config.urgency.vipAnnualFen + 1 : 0,
      recentComplaints: doc.related.customerRecent,
      ...(doc.batchId ? { batchCustomers: doc.related.batchCustomers } : {}),
    },
    config.urgency,
  );
  const department = departmentFor(config.taxonomy, input.category);
  const set: Partial<ComplaintDoc> = {
    category: input.category,
    subcategory: input.subcategory,
    foodSafety,
    level: urgency.level,
    levelReason: urgency.reason,
    classification: { ...doc.classification, category: input.category, subcategory: input.subcategory, source: 'staff', needsTriage: false },
  };
  if (department !== doc.department) {
    const { staff, load } = await routingCandidates(department);
    const routing = routeComplaint({ category: input.category, subcategory: input.subcategory, level: urgency.level, staff, openLoad: load, holiday: holidayModeAt(now, config.sla), taxonomy: config.taxonomy });
    Object.assign(set, { department, routingReason: `改类后重新分派：${routing.reason}`, assigneeOpenid: routing.assigneeOpenid, assigneeName: routing.assigneeName, assignedAt: routing.assigneeOpenid ? now : undefined });
    if (!routing.assigneeOpenid && doc.status === 'assigned') Object.assign(set, { status: 'submitted', statusChangedAt: now });
  }
  const updated = await commitChange(
    doc,
    {
      set,
      events: [
        {
          ...who(ctx),
          action: 'reclassify',
          before: { category: doc.category, subcategory: doc.subcategory, foodSafety: doc.foodSafety, level: doc.level, department: doc.department, assigneeOpenid: doc.assigneeOpenid ?? null },
          after: { category: input.category, subcategory: input.subcategory, foodSafety, level: urgency.level, department, assigneeOpenid: set.assigneeOpenid ?? doc.assigneeOpenid ?? null },
          note: input.note ?? `更正分类：${urgency.reason}`,
          visibility: 'internal',
        },
      ],
      messages: [
        ...(set.assigneeOpenid && set.assigneeOpenid !== doc.assigneeOpenid
          ? [{ dedupeKey: `assigned:${doc._id}:v${doc.version}:${set.assigneeOpenid}`, kind: 'staff_new_ticket' as const, audience: 'staff' as const, to: set.assigneeOpenid, complaintId: doc._id, ticketNo: doc.ticketNo, level: urgency.level, data: { ticketNo: doc.ticketNo, event: '改类后分派给您' } }]
          : []),
        // Now a cold-chain complaint: ask logistics for the temperature log when it is missing, as intake does (same key: once per complaint).
        ...[coldChainDataRequest({ ...doc, subcategory: input.subcategory, level: urgency.level })].filter((m) => m !== undefined),
      ],
    },
    now,
    config,
  );
  return ticketChange(updated);
}
