import type { CallerKind } from '../auth/roles';
import { toIso } from '../time/clock';
import type { ComplaintStatus } from './model';
import type { SlaRecord } from './document';

/**
 * Sample re-inspection (寄样复检, DOMAIN.md "Taste disputes"): the agent asks the customer to send a sample of the
 * product back, the QC lab receives it and records a result, and the ticket continues with that evidence.
 *
 *   requested ──(customer: courier + tracking no.)──▶ shipped ──(lab)──▶ received ──(lab)──▶ resulted
 *       │                                               │
 *       └──────────────(staff on the ticket)──────────── ┴──▶ cancelled
 *
 * The lab may record receipt straight from `requested` (a parcel arrives before the customer says so).
 * While the sample travels (from the request until the lab receives it, or the request is cancelled) the
 * resolution clock is paused: a pause interval tagged `sample` beside the customer-waiting ones. It is a sub-state
 * of the ticket, not a lifecycle status, so the statuses of API.md and every move between them stay as they are.
 */

export const SAMPLE_STATES = ['requested', 'shipped', 'received', 'resulted', 'cancelled'] as const;
export type SampleState = (typeof SAMPLE_STATES)[number];

export const SAMPLE_STATE_LABELS: Record<SampleState, string> = {
  requested: '待顾客寄回',
  shipped: '样品寄送中',
  received: '实验室已收样',
  resulted: '已出检测结果',
  cancelled: '已取消',
};

/** What the customer reads for each state. */
export const SAMPLE_CUSTOMER_LABELS: Record<SampleState, string> = {
  requested: '请寄回样品',
  shipped: '样品寄送中',
  received: '质检实验室已收到样品',
  resulted: '检测结果已出',
  cancelled: '寄样已取消',
};

export type SampleAction = 'request' | 'ship' | 'receive' | 'result' | 'cancel';

export interface SampleResult {
  /** Consistent with the product standard (麻辣度、咸淡 within the product's specification)? */
  conforms: boolean;
  /** 麻辣度 the lab measured, on the library's 1–5 scale. */
  measuredSpiceLevel?: number;
  /** Notes on heat, saltiness and the rest, in the lab's words. */
  measurements?: string;
  /** The lab's conclusion, shown to the customer. */
  conclusion: string;
  /** Storage fileIDs of the lab's photos (checked to exist, as submit checks the customer's). */
  photoFileIds: string[];
  recordedAt: Date;
  recordedBy: string;
  recordedByName?: string;
}

/** The ticket's current sample (field `sample` of the complaint); earlier ones live on in the audit events. */
export interface SampleRecord {
  sampleId: string;
  /** 1 for the first sample of this ticket, 2 for a second request, …; part of the return code. */
  ordinal: number;
  returnCode: string;
  state: SampleState;
  /** Why staff want the sample (internal). */
  reason?: string;
  requestedAt: Date;
  requestedBy: string;
  requestedByName?: string;
  /** The instructions as the customer got them (the lab address of the day). */
  instructions: string[];
  labAddress: string;
  shippedAt?: Date;
  courier?: string;
  trackingNo?: string;
  receivedAt?: Date;
  receivedBy?: string;
  receivedByName?: string;
  /** The lab's remark on the parcel (thawed, damaged, …). */
  receiptNote?: string;
  result?: SampleResult;
  cancelledAt?: Date;
  cancelledBy?: string;
  cancelReason?: string;
}

/** The QC lab the samples go to (configuration `sampleLab`). */
export interface SampleLabConfig {
  /** Department whose staff record receipts and results. */
  department: string;
  name: string;
  address: string;
  recipient: string;
  phone: string;
  /** Packing advice for frozen goods, one step a line. */
  packing: string[];
  /** The customer is asked to send within this many days. */
  sendWithinDays: number;
}

export const DEFAULT_SAMPLE_LAB: SampleLabConfig = {
  department: 'qc',
  name: '川味冻品质检实验室',
  address: '四川省成都市郫都区食品产业园创新路 18 号 质检中心 2 楼',
  recipient: '质检实验室（收样）',
  phone: '028-8765-4321',
  packing: [
    '取剩余的产品（至少 100 克或半包），连同原包装一起放入密封袋，扎紧袋口',
    '放入泡沫箱，四周放冰袋或冰块（冻品请保持冷冻，冰袋不少于 2 个）',
    '在包裹内放一张纸条，写上寄样码，方便实验室对上您的工单',
    '寄顺丰冷运或京东冷链等冷链快递，运费到付，无需您垫付',
  ],
  sendWithinDays: 7,
};

/** A ticket may ask for at most this many samples (the ordinal is one digit of the return code). */
export const MAX_SAMPLES = 9;

/** Lifecycle statuses in which staff may ask for a sample: the ticket is being worked, nothing waits on the customer. */
export const SAMPLE_REQUEST_STATUSES: readonly ComplaintStatus[] = ['assigned', 'investigating', 'escalated'];

/** States in which a sample is under way (a new one cannot be requested; a solution waits for it). */
export const ACTIVE_SAMPLE_STATES: readonly SampleState[] = ['requested', 'shipped', 'received'];
export const isSampleActive = (s: SampleRecord | undefined): boolean => !!s && ACTIVE_SAMPLE_STATES.includes(s.state);

/** States in which the sample travels and the resolution clock is paused. */
export const TRAVELLING_STATES: readonly SampleState[] = ['requested', 'shipped'];

/** From which states each action may be taken, and what state it leaves. */
export const SAMPLE_MOVES: Record<SampleAction, { from: readonly (SampleState | 'none')[]; to: SampleState; label: string }> = {
  request: { from: ['none', 'resulted', 'cancelled'], to: 'requested', label: '请顾客寄样' },
  ship: { from: ['requested'], to: 'shipped', label: '顾客已寄出' },
  receive: { from: ['requested', 'shipped'], to: 'received', label: '实验室收样' },
  result: { from: ['received'], to: 'resulted', label: '录入检测结果' },
  cancel: { from: ['requested', 'shipped'], to: 'cancelled', label: '取消寄样' },
};

/** Who the caller is for this sample: decided by the function from the stored ticket and the caller record. */
export interface SampleActor {
  kind: CallerKind;
  openid?: string;
  department?: string;
  /** The caller may work the ticket (assignee, department staff, heads, managers, admins: `canWorkTicket`). */
  worksTicket: boolean;
}

export interface SampleTicketFacts {
  status: ComplaintStatus;
  customerOpenid: string;
  sample?: SampleRecord;
}

export type SampleCheck = { ok: true; to: SampleState } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND'; message: string };

/** Staff of the lab's department (agents and heads) record receipts and results; admins may correct them. */
export function isLabStaff(actor: SampleActor, lab: Pick<SampleLabConfig, 'department'> = DEFAULT_SAMPLE_LAB): boolean {
  if (actor.kind === 'admin') return true;
  return (actor.kind === 'agent' || actor.kind === 'head') && actor.department === lab.department;
}

/** Who may take each action: staff on the ticket ask and cancel, the ticket's customer ships, the lab receives and records. */
export function maySample(action: SampleAction, actor: SampleActor, ticket: SampleTicketFacts, lab: Pick<SampleLabConfig, 'department'> = DEFAULT_SAMPLE_LAB): boolean {
  switch (action) {
    case 'request':
    case 'cancel':
      return actor.kind !== 'customer' && actor.worksTicket;
    case 'ship':
      return actor.kind === 'customer' && !!actor.openid && actor.openid === ticket.customerOpenid;
    case 'receive':
    case 'result':
      return isLabStaff(actor, lab);
  }
}

/** Check one action against the caller and the sample's state; the Chinese message is for the person who tried. */
export function checkSampleAction(action: SampleAction, actor: SampleActor, ticket: SampleTicketFacts, lab: Pick<SampleLabConfig, 'department'> = DEFAULT_SAMPLE_LAB): SampleCheck {
  if (!maySample(action, actor, ticket, lab)) {
    const message =
      action === 'receive' || action === 'result' ? '只有质检实验室的同事可以登记收样和检测结果' : action === 'ship' ? '这不是您的工单' : '您不能处理这张工单的寄样复检';
    return { ok: false, code: 'FORBIDDEN', message };
  }
  const move = SAMPLE_MOVES[action];
  const current = ticket.sample?.state ?? 'none';
  if (action === 'request') {
    if (!SAMPLE_REQUEST_STATUSES.includes(ticket.status)) return { ok: false, code: 'CONFLICT', message: '工单当前状态不能发起寄样复检（需在处理中）' };
    if ((ticket.sample?.ordinal ?? 0) >= MAX_SAMPLES) return { ok: false, code: 'CONFLICT', message: `一张工单最多寄样 ${MAX_SAMPLES} 次` };
  }
  if (!move.from.includes(current)) {
    if (current === 'none') return { ok: false, code: 'NOT_FOUND', message: '这张工单没有寄样复检' };
    return { ok: false, code: 'CONFLICT', message: `寄样复检当前为「${SAMPLE_STATE_LABELS[current]}」，不能${move.label}` };
  }
  return { ok: true, to: move.to };
}

/**
 * The human return code: `YP` + the ticket number's date (yymmdd) and sequence + the sample's ordinal, e.g.
 * KS20261122-0042, first sample → `YP26112200421`. Ticket numbers are unique, so codes are unique by construction
 * and a retried request derives the same one; the lab gets back to the ticket with `ticketNoOfReturnCode`.
 */
export function returnCode(ticketNo: string, ordinal: number): string {
  const m = /^KS\d{2}(\d{6})-(\d{4,6})$/.exec(ticketNo);
  if (!m) throw new Error(`not a ticket number: ${ticketNo}`);
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > MAX_SAMPLES) throw new Error(`sample ordinal out of range: ${ordinal}`);
  return `YP${m[1]}${m[2]}${ordinal}`;
}

export const RETURN_CODE_RE = /^YP\d{6}\d{4,6}[1-9]$/;

/** The ticket number and ordinal a return code stands for (any case, spaces ignored); undefined for anything else. */
export function parseReturnCode(code: string): { ticketNo: string; ordinal: number } | undefined {
  const c = code.replace(/\s+/g, '').toUpperCase();
  if (!RETURN_CODE_RE.test(c)) return undefined;
  const digits = c.slice(2);
  return { ticketNo: `KS20${digits.slice(0, 6)}-${digits.slice(6, -1)}`, ordinal: Number(digits.slice(-1)) };
}

/** What the customer is told to do, step by step (stored with the request, so later config edits do not rewrite it). */
export function sampleInstructions(code: string, lab: SampleLabConfig = DEFAULT_SAMPLE_LAB): string[] {
  return [
    `请在 ${lab.sendWithinDays} 天内把剩余的产品寄回我们的质检实验室，寄样码：${code}`,
    ...lab.packing,
    `收件地址：${lab.address}`,
    `收件人：${lab.recipient}，电话 ${lab.phone}`,
    '寄出后请在本页填写快递公司和运单号，实验室收到后会尽快检测并把结果告诉您',
  ];
}

/** Stored in `SlaPauseRecord.reason`: why the clock stopped. Absent = waiting for the customer's answer. */
export const SAMPLE_PAUSE = 'sample' as const;

/** The sample leaves: a `sample` pause opens (one at a time), beside any pause for the customer's answer. */
export function startSamplePause(sla: SlaRecord, now: Date): SlaRecord {
  if (sla.pauses.some((p) => p.reason === SAMPLE_PAUSE && !p.to)) return sla;
  return { ...sla, pauses: [...sla.pauses, { from: now, reason: SAMPLE_PAUSE }] };
}

/** The lab has the sample (or the request was cancelled): the `sample` pause closes, the clock runs again. */
export function endSamplePause(sla: SlaRecord, now: Date): SlaRecord {
  return { ...sla, pauses: sla.pauses.map((p) => (p.reason === SAMPLE_PAUSE && !p.to ? { ...p, to: now } : p)) };
}

/** Milliseconds the samples of this ticket have paused the clock, up to `now` (an open pause counts until now). */
export function samplePausedMs(sla: SlaRecord, now: Date): number {
  return sla.pauses.filter((p) => p.reason === SAMPLE_PAUSE).reduce((sum, p) => sum + Math.max(0, Math.min((p.to ?? now).getTime(), now.getTime()) - p.from.getTime()), 0);
}

/** A solution cannot be proposed, nor the ticket resolved, while a sample is under way: its result is the evidence. */
export function sampleBlocksSolution(sample: SampleRecord | undefined): string | undefined {
  if (!isSampleActive(sample)) return undefined;
  return `寄样复检尚未出结果（${SAMPLE_STATE_LABELS[sample!.state]}），请等检测结果录入后再给方案，或先取消寄样`;
}

/** The courier companies offered on the customer's form (free text is accepted too). */
export const COURIERS = ['顺丰速运', '京东物流', '中通快递', '圆通速递', '韵达快递', '申通快递', 'EMS'] as const;

// ── Views ─────────────────────────────────────────────────────────────────────────────────────────────────
export interface SampleResultView {
  conforms: boolean;
  /** `符合产品标准` / `不符合产品标准`. */
  verdict: string;
  measuredSpiceLevel?: number;
  measurements?: string;
  conclusion: string;
  photoFileIds: string[];
  recordedAt: string;
  recordedByName?: string;
}

/** The sample as the customer and staff read it (staff get the internal reason and the paused minutes too). */
export interface SampleView {
  sampleId: string;
  state: SampleState;
  stateLabel: string;
  returnCode: string;
  requestedAt: string;
  instructions: string[];
  labAddress: string;
  shippedAt?: string;
  courier?: string;
  trackingNo?: string;
  receivedAt?: string;
  receiptNote?: string;
  result?: SampleResultView;
  cancelledAt?: string;
  cancelReason?: string;
  /** Customer: the shipping form is open. */
  canConfirmShipped: boolean;
  // Staff only:
  reason?: string;
  requestedByName?: string;
  /** Minutes the samples have held the resolution clock so far. */
  pausedMinutes?: number;
}

/** What staff may do about the sample on this ticket (the buttons of the 寄样复检 card). */
export interface SampleAbilities {
  canRequest: boolean;
  canCancel: boolean;
  canReceive: boolean;
  canRecordResult: boolean;
}

const iso = (d: Date | undefined) => (d ? toIso(d) : undefined);
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function sampleView(sample: SampleRecord, audience: 'customer' | 'staff', sla?: SlaRecord, now?: Date): SampleView {
  const r = sample.result;
  return defined({
    sampleId: sample.sampleId,
    state: sample.state,
    stateLabel: (audience === 'customer' ? SAMPLE_CUSTOMER_LABELS : SAMPLE_STATE_LABELS)[sample.state],
    returnCode: sample.returnCode,
    requestedAt: toIso(sample.requestedAt),
    instructions: sample.instructions,
    labAddress: sample.labAddress,
    shippedAt: iso(sample.shippedAt),
    courier: sample.courier,
    trackingNo: sample.trackingNo,
    receivedAt: iso(sample.receivedAt),
    receiptNote: sample.receiptNote,
    result: r
      ? defined({
          conforms: r.conforms,
          verdict: r.conforms ? '符合产品标准' : '不符合产品标准',
          measuredSpiceLevel: r.measuredSpiceLevel,
          measurements: r.measurements,
          conclusion: r.conclusion,
          photoFileIds: r.photoFileIds,
          recordedAt: toIso(r.recordedAt),
          recordedByName: r.recordedByName,
        })
      : undefined,
    cancelledAt: iso(sample.cancelledAt),
    cancelReason: sample.cancelReason,
    canConfirmShipped: audience === 'customer' && sample.state === 'requested',
    ...(audience === 'staff'
      ? {
          reason: sample.reason,
          requestedByName: sample.requestedByName,
          pausedMinutes: sla && now ? Math.round(samplePausedMs(sla, now) / 60_000) : undefined,
        }
      : {}),
  });
}

export function sampleAbilities(actor: SampleActor, ticket: SampleTicketFacts, lab: Pick<SampleLabConfig, 'department'> = DEFAULT_SAMPLE_LAB): SampleAbilities {
  const ok = (a: SampleAction) => checkSampleAction(a, actor, ticket, lab).ok;
  return { canRequest: ok('request'), canCancel: ok('cancel'), canReceive: ok('receive'), canRecordResult: ok('result') };
}
