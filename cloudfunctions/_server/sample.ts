import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { canWorkTicket, type ActorFacts } from '@shared/complaint/lifecycle';
import { checkSampleAction, maySample, type SampleAction, type SampleLabConfig, type SampleRecord } from '@shared/complaint/sample';
import type { OutboxMessage } from '@shared/notify/outbox';
import type { ActionContext } from './define-function';

/** The step ids of a sample, kept on it so that a retried call (same requestId) answers instead of failing. */
export type SampleSteps = Partial<Record<SampleAction, string>>;
export type StoredSample = SampleRecord & { steps?: SampleSteps };

const sampleActor = (doc: ComplaintDoc, ctx: ActionContext) => {
  const actor: ActorFacts = { kind: ctx.caller.kind, openid: ctx.caller.openid, department: ctx.caller.department };
  return { ...actor, worksTicket: canWorkTicket(actor, doc) };
};

/**
 * Check one sample step for this caller; throws the envelope error the check names. Returns true when the same
 * step was already taken with this requestId (a retry): the caller answers the current state then.
 */
export function checkSampleStep(action: SampleAction, doc: ComplaintDoc, ctx: ActionContext, lab: SampleLabConfig): 'replay' | 'go' {
  const actor = sampleActor(doc, ctx);
  if (maySample(action, actor, doc, lab) && replayedStep(doc, action, ctx.requestId)) return 'replay';
  const check = checkSampleAction(action, actor, doc, lab);
  if (!check.ok) throw new AppError(check.code, check.message);
  return 'go';
}

/** The same step retried with the same requestId: it already happened. */
export function replayedStep(doc: ComplaintDoc, action: SampleAction, requestId: string | undefined): boolean {
  const steps = (doc.sample as StoredSample | undefined)?.steps;
  return !!requestId && steps?.[action] === requestId;
}

export function withStep(sample: StoredSample, action: SampleAction, requestId: string | undefined): StoredSample {
  return requestId ? { ...sample, steps: { ...sample.steps, [action]: requestId } } : sample;
}

/** A progress message to the customer about their sample. */
export function sampleToCustomer(doc: ComplaintDoc, key: string, kind: 'sample_request' | 'sample_result' | 'status_change', data: Record<string, string>): OutboxMessage {
  return { dedupeKey: key, kind, audience: 'customer', to: doc.customerOpenid, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, ...data } };
}
