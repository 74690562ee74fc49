import { coldChainDataRequest } from '@shared/logistics/data-request';
import crypto from 'node:crypto';
import type { SubmitOutput } from '@shared/api/functions/complaint';
import { AppError } from '@shared/api/envelope';
import type { Caller } from '@shared/auth/roles';
import type { StaffDoc } from '../caller';
import { DEPARTMENT_LABELS } from '@shared/auth/roles';
import type { ComplaintDoc, EventDoc } from '@shared/complaint/document';
import { planIntake, type IntakeForm } from '@shared/complaint/intake';
import { departmentFor } from '@shared/complaint/taxonomy';
import { formatTicketNo, ticketCounterId } from '@shared/complaint/ticket-number';
import { submitOutput, subcategoryLabel } from '@shared/complaint/views';
import type { OutboxMessage } from '@shared/notify/outbox';
import { maskMobile } from '@shared/privacy/phone';
import { toIso } from '@shared/time/clock';
import { appendEvents } from '../audit';
import { complaintClassifier } from '../classifier';
import { refineWithCloudModel } from '../cloud-model';
import { loadConfig, type AppConfig } from '../config';
import { encryptField } from '../crypto';
import { collection, isDuplicateKeyError, rows, updatedCount } from '../db';
import { tempUrls } from '../media';
import { enqueue } from '../outbox';
import { fetchIntakeContext, type FetchedContext } from './context';
import { decideSurge, type SurgeDecision } from '@shared/surge/decide';
import { linkedLevelReason, type IncidentDoc } from '@shared/surge/incident';
import { incidentAlerts, joinIncident, linkComplaints, openOrJoinIncident } from '../surge/incidents';

export interface SubmitRequest {
  form: IntakeForm & { contactPhone: string };
  /** Whose complaint it is: the caller, or the customer an agent speaks for. */
  customerOpenid: string;
  /** Known for a customer's own complaint; a phone complaint may find its customer through the order. */
  orderOwnerKnown: boolean;
  requestId: string;
  caller: Caller;
  now: Date;
  /** A customer's own submit: refuses a staff caller, whose record the context read brings (no read of its own). */
  confirmCustomer?: (staff: StaffDoc | undefined) => void;
}

const UNKNOWN_MESSAGES = {
  scene: '这个二维码无法识别，请直接填写问题',
  orderNo: '没有找到这个订单，请检查订单号',
  batchNo: '没有找到这个批次，请核对包装上的批次号',
  storeId: '没有找到这家门店',
  productId: '没有找到这个商品',
} as const;

/**
 * Intake (complaint.submit and ticket.createOnBehalf): classify, read the context in one round trip, decide level,
 * department, assignee and due times, take a ticket number, store the complaint, log it and queue the receipt.
 * Six database calls on the common path (caller, context, counter, complaint, events, outbox). A retry with the
 * same requestId answers the first result: found by the context query, or by the unique index on a race.
 */
export async function submitComplaint(req: SubmitRequest): Promise<SubmitOutput> {
  const config = await loadConfig();
  const { form, now } = req;
  const classification = await refineWithCloudModel(form.description, complaintClassifier().classify({ text: form.description, categoryHint: form.categoryHint }));

  // Attached files must exist in storage (checked alongside the context read, not after it).
  const media = form.mediaFileIds?.length ? tempUrls(form.mediaFileIds) : Promise.resolve([]);
  const contextRead = fetchIntakeContext({
    customerOpenid: req.customerOpenid,
    orderOwnerKnown: req.orderOwnerKnown,
    requestId: req.requestId,
    orderNo: form.orderNo,
    productId: form.productId,
    batchNo: form.batchNo,
    storeId: form.storeId,
    scene: form.scene,
    now,
    rules: config.urgency,
    counterId: ticketCounterId(now),
    ...(req.confirmCustomer ? { callerStaffOf: req.customerOpenid } : {}),
    department: departmentFor(config.taxonomy, classification.category),
  });
  const [context, files] = await Promise.all([contextRead, media]);
  req.confirmCustomer?.(context.callerStaff);
  if (context.existing) return replay(req.customerOpenid, req.requestId, config);
  const unknown: Record<string, string> = Object.fromEntries(context.unknown.map((f) => [f, UNKNOWN_MESSAGES[f]]));
  if (files.some((f) => !f.url)) unknown.mediaFileIds = '有图片或视频没有上传成功，请删除后重新上传';
  if (Object.keys(unknown).length) throw new AppError('INVALID_INPUT', '部分信息没有找到，请检查后再提交', unknown);

  const complaintId = complaintIdFor(context.customerOpenid, req.requestId);
  // Batch surge, from what the context read: nothing more to read, and writes only when the batch surges.
  const surge = await surgeIncident(context, { _id: complaintId, customerOpenid: context.customerOpenid, createdAt: now }, config);
  const plan = planIntake(form, classification, { ...context, batchSurge: !!surge.incident }, config);
  const ticketNo = await nextTicketNo(now, context.counterSeq);
  const doc: ComplaintDoc = {
    _id: complaintId,
    ticketNo,
    requestId: req.requestId,
    customerOpenid: context.customerOpenid,
    contactPhoneEnc: encryptField(form.contactPhone),
    contactPhoneMasked: maskMobile(form.contactPhone),
    createdBy: req.caller.openid ?? 'system',
    ...plan.complaint,
    ...(surge.incident ? { incidentId: surge.incident._id, levelReason: linkedLevelReason(surge.incident, plan.complaint) } : {}),
  };
  try {
    await collection('complaints').add({ data: doc });
  } catch (error) {
    if (isDuplicateKeyError(error)) return replay(doc.customerOpenid, req.requestId, config);
    throw error;
  }
  // Only the request that stored the complaint logs it and sends the receipt (a racing retry has another ticket
  // number in hand); the ids derive from the complaint's, so a crash-and-retry cannot double them either.
  const alerts = surge.opened && surge.incident ? await incidentAlerts(surge.incident) : [];
  await Promise.all([
    appendEvents(intakeEvents(doc, req.caller, plan.urgency.reasons)),
    enqueue([...intakeMessages(doc, config), ...alerts], now),
    surgeFollowUp(surge, doc, now, config),
  ]);
  return submitOutput(doc, config.taxonomy, false);
}

interface SurgeOutcome {
  decision: SurgeDecision;
  incident?: IncidentDoc;
  opened: boolean;
}

/** Open (or join) the batch's incident before the complaint is stored, so the complaint is stored linked and at L1. */
async function surgeIncident(context: FetchedContext, self: { _id: string; customerOpenid: string; createdAt: Date }, config: AppConfig): Promise<SurgeOutcome> {
  const batch = context.batch;
  if (!batch || !context.surge) return { decision: { kind: 'none' }, opened: false };
  const decision = decideSurge({ complaint: self, batchNo: batch.batchNo, onBatch: context.surge.onBatch, baseline: context.surge.baseline, openIncident: context.surge.openIncident }, config.surge);
  if (decision.kind === 'join') return { decision, incident: decision.incident, opened: false };
  if (decision.kind === 'none') return { decision, opened: false };
  try {
    const target = { batchId: batch._id, batchNo: batch.batchNo, productId: batch.productId, ...(context.product ? { productName: context.product.name } : {}) };
    const { incident, opened } = await openOrJoinIncident(target, decision.window, decision.verdict, { now: self.createdAt, openedBy: 'submit', config });
    return { decision, incident, opened };
  } catch (error) {
    // The very same surge was opened and closed already: the complaint goes in as usual.
    if (error instanceof AppError && error.code === 'CONFLICT') return { decision: { kind: 'none' }, opened: false };
    throw error;
  }
}

/** After the complaint is stored: it joins the open incident, or the window's earlier complaints are linked and raised. */
async function surgeFollowUp(surge: SurgeOutcome, doc: ComplaintDoc, now: Date, config: AppConfig): Promise<void> {
  if (!surge.incident) return;
  if (surge.decision.kind === 'join') {
    await joinIncident(surge.incident, [{ _id: doc._id, customerOpenid: doc.customerOpenid, createdAt: doc.createdAt }], now);
    return;
  }
  if (surge.decision.kind === 'open') await linkComplaints(surge.incident, surge.decision.window.map((c) => c._id).filter((id) => id !== doc._id), now, config);
}

/** The first answer to a retried request, read back by the unique (customer, requestId) pair. */
async function replay(customerOpenid: string, requestId: string, config: AppConfig): Promise<SubmitOutput> {
  const [doc] = await rows<ComplaintDoc>(collection('complaints').where({ customerOpenid, requestId }).limit(1));
  if (!doc) throw new AppError('CONFLICT', '这次提交正在处理中，请稍后在「我的投诉」查看');
  return submitOutput(doc, config.taxonomy, true);
}

/**
 * `KS20261122-0042`: a per-day counter document advanced by compare-and-swap — `seq: n → n+k` only where it still
 * reads n — so two submits can never take the same number. The value read by the context query makes the usual
 * case one call; a lost race re-reads and tries again. (wx-server-sdk has no findAndModify, and a transaction
 * would cost four round trips.) Under contention an instance reserves a small block of numbers at once and hands
 * them out itself: numbers stay unique, a burst stops retrying, and a quiet day still numbers 1, 2, 3 in order.
 */
const BLOCK_UNDER_CONTENTION = 10;
const CONTENTION_MEMORY_MS = 60_000;
let reserved: { counterId: string; next: number; last: number } | undefined;
let contendedUntil = 0;

/** The complaint's id, derived from (customer, requestId): a retry of the same request names the same complaint. */
export function complaintIdFor(customerOpenid: string, requestId: string): string {
  return crypto.createHash('sha256').update(`${customerOpenid}\n${requestId}`).digest('hex').slice(0, 32);
}

export async function nextTicketNo(now: Date, seenSeq: number): Promise<string> {
  const counters = collection('counters');
  const id = ticketCounterId(now);
  if (reserved?.counterId === id && reserved.next <= reserved.last) return formatTicketNo(now, reserved.next++);
  const block = Date.now() < contendedUntil ? BLOCK_UNDER_CONTENTION : 1;
  let seq = seenSeq;
  for (let attempt = 0; attempt < 20; attempt++) {
    if (seq === 0) {
      try {
        await counters.add({ data: { _id: id, seq: block } });
        reserved = { counterId: id, next: 2, last: block };
        return formatTicketNo(now, 1);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    } else if ((await updatedCount(counters.where({ _id: id, seq }).update({ data: { seq: seq + block } }))) === 1) {
      reserved = { counterId: id, next: seq + 2, last: seq + block };
      return formatTicketNo(now, seq + 1);
    }
    contendedUntil = Date.now() + CONTENTION_MEMORY_MS;
    const [current] = await rows<{ seq: number }>(counters.where({ _id: id }).limit(1));
    seq = current?.seq ?? 0;
  }
  throw new AppError('CONFLICT', '提交的人太多了，请稍后重试');
}

function intakeEvents(doc: ComplaintDoc, caller: Caller, levelReasons: string[]): EventDoc[] {
  const base = { complaintId: doc._id, ticketNo: doc.ticketNo, at: doc.createdAt };
  const actor = { actorOpenid: caller.openid ?? 'system', actorRole: caller.kind, ...(caller.name ? { actorName: caller.name } : {}) };
  const events: EventDoc[] = [
    {
      _id: `${doc._id}:v1:0`,
      ...base,
      ...actor,
      action: 'submit',
      to: 'submitted',
      after: { channel: doc.channel, category: doc.category, subcategory: doc.subcategory, level: doc.level, foodSafety: doc.foodSafety, confidence: doc.classification.confidence },
      note: doc.channel === 'phone' ? `客服已代您登记投诉，工单号 ${doc.ticketNo}` : `已收到您的投诉，工单号 ${doc.ticketNo}`,
      visibility: 'customer',
    },
    {
      _id: `${doc._id}:v1:1`,
      ...base,
      actorOpenid: 'system',
      actorRole: 'system',
      actorName: '系统',
      action: 'route',
      from: 'submitted',
      to: doc.status,
      after: { level: doc.level, levelReason: levelReasons.join('；'), department: doc.department, assigneeOpenid: doc.assigneeOpenid ?? null, routingReason: doc.routingReason, related: doc.related },
      note: doc.assigneeOpenid ? `${DEPARTMENT_LABELS[doc.department]}专员已接手，会在承诺时间内联系您` : `已转交${DEPARTMENT_LABELS[doc.department]}，正在安排专员`,
      visibility: 'customer',
    },
  ];
  return events;
}

function intakeMessages(doc: ComplaintDoc, config: AppConfig): OutboxMessage[] {
  const ref = { complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level };
  const issue = subcategoryLabel(config.taxonomy, doc.category, doc.subcategory);
  const messages: OutboxMessage[] = [
    {
      dedupeKey: `receipt:${doc._id}`,
      kind: 'receipt',
      audience: 'customer',
      to: doc.customerOpenid,
      ...ref,
      data: { ticketNo: doc.ticketNo, issue, firstResponseDueAt: toIso(doc.sla.firstResponseDueAt), status: '已受理' },
    },
  ];
  const staffData = { ticketNo: doc.ticketNo, issue, level: doc.level, levelReason: doc.levelReason, firstResponseDueAt: toIso(doc.sla.firstResponseDueAt) };
  if (doc.assigneeOpenid) {
    messages.push({ dedupeKey: `new:${doc._id}:${doc.assigneeOpenid}`, kind: 'staff_new_ticket', audience: 'staff', to: doc.assigneeOpenid, ...ref, data: staffData });
  }
  // A ticket nobody could take goes to the department's group (an assignee's alert is posted there already,
  // mentioning them).
  if (!doc.assigneeOpenid) {
    messages.push({ dedupeKey: `new:${doc._id}:${doc.department}`, kind: 'staff_new_ticket', audience: 'department', to: doc.department, ...ref, data: staffData });
  }
  // Cold chain: the drain checks the order's temperature log and asks logistics for it when missing (no extra round trip here).
  const dataRequest = coldChainDataRequest(doc);
  if (dataRequest) messages.push(dataRequest);
  return messages;
}
