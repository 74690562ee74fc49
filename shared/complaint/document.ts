import type { DepartmentCode } from '../auth/roles';
import type { CompensationStatus, CompensationType } from '../compensation/types';
import type { SlaAlertsSent } from '../sla/alerts';
import type { SampleRecord } from './sample';
import type { Category, Channel, ComplaintCore, ComplaintStatus, Level } from './model';

/** What the customer hopes for (DOMAIN.md "Complaint form"). */
export const EXPECTATIONS = ['refund', 'replacement', 'compensation', 'explanation', 'other'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];
export const EXPECTATION_LABELS: Record<Expectation, string> = {
  refund: '退款',
  replacement: '换货/补发',
  compensation: '补偿',
  explanation: '给个说法',
  other: '其他',
};

export interface ClassificationRecord {
  category: Category;
  subcategory: string;
  confidence: number;
  secondary: string[];
  /** `model` (local classifier), `cloud` (the optional cloud model), `staff` (corrected by a person). */
  source: 'model' | 'cloud' | 'staff';
  /** Low confidence: the ticket shows in the needs-triage inbox until a person confirms or corrects it. */
  needsTriage: boolean;
  /** The customer's own category choice, kept for comparison. */
  hint?: Category;
}

export interface SlaPauseRecord {
  from: Date;
  to?: Date;
  /** Why the clock stopped: absent = waiting for the customer's answer; `sample` = a re-inspection sample travels (`sample.ts`). */
  reason?: 'sample';
}

export interface SlaRecord {
  startedAt: Date;
  firstResponseDueAt: Date;
  resolveDueAt?: Date;
  firstRespondedAt?: Date;
  resolvedAt?: Date;
  pauses: SlaPauseRecord[];
  holidayMode?: string;
}

export interface SolutionRecord {
  id: string;
  text: string;
  proposedAt: Date;
  proposedBy: string;
  proposedByName?: string;
  /** The compensation offered with it, if any (document in `compensations`). */
  compensationId?: string;
  compensationSummary?: string;
  /** `pending_approval` until a lead approves a revised solution (escalated tickets); `sent` once the customer sees it. */
  state: 'pending_approval' | 'sent' | 'accepted' | 'rejected' | 'withdrawn';
  customerComment?: string;
  respondedAt?: Date;
}

/** The compensation of the current solution, mirrored from `compensations` so reading a complaint is one query. */
export interface CompensationMirror {
  compensationId: string;
  type: CompensationType;
  summary: string;
  valueFen: number;
  status: CompensationStatus;
  approvalNeeded: 'none' | 'head' | 'manager';
  /** The rule that suggested it, when one did. */
  rule?: string;
}

export interface RatingRecord {
  stars: number;
  nps?: number;
  comment?: string;
  at: Date;
}

export interface CaseIndexRecord {
  subcategory: string;
  terms: string[];
  len: number;
}

export interface ArchiveRecord {
  note: string;
  byOpenid: string;
  byName?: string;
  at: Date;
}

/** The stored complaint (collection `complaints`). Phone numbers are stored encrypted, with a masked copy for staff screens. */
export interface ComplaintDoc extends ComplaintCore {
  requestId: string;
  description: string;
  contactPhoneEnc: string;
  contactPhoneMasked: string;
  mediaFileIds: string[];
  expectation?: Expectation;
  /** Who typed it in: the customer, or the agent for a phone complaint. */
  createdBy: string;
  classification: ClassificationRecord;
  foodSafety: boolean;
  angry: boolean;
  levelReason: string;
  assigneeOpenid?: string;
  assigneeName?: string;
  assignedAt?: Date;
  routingReason: string;
  assistDepartments: DepartmentCode[];
  orderNo?: string;
  productId?: string;
  productName?: string;
  batchId?: string;
  batchNo?: string;
  storeId?: string;
  storeName?: string;
  scene?: string;
  region?: string;
  delivery?: { promisedBy: Date; deliveredAt?: Date; lateMinutes?: number };
  /** What intake found about earlier complaints (DOMAIN.md "Repeat complaint detection"). */
  related: {
    customerRecent: number;
    sameOrder: string[];
    batchCustomers: number;
  };
  customerTier: 'regular' | 'vip';
  sla: SlaRecord;
  /** Indexed: when the sla timer must look at this ticket next (warning, breach); absent when nothing is pending. */
  nextSlaEventAt?: Date;
  /** SLA alerts already sent (`shared/sla/alerts.ts`), so each goes out once. */
  slaAlerts?: SlaAlertsSent;
  /** Indexed inbox order: level, then the next promise (`shared/complaint/queue.ts`). */
  queueKey: string;
  /** Indexed: when an automatic move is due (auto-accept, auto-close). */
  autoAt?: Date;
  statusChangedAt: Date;
  rootCause?: string;
  solution?: SolutionRecord;
  compensation?: CompensationMirror;
  rating?: RatingRecord;
  /** The batch-surge incident this complaint is linked to (`shared/surge/incident.ts`). */
  incidentId?: string;
  lastNudgeAt?: Date;
  /** The current sample re-inspection (寄样复检, `shared/complaint/sample.ts`). */
  sample?: SampleRecord;
  resolvedAt?: Date;
  closedAt?: Date;
  /** Indexed: set when the ticket resolves or closes (or its archive mark changes), cleared once its terms are in `caseTerms`. */
  caseIndexAt?: Date;
  /** What the similar-case index holds for this ticket, so a re-index replaces exactly that. */
  caseIndex?: CaseIndexRecord;
  /** Exemplary resolution in the case archive (案例库), with the lesson to learn from it. */
  archive?: ArchiveRecord;
  /** Indexed copy of `archive.at`: the archive is listed newest first. */
  archivedAt?: Date;
  /** Optimistic concurrency: every change is conditional on the version read and increments it. */
  version: number;
}

/** What an event is about; the customer timeline shows only `customer` visibility. */
export type EventVisibility = 'customer' | 'internal';

export type EventAction =
  | 'submit'
  | 'route'
  | 'claim'
  | 'assign'
  | 'transition'
  | 'note'
  | 'reply'
  | 'propose'
  | 'approve'
  | 'respond'
  | 'compensate'
  | 'rate'
  | 'reveal_phone'
  | 'reclassify'
  | 'assist'
  | 'nudge'
  | 'sla_alert'
  | 'auto'
  /** The order's temperature log arrived (import or push) while the cold-chain complaint was open. */
  | 'coldchain_data'
  | 'batch_surge'
  | 'sample'
  | 'archive'
  | 'unarchive';

/** One entry of the append-only audit log (collection `events`): who, when, what, before → after. */
export interface EventDoc {
  _id: string;
  complaintId: string;
  ticketNo: string;
  at: Date;
  actorOpenid: string;
  actorRole: string;
  actorName?: string;
  action: EventAction;
  from?: ComplaintStatus;
  to?: ComplaintStatus;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Shown to the customer in their timeline (in Chinese), when visibility is `customer`. */
  note?: string;
  visibility: EventVisibility;
}

export interface ComplaintLevelFacts {
  level: Level;
  department: DepartmentCode;
  status: ComplaintStatus;
}
