import type { SlaEffect } from './lifecycle';
import { autoMoveAt, isOpen, type LifecycleRules } from './lifecycle';
import type { ComplaintDoc, SlaRecord } from './document';
import { queueKey } from './queue';
import type { SlaPolicy } from '../sla/policy';
import { complaintSla } from './views';
import { DEFAULT_ESCALATION_RULES, nextSlaAlertAt, type EscalationRules } from '../sla/alerts';

/**
 * The fields derived from a complaint's state that timers and the inbox query through indexes: the next promise
 * (countdown), the next SLA event (warning or breach), the inbox order and the next automatic move.
 * Recomputed on every change so no sweep ever has to scan open tickets. `undefined` means "remove the field".
 */
export interface ScheduleFields {
  nextDueAt?: Date;
  nextSlaEventAt?: Date;
  autoAt?: Date;
  queueKey: string;
  sla: SlaRecord;
}

export function scheduleFields(doc: ComplaintDoc, now: Date, config: { sla: SlaPolicy; lifecycle: LifecycleRules; escalation?: EscalationRules }): ScheduleFields {
  const open = isOpen(doc.status);
  const snap = complaintSla(doc, now, config.sla);
  const nextDueAt = open ? snap.nextDueAt : undefined;
  return {
    nextDueAt,
    nextSlaEventAt: open ? nextSlaAlertAt(snap, doc.slaAlerts ?? {}, config.escalation ?? DEFAULT_ESCALATION_RULES) : undefined,
    autoAt: autoMoveAt(doc.status, doc.statusChangedAt, config.lifecycle),
    queueKey: queueKey(doc.level, nextDueAt),
    sla: {
      ...doc.sla,
      ...(snap.firstResponse.dueAt ? { firstResponseDueAt: snap.firstResponse.dueAt } : {}),
      ...(snap.resolve.dueAt ? { resolveDueAt: snap.resolve.dueAt } : {}),
    },
  };
}

/**
 * What a move does to the SLA record: pause opens an interval, resume closes it, stop marks the resolution (and
 * closes every pause). Pause and resume concern waiting for the customer's answer only; a sample re-inspection's
 * pause (`reason: 'sample'`) is opened and closed by the sample's own steps (`sample.ts`).
 */
export function applySlaEffect(sla: SlaRecord, effect: SlaEffect | undefined, now: Date): SlaRecord {
  switch (effect) {
    case 'pause':
      return sla.pauses.some((p) => !p.to && !p.reason) ? sla : { ...sla, pauses: [...sla.pauses, { from: now }] };
    case 'resume':
      return { ...sla, pauses: sla.pauses.map((p) => (p.to || p.reason ? p : { ...p, to: now })) };
    case 'stop':
      return { ...sla, pauses: sla.pauses.map((p) => (p.to ? p : { ...p, to: now })), resolvedAt: now };
    default:
      return sla;
  }
}

/** First contact with the customer meets the first-response target (a message or a proposed solution; not a claim). */
export function markFirstResponse(sla: SlaRecord, now: Date): SlaRecord {
  return sla.firstRespondedAt ? sla : { ...sla, firstRespondedAt: now };
}
