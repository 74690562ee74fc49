import type { SlaSnapshot, SlaTargetName } from './clock';

/**
 * SLA alerts (DOMAIN.md): a warning to the assignee and the department head when 20 % of a target remains, a
 * breach escalated to the head, and — if the target is still not met after a further configured time — to the
 * manager. Which alerts a ticket has had is stored on it (`slaAlerts`), so each is sent once, and the next
 * instant anything is due is stored in the indexed `nextSlaEventAt` the timer queries.
 */
export type SlaAlertKind = 'warning' | 'breach' | 'manager';
export type SlaAlertKey = `${SlaTargetName}:${SlaAlertKind}`;
/** When each alert went out, and for which due time: a promise that moved (a pause, a level change) is a new one. */
export type SlaAlertsSent = Partial<Record<SlaAlertKey, { at: Date; dueAt: Date }>>;

export interface EscalationRules {
  /** A breached target not met this long after its due time goes to the manager. */
  managerAfterMinutes: number;
}

export const DEFAULT_ESCALATION_RULES: EscalationRules = { managerAfterMinutes: 120 };

export interface DueAlert {
  target: SlaTargetName;
  kind: SlaAlertKind;
  /** The target's due time: part of the alert's identity (a recomputed due time is a new promise). */
  dueAt: Date;
}

const TARGETS: SlaTargetName[] = ['firstResponse', 'resolve'];
export const alertKey = (target: SlaTargetName, kind: SlaAlertKind): SlaAlertKey => `${target}:${kind}`;
const wasSent = (sent: SlaAlertsSent, target: SlaTargetName, kind: SlaAlertKind, dueAt: Date) => sent[alertKey(target, kind)]?.dueAt.getTime() === dueAt.getTime();

/**
 * Alerts due at `now` and not sent yet. A timer that runs late sends only what is true now: a target already
 * breached gets its breach alert, not a warning first.
 */
export function dueSlaAlerts(snapshot: SlaSnapshot, sent: SlaAlertsSent, now: Date, rules: EscalationRules = DEFAULT_ESCALATION_RULES): DueAlert[] {
  const out: DueAlert[] = [];
  for (const target of TARGETS) {
    const t = snapshot[target];
    if (t.met || !t.dueAt) continue;
    if (t.breached) {
      if (!wasSent(sent, target, 'breach', t.dueAt)) out.push({ target, kind: 'breach', dueAt: t.dueAt });
      else if (!wasSent(sent, target, 'manager', t.dueAt) && now.getTime() >= t.dueAt.getTime() + rules.managerAfterMinutes * 60_000) out.push({ target, kind: 'manager', dueAt: t.dueAt });
    } else if (t.warning && !wasSent(sent, target, 'warning', t.dueAt)) {
      out.push({ target, kind: 'warning', dueAt: t.dueAt });
    }
  }
  return out;
}

/** The next instant an alert becomes due (after those in `sent`), or undefined when nothing is pending. */
export function nextSlaAlertAt(snapshot: SlaSnapshot, sent: SlaAlertsSent, rules: EscalationRules = DEFAULT_ESCALATION_RULES): Date | undefined {
  let next: number | undefined;
  const consider = (at: number) => (next = next === undefined ? at : Math.min(next, at));
  for (const target of TARGETS) {
    const t = snapshot[target];
    if (t.met || !t.dueAt) continue;
    if (!t.breached) {
      // A warning not sent yet is due at warnAt — possibly already passed, then the next sweep sends it.
      consider(t.warnAt && !wasSent(sent, target, 'warning', t.dueAt) ? t.warnAt.getTime() : t.dueAt.getTime());
    } else if (!wasSent(sent, target, 'breach', t.dueAt)) consider(t.dueAt.getTime());
    else if (!wasSent(sent, target, 'manager', t.dueAt)) consider(t.dueAt.getTime() + rules.managerAfterMinutes * 60_000);
  }
  return next === undefined ? undefined : new Date(next);
}

export const SLA_TARGET_LABELS: Record<SlaTargetName, string> = { firstResponse: '首次响应', resolve: '解决' };
export const SLA_ALERT_LABELS: Record<SlaAlertKind, string> = { warning: '即将超时', breach: '已超时', manager: '超时升级' };
