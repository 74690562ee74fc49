import type { CallerKind, DepartmentCode } from '../auth/roles';
import type { Level } from '../complaint/model';
import type { SurgeVerdict } from './detector';

/**
 * A QC incident opened by a batch surge (collection `incidents`): L1, owned by QC, linking the batch's complaints.
 * open → acknowledged → closed (by the QC head or a manager, with a note). While it is open its `openKey` is the
 * batch id, under a unique index: two submits racing on the same surge cannot open two incidents, and complaints
 * arriving later join the open one. Closing frees the key (`closed:<id>`), so a later surge opens a new incident.
 */
export const INCIDENT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = { open: '待处理', acknowledged: '已确认', closed: '已关闭' };

export interface IncidentStatistic {
  count: number;
  complaints: number;
  expected: number;
  ratePerDay: number;
  pValue: number;
  windowHours: number;
}

export interface IncidentHistoryEntry {
  at: Date;
  action: 'open' | 'link' | 'acknowledge' | 'close';
  actorOpenid: string;
  actorName: string;
  note?: string;
}

export interface IncidentDoc {
  _id: string;
  kind: 'batch_surge';
  level: Level;
  department: DepartmentCode;
  batchId: string;
  batchNo?: string;
  productId?: string;
  productName?: string;
  /** The batch id while not closed (unique index): one open incident per batch. */
  openKey: string;
  status: IncidentStatus;
  complaintIds: string[];
  statistic: IncidentStatistic;
  reason: string;
  windowStart: Date;
  openedAt: Date;
  openedBy: 'submit' | 'timer';
  lastComplaintAt: Date;
  acknowledgedAt?: Date;
  acknowledgedBy?: string;
  closedAt?: Date;
  closedBy?: string;
  closeNote?: string;
  history: IncidentHistoryEntry[];
  updatedAt: Date;
  version: number;
}

/** The incident's id: the batch and the window's first complaint time, so two openers of one surge name it alike. */
export function incidentIdFor(batchId: string, windowStart: Date): string {
  return `SG-${batchId}-${windowStart.getTime().toString(36)}`;
}

export function newIncident(
  o: { batchId: string; batchNo?: string; productId?: string; productName?: string; complaintIds: string[]; windowStart: Date; lastComplaintAt: Date; verdict: SurgeVerdict; windowHours: number; now: Date; openedBy: 'submit' | 'timer' },
): IncidentDoc {
  const { verdict } = o;
  return {
    _id: incidentIdFor(o.batchId, o.windowStart),
    kind: 'batch_surge',
    level: 'L1',
    department: 'qc',
    batchId: o.batchId,
    ...(o.batchNo ? { batchNo: o.batchNo } : {}),
    ...(o.productId ? { productId: o.productId } : {}),
    ...(o.productName ? { productName: o.productName } : {}),
    openKey: o.batchId,
    status: 'open',
    complaintIds: o.complaintIds,
    statistic: { count: verdict.count, complaints: o.complaintIds.length, expected: round4(verdict.expected), ratePerDay: round4(verdict.ratePerDay), pValue: verdict.pValue, windowHours: o.windowHours },
    reason: verdict.reason,
    windowStart: o.windowStart,
    openedAt: o.now,
    openedBy: o.openedBy,
    lastComplaintAt: o.lastComplaintAt,
    history: [{ at: o.now, action: 'open', actorOpenid: 'system', actorName: '系统', note: verdict.reason }],
    updatedAt: o.now,
    version: 1,
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The level reason a linked complaint carries: `L1: 批次异常（…）`; a complaint L1 by a base rule of its own (food
 * safety) keeps that reason first, so neither is lost. A level only raised to L1 (`L2 → L1: 同批次 3 位顾客投诉`) is
 * explained by the surge instead.
 */
export function linkedLevelReason(incident: Pick<IncidentDoc, 'reason'>, current?: { level: Level; levelReason: string }): string {
  const surge = `批次异常（${incident.reason}）`;
  const ownL1 = current?.level === 'L1' && current.levelReason.startsWith('L1: ') && !current.levelReason.includes('批次异常') && !current.levelReason.startsWith('L1: 同批次集中投诉');
  if (ownL1) return `${current.levelReason}；${surge}`;
  return `L1: ${surge}`;
}

/** Who sees incidents: QC staff, every head, managers and admins. */
export function canSeeIncidents(caller: { kind: CallerKind; department?: DepartmentCode }): boolean {
  if (caller.kind === 'manager' || caller.kind === 'admin' || caller.kind === 'head') return true;
  return caller.kind === 'agent' && caller.department === 'qc';
}

/** Who acknowledges and closes one: the QC head and managers (admins too, as they can everything else). */
export function canHandleIncidents(caller: { kind: CallerKind; department?: DepartmentCode }): boolean {
  if (caller.kind === 'manager' || caller.kind === 'admin') return true;
  return caller.kind === 'head' && caller.department === 'qc';
}

/** The moves from a status. Acknowledging is optional: an open incident may be closed at once. */
export function incidentMoves(status: IncidentStatus): Array<'acknowledge' | 'close'> {
  if (status === 'open') return ['acknowledge', 'close'];
  if (status === 'acknowledged') return ['close'];
  return [];
}
