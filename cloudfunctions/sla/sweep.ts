import { AppError } from '@shared/api/envelope';
import { DEPARTMENT_LABELS, type DepartmentCode } from '@shared/auth/roles';
import type { ComplaintDoc } from '@shared/complaint/document';
import { subcategoryLabel, complaintSla } from '@shared/complaint/views';
import type { OutboxMessage } from '@shared/notify/outbox';
import { alertKey, dueSlaAlerts, SLA_ALERT_LABELS, SLA_TARGET_LABELS, type DueAlert } from '@shared/sla/alerts';
import { toIso } from '@shared/time/clock';
import { _ } from '../_server/cloud';
import { loadConfig, type AppConfig } from '../_server/config';
import { collection, rows } from '../_server/db';
import { commitChange, type NewEvent } from '../_server/tickets';

const BATCH = 100;
const MAX_BATCHES = 20;

interface People {
  heads: Partial<Record<DepartmentCode, string>>;
  managers: string[];
}

async function people(): Promise<People> {
  const [departments, managers] = await Promise.all([
    rows<{ _id: DepartmentCode; headOpenid: string }>(collection('departments').limit(20)),
    rows<{ openid: string }>(collection('staff').where({ role: 'manager', active: true }).limit(20)),
  ]);
  return { heads: Object.fromEntries(departments.map((d) => [d._id, d.headOpenid])), managers: managers.map((m) => m.openid) };
}

/** Who hears about an alert: the assignee and the head for warnings and breaches; the manager(s) on escalation. */
function recipients(doc: ComplaintDoc, alert: DueAlert, who: People): string[] {
  if (alert.kind === 'manager') return who.managers;
  const head = who.heads[doc.department];
  return [...new Set([doc.assigneeOpenid, head].filter((x): x is string => !!x))];
}

function alertMessages(doc: ComplaintDoc, alert: DueAlert, who: People, config: AppConfig): OutboxMessage[] {
  const issue = subcategoryLabel(config.taxonomy, doc.category, doc.subcategory);
  const what = `${SLA_TARGET_LABELS[alert.target]}${SLA_ALERT_LABELS[alert.kind]}`;
  const kind = alert.kind === 'warning' ? ('sla_warning' as const) : alert.kind === 'breach' ? ('sla_breach' as const) : ('sla_escalation' as const);
  const targets = recipients(doc, alert, who);
  const data = { ticketNo: doc.ticketNo, issue, level: doc.level, event: what, dueAt: toIso(alert.dueAt), department: DEPARTMENT_LABELS[doc.department], assignee: doc.assigneeName ?? '未分派' };
  const ref = { complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level };
  const messages: OutboxMessage[] = targets.map((to) => ({ dedupeKey: `sla:${doc._id}:${alertKey(alert.target, alert.kind)}:${alert.dueAt.getTime()}:${to}`, kind, audience: 'staff', to, ...ref, data }));
  // Nobody to tell by name (no assignee, no head): the department's group hears it.
  if (!targets.length) messages.push({ dedupeKey: `sla:${doc._id}:${alertKey(alert.target, alert.kind)}:${alert.dueAt.getTime()}:${doc.department}`, kind, audience: 'department', to: doc.department, ...ref, data });
  return messages;
}

/**
 * One SLA sweep: the tickets whose next SLA event is due (an index range on `nextSlaEventAt`, never a scan of open
 * tickets), the warnings, breaches and escalations due on each, recorded on the ticket and in the audit log and
 * queued in the outbox. Safe to run twice or concurrently: the ticket update is conditional on its version (the
 * loser skips the ticket), and each message's dedupe key includes the target's due time.
 */
export async function runSlaSweep(now: Date): Promise<{ checked: number; alerts: number; skipped: number }> {
  const config = await loadConfig();
  let who: People | undefined;
  let checked = 0;
  let alerts = 0;
  let skipped = 0;
  let after: { at: Date; id: string } | undefined;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const range = after
      ? _.or([{ nextSlaEventAt: _.gt(after.at).and(_.lte(now)) }, { nextSlaEventAt: after.at, _id: _.gt(after.id) }])
      : { nextSlaEventAt: _.lte(now) };
    const due = await rows<ComplaintDoc>(collection('complaints').where(range).orderBy('nextSlaEventAt', 'asc').orderBy('_id', 'asc').limit(BATCH));
    for (const doc of due) {
      checked++;
      const found = dueSlaAlerts(complaintSla(doc, now, config.sla), doc.slaAlerts ?? {}, now, config.escalation);
      who ??= await people();
      const sent = { ...(doc.slaAlerts ?? {}) };
      const events: NewEvent[] = [];
      const messages: OutboxMessage[] = [];
      for (const alert of found) {
        sent[alertKey(alert.target, alert.kind)] = { at: now, dueAt: alert.dueAt };
        messages.push(...alertMessages(doc, alert, who, config));
        events.push({
          actorOpenid: 'system',
          actorRole: 'system',
          actorName: '系统',
          action: 'sla_alert',
          after: { target: alert.target, kind: alert.kind, dueAt: alert.dueAt },
          note: `${SLA_TARGET_LABELS[alert.target]}${SLA_ALERT_LABELS[alert.kind]}（承诺 ${toIso(alert.dueAt)}）`,
          visibility: 'internal',
        });
      }
      try {
        // Even with nothing to send, the write moves `nextSlaEventAt` on, so the ticket leaves the due range.
        await commitChange(doc, { set: { slaAlerts: sent }, events, messages }, now, config);
        alerts += found.length;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
        skipped++;
      }
    }
    if (due.length < BATCH) break;
    const last = due[due.length - 1];
    after = { at: last.nextSlaEventAt!, id: last._id };
  }
  return { checked, alerts, skipped };
}
