import type { TicketChange } from '@shared/api/functions/ticket';
import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { endSamplePause, parseReturnCode, returnCode, sampleInstructions, startSamplePause, type SampleRecord } from '@shared/complaint/sample';
import { markFirstResponse } from '@shared/complaint/schedule';
import { staffTarget } from '../../_server/accept';
import { loadConfig } from '../../_server/config';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { tempUrls } from '../../_server/media';
import { checkSampleStep, sampleToCustomer, withStep, type StoredSample } from '../../_server/sample';
import { commitChange, loadComplaint } from '../../_server/tickets';
import { expectVersion, loadReadable, ticketChange, who } from './access';

/**
 * 寄样复检 on the staff side (`shared/complaint/sample.ts` decides): staff on the ticket ask for a sample and may
 * cancel it; the QC lab records receipt and the result. The clock pauses from the request until receipt.
 * Each step is one `commitChange` (version-conditional, audited, notified through the outbox); a retried call with
 * the same requestId answers the current state instead of CONFLICT.
 */

/** ticket.requestSample: a return code derived from the ticket number, the instructions, the clock paused. */
export async function requestSample(input: { complaintId: string; version: number; reason?: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadReadable(input.complaintId, ctx)]);
  if (checkSampleStep('request', doc, ctx, config.sampleLab) === 'replay') return ticketChange(doc);
  expectVersion(doc, input.version);
  const now = ctx.now();
  const ordinal = (doc.sample?.ordinal ?? 0) + 1;
  const code = returnCode(doc.ticketNo, ordinal);
  const sample: StoredSample = withStep(
    {
      sampleId: `${doc._id}:s${ordinal}`,
      ordinal,
      returnCode: code,
      state: 'requested',
      ...(input.reason ? { reason: input.reason } : {}),
      requestedAt: now,
      requestedBy: ctx.caller.openid!,
      ...(ctx.caller.name ? { requestedByName: ctx.caller.name } : {}),
      instructions: sampleInstructions(code, config.sampleLab),
      labAddress: config.sampleLab.address,
    },
    'request',
    ctx.requestId,
  );
  const updated = await commitChange(
    doc,
    {
      // Asking the customer for the sample is a message to them: it meets the first-response promise.
      set: { sample, sla: startSamplePause(markFirstResponse(doc.sla, now), now) },
      events: [
        { ...who(ctx), action: 'sample', after: { step: 'request', returnCode: code, reason: input.reason ?? null }, note: `为了查明原因，我们需要您寄回样品做复检（寄样码 ${code}），请按页面上的说明寄出`, visibility: 'customer' },
        ...(input.reason ? [{ ...who(ctx), action: 'note' as const, note: `寄样原因：${input.reason}`, visibility: 'internal' as const }] : []),
      ],
      messages: [sampleToCustomer(doc, `sample-request:${sample.sampleId}`, 'sample_request', { returnCode: code, event: `请寄回样品${code}` })],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

/** ticket.cancelSample: no sample needed after all; the clock runs again. */
export async function cancelSample(input: { complaintId: string; version: number; reason: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadReadable(input.complaintId, ctx)]);
  if (checkSampleStep('cancel', doc, ctx, config.sampleLab) === 'replay') return ticketChange(doc);
  expectVersion(doc, input.version);
  const now = ctx.now();
  const sample = withStep({ ...(doc.sample as StoredSample), state: 'cancelled', cancelledAt: now, cancelledBy: ctx.caller.openid!, cancelReason: input.reason }, 'cancel', ctx.requestId);
  const updated = await commitChange(
    doc,
    {
      set: { sample, sla: endSamplePause(doc.sla, now) },
      events: [
        { ...who(ctx), action: 'sample', after: { step: 'cancel', returnCode: sample.returnCode, reason: input.reason }, note: '寄样复检已取消，您无需再寄回样品', visibility: 'customer' },
        { ...who(ctx), action: 'note', note: `取消寄样：${input.reason}`, visibility: 'internal' },
      ],
      messages: [sampleToCustomer(doc, `sample-cancel:${sample.sampleId}`, 'status_change', { event: '寄样复检已取消，无需寄回样品' })],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

/** A ticket the lab works on: any department's (the lab serves them all), checked by the sample step itself. */
async function loadForLab(complaintId: string): Promise<ComplaintDoc> {
  return loadComplaint(complaintId);
}

/** ticket.recordSampleReceipt: the parcel is at the lab; the clock runs again from now. */
export async function recordSampleReceipt(input: { complaintId: string; version: number; note?: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadForLab(input.complaintId)]);
  if (checkSampleStep('receive', doc, ctx, config.sampleLab) === 'replay') return ticketChange(doc);
  expectVersion(doc, input.version);
  const now = ctx.now();
  const sample = withStep(
    { ...(doc.sample as StoredSample), state: 'received', receivedAt: now, receivedBy: ctx.caller.openid!, ...(ctx.caller.name ? { receivedByName: ctx.caller.name } : {}), ...(input.note ? { receiptNote: input.note } : {}) },
    'receive',
    ctx.requestId,
  );
  const updated = await commitChange(
    doc,
    {
      set: { sample, sla: endSamplePause(doc.sla, now) },
      events: [
        { ...who(ctx), action: 'sample', after: { step: 'receive', returnCode: sample.returnCode, note: input.note ?? null }, note: '质检实验室已收到您的样品，正在检测', visibility: 'customer' },
        ...(input.note ? [{ ...who(ctx), action: 'note' as const, note: `收样备注：${input.note}`, visibility: 'internal' as const }] : []),
      ],
      messages: [
        sampleToCustomer(doc, `sample-receive:${sample.sampleId}`, 'status_change', { event: '实验室已收到样品，正在检测' }),
        { dedupeKey: `sample-receive-staff:${sample.sampleId}`, kind: 'status_change', ...staffTarget(doc), complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: `实验室已收样（${sample.returnCode}），SLA 恢复计时` } },
      ],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

interface ResultInput {
  complaintId: string;
  version: number;
  conforms: boolean;
  measuredSpiceLevel?: number;
  measurements?: string;
  conclusion: string;
  photoFileIds: string[];
}

/** ticket.recordSampleResult: the lab's verdict with photos (which must exist in storage); the ticket carries on with it. */
export async function recordSampleResult(input: ResultInput, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadForLab(input.complaintId)]);
  if (checkSampleStep('result', doc, ctx, config.sampleLab) === 'replay') return ticketChange(doc);
  expectVersion(doc, input.version);
  const photoFileIds = [...new Set(input.photoFileIds)];
  const files = await tempUrls(photoFileIds);
  if (files.some((f) => !f.url)) throw new AppError('INVALID_INPUT', '有照片没有上传成功，请删除后重新上传', { photoFileIds: '有照片没有上传成功，请删除后重新上传' });
  const now = ctx.now();
  const verdict = input.conforms ? '符合产品标准' : '不符合产品标准';
  const sample: StoredSample = withStep(
    {
      ...(doc.sample as StoredSample),
      state: 'resulted',
      result: {
        conforms: input.conforms,
        ...(input.measuredSpiceLevel !== undefined ? { measuredSpiceLevel: input.measuredSpiceLevel } : {}),
        ...(input.measurements ? { measurements: input.measurements } : {}),
        conclusion: input.conclusion,
        photoFileIds,
        recordedAt: now,
        recordedBy: ctx.caller.openid!,
        ...(ctx.caller.name ? { recordedByName: ctx.caller.name } : {}),
      },
    } satisfies SampleRecord,
    'result',
    ctx.requestId,
  );
  const updated = await commitChange(
    doc,
    {
      set: { sample },
      events: [
        {
          ...who(ctx),
          action: 'sample',
          after: { step: 'result', returnCode: sample.returnCode, conforms: input.conforms, measuredSpiceLevel: input.measuredSpiceLevel ?? null, measurements: input.measurements ?? null, photos: photoFileIds.length },
          note: `样品检测完成：${verdict}。${input.conclusion}`,
          visibility: 'customer',
        },
      ],
      messages: [
        sampleToCustomer(doc, `sample-result:${sample.sampleId}`, 'sample_result', { event: `样品检测结果：${verdict}` }),
        { dedupeKey: `sample-result-staff:${sample.sampleId}`, kind: 'sample_result', ...staffTarget(doc), complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: `复检结果：${verdict}，请继续处理` } },
      ],
    },
    now,
    config,
  );
  return ticketChange(updated);
}

/** ticket.findSample: the lab types the code written on the parcel and lands on the ticket. */
export async function findSample(input: { returnCode: string }, ctx: ActionContext): Promise<{ complaintId: string; ticketNo: string }> {
  const parsed = parseReturnCode(input.returnCode);
  const notFound = new AppError('NOT_FOUND', '没有找到这个寄样码对应的工单，请核对包裹上的寄样码');
  if (!parsed) throw notFound;
  const [doc] = await rows<ComplaintDoc>(collection('complaints').where({ ticketNo: parsed.ticketNo }).limit(1));
  if (!doc || !doc.sample || doc.sample.ordinal < parsed.ordinal) throw notFound;
  const config = await loadConfig();
  const lab = ctx.caller.kind === 'admin' || ctx.caller.department === config.sampleLab.department;
  if (!lab) await loadReadable(doc._id, ctx);
  return { complaintId: doc._id, ticketNo: doc.ticketNo };
}
