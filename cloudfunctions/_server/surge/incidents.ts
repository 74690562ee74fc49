import { AppError } from '@shared/api/envelope';
import type { DepartmentCode } from '@shared/auth/roles';
import type { ComplaintDoc } from '@shared/complaint/document';
import type { OutboxMessage } from '@shared/notify/outbox';
import type { SurgeVerdict, WindowComplaint } from '@shared/surge/detector';
import { linkedLevelReason, newIncident, type IncidentDoc } from '@shared/surge/incident';
import { toIso } from '@shared/time/clock';
import { _ } from '../cloud';
import type { AppConfig } from '../config';
import { collection, isDuplicateKeyError, rows } from '../db';
import { commitChange } from '../tickets';

export interface SurgeBatch {
  batchId: string;
  batchNo?: string;
  productId?: string;
  productName?: string;
}

/**
 * Open the batch's incident, or join the one already open. The insert is the arbiter: the unique `openKey` (the
 * batch id while open) lets exactly one of several racing openers win; the others read the winner and add their
 * complaints to it. `opened` tells the caller whether it must send the alerts (their dedupe keys hold anyway).
 */
export async function openOrJoinIncident(
  batch: SurgeBatch,
  window: WindowComplaint[],
  verdict: SurgeVerdict,
  o: { now: Date; openedBy: 'submit' | 'timer'; config: AppConfig },
): Promise<{ incident: IncidentDoc; opened: boolean }> {
  const doc = newIncident({
    ...batch,
    complaintIds: window.map((c) => c._id),
    windowStart: window[0].createdAt,
    lastComplaintAt: window[window.length - 1].createdAt,
    verdict,
    windowHours: o.config.surge.windowHours,
    now: o.now,
    openedBy: o.openedBy,
  });
  try {
    await collection('incidents').add({ data: doc });
    return { incident: doc, opened: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const open = await openIncidentOf(batch.batchId);
  if (!open) {
    // The same surge (same first complaint) was opened and closed already: QC has dealt with these complaints.
    throw new AppError('CONFLICT', '该批次的异常事件刚被关闭');
  }
  return { incident: await joinIncident(open, window, o.now), opened: false };
}

export async function openIncidentOf(batchId: string): Promise<IncidentDoc | undefined> {
  return (await rows<IncidentDoc>(collection('incidents').where({ openKey: batchId }).limit(1)))[0];
}

/** Add complaints to an open incident (one update; `addToSet` makes a repeat harmless). */
export async function joinIncident(incident: IncidentDoc, complaints: WindowComplaint[], now: Date): Promise<IncidentDoc> {
  const fresh = complaints.filter((c) => !incident.complaintIds.includes(c._id));
  if (!fresh.length) return incident;
  const last = complaints.reduce((at, c) => (c.createdAt > at ? c.createdAt : at), incident.lastComplaintAt);
  await collection('incidents')
    .where({ _id: incident._id })
    // wx-server-sdk passes `addToSet`'s operand through as is, so MongoDB's `$each` form adds several at once.
    .update({ data: { complaintIds: _.addToSet({ $each: fresh.map((c) => c._id) } as never), lastComplaintAt: last, updatedAt: now } });
  return { ...incident, complaintIds: [...incident.complaintIds, ...fresh.map((c) => c._id)], lastComplaintAt: last };
}

/**
 * Raise the incident's earlier complaints to L1 and link them, each through commitChange (conditional on its
 * version; a CONFLICT re-reads once). Complaints already linked (by a racing submit or an earlier timer run) are
 * skipped, so running this twice changes nothing.
 */
export async function linkComplaints(incident: IncidentDoc, ids: string[], now: Date, config: AppConfig): Promise<number> {
  if (!ids.length) return 0;
  const load = (which: string[]) => rows<ComplaintDoc>(collection('complaints').where({ _id: _.in(which), incidentId: _.exists(false) }).limit(which.length));
  let linked = 0;
  let pending = await load(ids);
  for (let attempt = 0; attempt < 2 && pending.length; attempt++) {
    const conflicted: string[] = [];
    await Promise.all(
      pending.map(async (doc) => {
        try {
          await commitChange(doc, linkChange(doc, incident), now, config);
          linked++;
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
          conflicted.push(doc._id);
        }
      }),
    );
    pending = conflicted.length ? await load(conflicted) : [];
  }
  return linked;
}

function linkChange(doc: ComplaintDoc, incident: IncidentDoc) {
  const reason = linkedLevelReason(incident, doc);
  return {
    set: { incidentId: incident._id, level: 'L1' as const, levelReason: reason },
    events: [
      {
        actorOpenid: 'system',
        actorRole: 'system',
        actorName: '系统',
        action: 'batch_surge' as const,
        before: { level: doc.level },
        after: { level: 'L1', incidentId: incident._id },
        note: reason,
        visibility: 'internal' as const,
      },
    ],
  };
}

/** Who hears of a new incident: the QC head (posted to QC's group robot, mentioning them) and the manager(s). */
export async function incidentAlerts(incident: IncidentDoc): Promise<OutboxMessage[]> {
  const [departments, managers] = await Promise.all([
    rows<{ _id: DepartmentCode; headOpenid?: string }>(collection('departments').where({ _id: incident.department }).limit(1)),
    rows<{ openid: string }>(collection('staff').where({ role: 'manager', active: true }).limit(20)),
  ]);
  const head = departments[0]?.headOpenid;
  const data = {
    event: incident.reason,
    issue: `${incident.productName ?? '商品'} 批次 ${incident.batchNo ?? incident.batchId}`,
    level: incident.level,
    levelReason: `批次异常：${incident.statistic.count} 位顾客`,
    at: toIso(incident.openedAt),
  };
  // The first linked ticket rides along: the staff message opens it, and a recipient without a department (the
  // manager) is posted to that ticket's department group, as SLA escalations are.
  const base = { kind: 'staff_batch_surge' as const, level: incident.level, complaintId: incident.complaintIds[0], data };
  const messages: OutboxMessage[] = [];
  // With no head on record, the QC group itself hears it (a head's alert is posted there already).
  if (head) messages.push({ ...base, dedupeKey: `incident:${incident._id}:${head}`, audience: 'staff', to: head });
  else messages.push({ ...base, dedupeKey: `incident:${incident._id}:${incident.department}`, audience: 'department', to: incident.department });
  for (const m of managers) if (m.openid !== head) messages.push({ ...base, dedupeKey: `incident:${incident._id}:${m.openid}`, audience: 'staff', to: m.openid });
  return messages;
}
