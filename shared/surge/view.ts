import { STATUS_LABELS } from '../complaint/lifecycle';
import type { ComplaintStatus, Level } from '../complaint/model';
import type { CallerKind, DepartmentCode } from '../auth/roles';
import { toIso } from '../time/clock';
import { canHandleIncidents, INCIDENT_STATUS_LABELS, incidentMoves, type IncidentDoc, type IncidentStatus } from './incident';

/** One incident in a list (ticket.incidents, the dashboard's 批次异常 card). */
export interface IncidentSummary {
  incidentId: string;
  status: IncidentStatus;
  statusLabel: string;
  level: Level;
  batchId: string;
  batchNo?: string;
  productName?: string;
  reason: string;
  /** Distinct customers when it opened, and complaints linked now. */
  customers: number;
  complaints: number;
  openedAt: string;
  lastComplaintAt: string;
}

export interface IncidentTicket {
  complaintId: string;
  ticketNo: string;
  status: ComplaintStatus;
  statusLabel: string;
  level: Level;
  summary: string;
  assigneeName?: string;
  createdAt: string;
}

export interface IncidentDetail extends IncidentSummary {
  version: number;
  statistic: { count: number; expected: number; ratePerDay: number; pValue: number; windowHours: number };
  openedBy: 'submit' | 'timer';
  acknowledgedAt?: string;
  closedAt?: string;
  closeNote?: string;
  history: Array<{ at: string; action: string; actorName: string; note?: string }>;
  tickets: IncidentTicket[];
  /** What this caller may do now. */
  moves: Array<'acknowledge' | 'close'>;
}

export function incidentSummary(doc: IncidentDoc): IncidentSummary {
  return {
    incidentId: doc._id,
    status: doc.status,
    statusLabel: INCIDENT_STATUS_LABELS[doc.status],
    level: doc.level,
    batchId: doc.batchId,
    ...(doc.batchNo ? { batchNo: doc.batchNo } : {}),
    ...(doc.productName ? { productName: doc.productName } : {}),
    reason: doc.reason,
    customers: doc.statistic.count,
    complaints: doc.complaintIds.length,
    openedAt: toIso(doc.openedAt),
    lastComplaintAt: toIso(doc.lastComplaintAt),
  };
}

interface LinkedComplaint {
  _id: string;
  ticketNo: string;
  status: ComplaintStatus;
  level: Level;
  description: string;
  assigneeName?: string;
  createdAt: Date;
}

export function incidentDetail(doc: IncidentDoc, complaints: LinkedComplaint[], caller: { kind: CallerKind; department?: DepartmentCode }): IncidentDetail {
  const { count, expected, ratePerDay, pValue, windowHours } = doc.statistic;
  return {
    ...incidentSummary(doc),
    version: doc.version,
    statistic: { count, expected, ratePerDay, pValue, windowHours },
    openedBy: doc.openedBy,
    ...(doc.acknowledgedAt ? { acknowledgedAt: toIso(doc.acknowledgedAt) } : {}),
    ...(doc.closedAt ? { closedAt: toIso(doc.closedAt) } : {}),
    ...(doc.closeNote ? { closeNote: doc.closeNote } : {}),
    history: doc.history.map((h) => ({ at: toIso(h.at), action: h.action, actorName: h.actorName, ...(h.note ? { note: h.note } : {}) })),
    tickets: complaints
      .slice()
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => ({
        complaintId: c._id,
        ticketNo: c.ticketNo,
        status: c.status,
        statusLabel: STATUS_LABELS[c.status],
        level: c.level,
        summary: c.description.length > 40 ? `${c.description.slice(0, 40)}…` : c.description,
        ...(c.assigneeName ? { assigneeName: c.assigneeName } : {}),
        createdAt: toIso(c.createdAt),
      })),
    moves: canHandleIncidents(caller) ? incidentMoves(doc.status) : [],
  };
}
