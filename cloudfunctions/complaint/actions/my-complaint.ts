import type { ComplaintView } from '@shared/api/functions/complaint';
import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc, EventDoc } from '@shared/complaint/document';
import { checkMove, churnRisk } from '@shared/complaint/lifecycle';
import { applySlaEffect } from '@shared/complaint/schedule';
import { checkSampleAction } from '@shared/complaint/sample';
import { complaintView } from '@shared/complaint/views';
import type { ShipmentDoc } from '@shared/catalog/model';
import { customerColdChainSummary } from '@shared/coldchain/evidence';
import { summarizeShipment } from '@shared/coldchain/excursion';
import { isColdChainComplaint } from '@shared/logistics/data-request';
import type { OutboxMessage } from '@shared/notify/outbox';
import { acceptChange, staffTarget } from '../../_server/accept';
import { collection, isDuplicateKeyError, pipeline, rows } from '../../_server/db';
import { tempUrls } from '../../_server/media';
import { createTask } from '../../_server/tasks';
import { moveCompensation } from '../../_server/compensation';
import { loadConfig, type AppConfig } from '../../_server/config';
import type { ActionContext } from '../../_server/define-function';
import { commitChange, EVENTS_READ, loadComplaint, loadEvents, NOT_FOUND_COMPLAINT, type Change } from '../../_server/tickets';

/** The caller's own complaint; someone else's answers NOT_FOUND, so ids cannot be probed. */
async function loadMine(complaintId: string, ctx: ActionContext): Promise<ComplaintDoc> {
  const doc = await loadComplaint(complaintId);
  if (doc.customerOpenid !== ctx.caller.openid) throw new AppError('NOT_FOUND', NOT_FOUND_COMPLAINT);
  return doc;
}

async function view(doc: ComplaintDoc, ctx: ActionContext, config: AppConfig): Promise<ComplaintView> {
  return complaintView(doc, await loadEvents(doc._id), ctx.now(), config);
}

/** complaint.mediaUrls: temporary links to the photos and videos of the caller's own complaint. */
export async function mediaUrls(input: { complaintId: string; of?: 'complaint' | 'sample' }, ctx: ActionContext): Promise<{ items: Array<{ fileId: string; url?: string }> }> {
  const doc = await loadMine(input.complaintId, ctx);
  return { items: await tempUrls(input.of === 'sample' ? (doc.sample?.result?.photoFileIds ?? []) : doc.mediaFileIds) };
}

/**
 * complaint.get: two database calls — the caller, then one aggregation for the complaint (only if it is the
 * caller's: someone else's matches nothing), its audit log and, for an order, the shipment whose temperature
 * log a cold-chain complaint's paragraph describes.
 */
export async function get(input: { complaintId: string }, ctx: ActionContext): Promise<ComplaintView> {
  const [config, found] = await Promise.all([loadConfig(), loadMineWithLog(input.complaintId, ctx.caller.openid!)]);
  const view = complaintView(found.doc, found.events, ctx.now(), config);
  if (!isColdChainComplaint(found.doc) || !found.doc.orderNo) return view;
  return { ...view, coldChainSummary: customerColdChainSummary(found.shipment ? summarizeShipment(found.shipment) : undefined) };
}

type WithLog = ComplaintDoc & { log: EventDoc[]; shipments: ShipmentDoc[] };

async function loadMineWithLog(complaintId: string, openid: string): Promise<{ doc: ComplaintDoc; events: EventDoc[]; shipment?: ShipmentDoc }> {
  const result = (await collection('complaints')
    .aggregate()
    .match({ _id: complaintId, customerOpenid: openid })
    .limit(1)
    .lookup({ from: 'events', pipeline: pipeline().match({ complaintId }).sort({ at: 1 }).limit(EVENTS_READ).done(), as: 'log' })
    .lookup({ from: 'shipments', localField: 'orderNo', foreignField: 'orderNo', as: 'shipments' })
    .end()) as unknown as { list: WithLog[] };
  const row = result.list[0];
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_COMPLAINT);
  const { log, shipments, ...doc } = row;
  // A complaint without an order has a null local field, which joins shipments without one: none exist, but only
  // the order's shipment counts.
  const shipment = doc.orderNo ? shipments.find((s) => s.orderNo === doc.orderNo) : undefined;
  return { doc, events: log, ...(shipment ? { shipment } : {}) };
}

/**
 * complaint.respond: accept → the compensation is issued (coupon, points), handed to people (refund,
 * replacement) or queued for approval; no compensation → resolved. Reject → escalated with the reason.
 * Answering the same solution twice (a retry) answers the current state.
 */
export async function respond(input: { complaintId: string; accept: boolean; comment?: string }, ctx: ActionContext): Promise<ComplaintView> {
  const [config, doc] = await Promise.all([loadConfig(), loadMine(input.complaintId, ctx)]);
  const now = ctx.now();
  const solution = doc.solution;
  if (solution && solution.state === (input.accept ? 'accepted' : 'rejected') && doc.status !== 'awaiting_customer') return view(doc, ctx, config);
  if (doc.status !== 'awaiting_customer' || solution?.state !== 'sent') throw new AppError('CONFLICT', '这张工单目前没有待您确认的方案，请刷新查看最新进度');

  const actor = { kind: ctx.caller.kind, openid: ctx.caller.openid };
  const who = { actorOpenid: ctx.caller.openid!, actorRole: 'customer' };
  const answered = { ...solution, state: input.accept ? ('accepted' as const) : ('rejected' as const), respondedAt: now, ...(input.comment ? { customerComment: input.comment } : {}) };
  let change: Change;

  if (!input.accept) {
    const move = checkMove(doc, actor, 'escalated', 'respond');
    if (!move.ok) throw new AppError('CONFLICT', move.message);
    const compensation = doc.compensation && ['approved', 'pending_approval'].includes(doc.compensation.status) ? await moveCompensation(doc.compensation, doc, 'cancelled', ctx.caller.openid!, now, '顾客不接受方案') : doc.compensation;
    change = {
      set: { status: 'escalated', statusChangedAt: now, solution: answered, compensation, sla: applySlaEffect(doc.sla, move.rule.sla, now) },
      events: [
        { ...who, action: 'respond', from: doc.status, to: 'escalated', after: { accept: false, comment: input.comment }, note: `您不接受处理方案：${input.comment}。已升级给经理重新审核`, visibility: 'customer' },
      ],
      messages: [
        { dedupeKey: `rejected:${doc._id}:${solution.id}`, kind: 'staff_approval', ...staffTarget(doc), complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, reason: input.comment ?? '', event: '顾客不接受方案' } },
        { dedupeKey: `rejected-head:${doc._id}:${solution.id}`, kind: 'staff_approval', audience: 'department', to: doc.department, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, reason: input.comment ?? '', event: '顾客不接受方案，待审批修订方案' } },
      ],
    };
  } else {
    change = await acceptChange(doc, answered, ctx.caller.openid!, 'customer', now);
  }
  return view(await commitChange(doc, change, now, config), ctx, config);
}

interface SurveyDoc {
  _id: string;
  complaintId: string;
  customerOpenid: string;
  stars: number;
  nps?: number;
  comment?: string;
  at: Date;
}

/**
 * complaint.rate: once per complaint (the survey's unique index on complaintId), after resolution. Three unsatisfied
 * ratings in a row from one customer open a churn-risk task for customer service.
 */
export async function rate(input: { complaintId: string; stars: number; nps?: number; comment?: string }, ctx: ActionContext): Promise<ComplaintView> {
  const [config, doc] = await Promise.all([loadConfig(), loadMine(input.complaintId, ctx)]);
  if (doc.rating) return view(doc, ctx, config);
  if (doc.status !== 'resolved' && doc.status !== 'closed') throw new AppError('CONFLICT', '问题解决后才能评价');
  const now = ctx.now();
  const rating = { stars: input.stars, ...(input.nps !== undefined ? { nps: input.nps } : {}), ...(input.comment ? { comment: input.comment } : {}), at: now };
  try {
    await collection('surveys').add({ data: { _id: doc._id, complaintId: doc._id, customerOpenid: doc.customerOpenid, ...rating } });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    throw new AppError('CONFLICT', '这张工单已经评价过了，感谢您的反馈');
  }

  const recent = await rows<SurveyDoc>(collection('surveys').where({ customerOpenid: doc.customerOpenid }).orderBy('at', 'desc').limit(config.lifecycle.churnStreak));
  const churn = churnRisk(recent.map((s) => s.stars).reverse(), config.lifecycle);
  const messages: OutboxMessage[] = [];
  if (churn) {
    await createTask({ dedupeKey: `churn:${doc.customerOpenid}:${doc._id}`, kind: 'churn_risk', department: 'cs', complaintId: doc._id, ticketNo: doc.ticketNo, customerOpenid: doc.customerOpenid, note: `顾客连续 ${config.lifecycle.churnStreak} 次不满意，请客户经理回访` }, now);
    messages.push({ dedupeKey: `churn:${doc.customerOpenid}:${doc._id}`, kind: 'staff_churn_risk', audience: 'department', to: 'cs', complaintId: doc._id, ticketNo: doc.ticketNo, data: { ticketNo: doc.ticketNo, event: '流失预警：连续不满意评价' } });
  }
  const updated = await commitChange(
    doc,
    {
      set: { rating },
      events: [{ actorOpenid: ctx.caller.openid!, actorRole: 'customer', action: 'rate', after: { ...rating, churnRisk: churn }, note: `您评价了这次处理：${input.stars} 星`, visibility: 'customer' }],
      messages,
    },
    now,
    config,
  );
  return view(updated, ctx, config);
}

/** complaint.nudge (催一下): reminds whoever handles the ticket, at most once per configured interval. */
export async function nudge(input: { complaintId: string }, ctx: ActionContext): Promise<ComplaintView> {
  const [config, doc] = await Promise.all([loadConfig(), loadMine(input.complaintId, ctx)]);
  const now = ctx.now();
  const current = complaintView(doc, [], now, config);
  if (!current.canNudge) {
    if (current.nudgeAvailableAt) throw new AppError('RATE_LIMITED', `刚刚已经催过了，${config.lifecycle.nudgeIntervalMinutes >= 60 ? `${Math.round(config.lifecycle.nudgeIntervalMinutes / 60)} 小时` : `${config.lifecycle.nudgeIntervalMinutes} 分钟`}内只能催一次`);
    throw new AppError('CONFLICT', '这张工单当前不需要催办');
  }
  const updated = await commitChange(
    doc,
    {
      set: { lastNudgeAt: now },
      events: [{ actorOpenid: ctx.caller.openid!, actorRole: 'customer', action: 'nudge', note: '您催了一下处理进度，我们已提醒负责的专员', visibility: 'customer' }],
      messages: [{ dedupeKey: `nudge:${doc._id}:${now.getTime()}`, kind: 'staff_nudge', ...staffTarget(doc), complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: '顾客催促处理进度' } }],
    },
    now,
    config,
  );
  return view(updated, ctx, config);
}

/**
 * complaint.confirmSampleShipped (寄样复检): the customer gives the courier and tracking number. Sending the same
 * numbers again (a retry) answers the current state; the clock stays paused until the lab receives the parcel.
 */
export async function confirmSampleShipped(input: { complaintId: string; courier: string; trackingNo: string }, ctx: ActionContext): Promise<ComplaintView> {
  const [config, doc] = await Promise.all([loadConfig(), loadMine(input.complaintId, ctx)]);
  const trackingNo = input.trackingNo.toUpperCase();
  const s = doc.sample;
  if (s && s.state !== 'requested' && s.courier === input.courier && s.trackingNo === trackingNo) return view(doc, ctx, config);
  const check = checkSampleAction('ship', { kind: ctx.caller.kind, openid: ctx.caller.openid, worksTicket: false }, doc, config.sampleLab);
  if (!check.ok) throw new AppError(check.code === 'FORBIDDEN' ? 'NOT_FOUND' : check.code, check.code === 'FORBIDDEN' ? NOT_FOUND_COMPLAINT : check.message);
  const now = ctx.now();
  const sample = { ...s!, state: 'shipped' as const, shippedAt: now, courier: input.courier, trackingNo };
  const updated = await commitChange(
    doc,
    {
      set: { sample },
      events: [{ actorOpenid: ctx.caller.openid!, actorRole: 'customer', action: 'sample', after: { step: 'ship', courier: input.courier, trackingNo }, note: `您已寄出样品（${input.courier} ${trackingNo}），实验室收到后会通知您`, visibility: 'customer' }],
      messages: [
        { dedupeKey: `sample-ship:${sample.sampleId}`, kind: 'sample_request', audience: 'department', to: config.sampleLab.department, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: `样品在途（${sample.returnCode}，${input.courier} ${trackingNo}），请留意收样` } },
        { dedupeKey: `sample-ship-staff:${sample.sampleId}`, kind: 'status_change', ...staffTarget(doc), complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: `顾客已寄出样品（${input.courier} ${trackingNo}）` } },
      ],
    },
    now,
    config,
  );
  return view(updated, ctx, config);
}
