import type { CallerKind } from '../auth/roles';
import type { ComplaintStatus } from './model';

/**
 * The complaint lifecycle (DOMAIN.md "Lifecycle") as data: which moves exist, who may make them, through which
 * action, and what each does to the SLA clock. The functions ask this module; they never hard-code a move.
 */

/** How the caller relates to the ticket; decided by the function from the stored complaint, never from input. */
export type ActorRole = 'customer' | 'assignee' | 'department' | 'head' | 'manager' | 'admin' | 'system';

/** The action through which a move happens. `transition` is the generic staff move; the others carry more data. */
export type MoveVia = 'claim' | 'assign' | 'transition' | 'proposeSolution' | 'respond' | 'approve' | 'auto';

/** What a move does to the resolution clock: paused while the ticket waits for the customer. */
export type SlaEffect = 'pause' | 'resume' | 'stop';

export interface MoveRule {
  from: ComplaintStatus;
  to: ComplaintStatus;
  via: MoveVia;
  /** Who may make it. */
  by: readonly ActorRole[];
  /** Input the move needs (the action answers INVALID_INPUT on the field when it is missing). */
  requires?: ReadonlyArray<'note' | 'rootCause'>;
  sla?: SlaEffect;
  /** For the staff screen's buttons and the audit line. */
  label: string;
}

const STAFF_ON_TICKET = ['assignee', 'head', 'manager', 'admin'] as const;
const LEADS = ['head', 'manager', 'admin'] as const;

export const MOVES: readonly MoveRule[] = [
  // Intake routes to an agent (system), or staff claim / assign it.
  { from: 'submitted', to: 'assigned', via: 'auto', by: ['system'], label: '自动分派' },
  { from: 'submitted', to: 'assigned', via: 'claim', by: ['department', 'head'], label: '认领' },
  { from: 'submitted', to: 'assigned', via: 'assign', by: LEADS, label: '分派' },

  { from: 'assigned', to: 'investigating', via: 'transition', by: STAFF_ON_TICKET, label: '开始调查' },
  { from: 'investigating', to: 'awaiting_customer', via: 'proposeSolution', by: STAFF_ON_TICKET, sla: 'pause', label: '提交处理方案' },
  { from: 'assigned', to: 'awaiting_customer', via: 'proposeSolution', by: STAFF_ON_TICKET, sla: 'pause', label: '提交处理方案' },
  // An enquiry answered or a problem fixed without anything to confirm.
  { from: 'investigating', to: 'resolved', via: 'transition', by: STAFF_ON_TICKET, requires: ['note', 'rootCause'], sla: 'stop', label: '直接解决' },
  { from: 'investigating', to: 'escalated', via: 'transition', by: STAFF_ON_TICKET, requires: ['note'], label: '升级给经理' },

  { from: 'awaiting_customer', to: 'compensating', via: 'respond', by: ['customer', 'system'], sla: 'resume', label: '顾客接受方案' },
  { from: 'awaiting_customer', to: 'resolved', via: 'respond', by: ['customer', 'system'], sla: 'stop', label: '顾客接受方案' },
  { from: 'awaiting_customer', to: 'escalated', via: 'respond', by: ['customer'], sla: 'resume', label: '顾客不接受方案' },
  { from: 'awaiting_customer', to: 'investigating', via: 'transition', by: STAFF_ON_TICKET, requires: ['note'], sla: 'resume', label: '撤回方案' },

  // A revised solution approved by a lead goes back to the customer; or the lead sends the ticket back.
  { from: 'escalated', to: 'awaiting_customer', via: 'approve', by: LEADS, sla: 'pause', label: '审批通过并发给顾客' },
  { from: 'escalated', to: 'awaiting_customer', via: 'proposeSolution', by: LEADS, sla: 'pause', label: '提交修订方案' },
  { from: 'escalated', to: 'investigating', via: 'transition', by: LEADS, requires: ['note'], label: '退回重新调查' },

  // Compensation approved (or within limits) and carried out.
  { from: 'compensating', to: 'resolved', via: 'approve', by: LEADS, sla: 'stop', label: '审批补偿' },
  { from: 'compensating', to: 'resolved', via: 'transition', by: STAFF_ON_TICKET, sla: 'stop', label: '补偿已完成' },

  { from: 'resolved', to: 'closed', via: 'transition', by: STAFF_ON_TICKET, label: '关闭工单' },
  { from: 'resolved', to: 'closed', via: 'auto', by: ['system'], label: '到期自动关闭' },
  { from: 'resolved', to: 'investigating', via: 'transition', by: LEADS, requires: ['note'], sla: 'resume', label: '重新打开' },
];

/** Statuses in which the ticket is still being worked (inbox, SLA, load counts). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['submitted', 'assigned', 'investigating', 'awaiting_customer', 'escalated', 'compensating'];
export const isOpen = (status: ComplaintStatus) => OPEN_STATUSES.includes(status);

/** Statuses from which staff can hand a ticket to someone else or ask another department for help. */
export const REASSIGNABLE_STATUSES: readonly ComplaintStatus[] = ['submitted', 'assigned', 'investigating', 'escalated', 'awaiting_customer', 'compensating'];

export interface ActorFacts {
  kind: CallerKind;
  openid?: string;
  department?: string;
}

export interface TicketFacts {
  status: ComplaintStatus;
  department: string;
  assigneeOpenid?: string;
  customerOpenid: string;
  /** Departments asked to assist: their staff may read and note, not move the ticket. */
  assistDepartments?: readonly string[];
}

/**
 * The roles a caller holds on one ticket: an agent is `assignee` on their own tickets and `department` on the
 * rest of their department's; heads act as `head` only in their department; managers and admins everywhere.
 */
export function actorRoles(actor: ActorFacts, ticket: TicketFacts): ActorRole[] {
  switch (actor.kind) {
    case 'system':
      return ['system'];
    case 'customer':
      return actor.openid && actor.openid === ticket.customerOpenid ? ['customer'] : [];
    case 'manager':
      return ['manager', ...(actor.openid === ticket.assigneeOpenid ? (['assignee'] as const) : [])];
    case 'admin':
      return ['admin'];
    case 'head':
    case 'agent': {
      const roles: ActorRole[] = [];
      if (actor.openid && actor.openid === ticket.assigneeOpenid) roles.push('assignee');
      if (actor.department === ticket.department) roles.push('department', ...(actor.kind === 'head' ? (['head'] as const) : []));
      return roles;
    }
  }
}

/** Can this caller read the ticket at all (staff side)? Their department, an assisting department, or all for leads above. */
export function canReadTicket(actor: ActorFacts, ticket: TicketFacts): boolean {
  if (actor.kind === 'manager' || actor.kind === 'admin') return true;
  if (actor.kind !== 'agent' && actor.kind !== 'head') return false;
  if (actor.openid && actor.openid === ticket.assigneeOpenid) return true;
  return !!actor.department && (actor.department === ticket.department || (ticket.assistDepartments ?? []).includes(actor.department));
}

/** Can this caller change the ticket (notes, claim, moves)? Like reading, but assisting departments only add notes. */
export function canWorkTicket(actor: ActorFacts, ticket: TicketFacts): boolean {
  return actorRoles(actor, ticket).some((r) => r !== 'customer' && r !== 'system');
}

/** The moves a caller may make from the ticket's status through `via` (all vias when omitted). */
export function allowedMoves(ticket: TicketFacts, actor: ActorFacts, via?: MoveVia): MoveRule[] {
  const roles = actorRoles(actor, ticket);
  return MOVES.filter((m) => m.from === ticket.status && (!via || m.via === via) && m.by.some((r) => roles.includes(r)));
}

export type MoveCheck = { ok: true; rule: MoveRule } | { ok: false; reason: 'illegal' | 'forbidden'; allowed: ComplaintStatus[]; message: string };

export const STATUS_LABELS: Record<ComplaintStatus, string> = {
  submitted: '待分派',
  assigned: '已分派',
  investigating: '调查中',
  awaiting_customer: '待顾客确认',
  escalated: '已升级',
  compensating: '补偿中',
  resolved: '已解决',
  closed: '已关闭',
};

/**
 * Check one move. A move that does not exist from this status answers the statuses that are reachable from
 * here (for INVALID_INPUT); a move that exists but not for this caller answers `forbidden`.
 */
export function checkMove(ticket: TicketFacts, actor: ActorFacts, to: ComplaintStatus, via: MoveVia): MoveCheck {
  const mine = allowedMoves(ticket, actor, via);
  const rule = mine.find((m) => m.to === to);
  if (rule) return { ok: true, rule };
  const allowed = [...new Set(mine.map((m) => m.to))];
  const exists = MOVES.some((m) => m.from === ticket.status && m.to === to && m.via === via);
  const list = allowed.length ? allowed.map((s) => `「${STATUS_LABELS[s]}」`).join('、') : '无';
  return exists
    ? { ok: false, reason: 'forbidden', allowed, message: `您不能把工单从「${STATUS_LABELS[ticket.status]}」改为「${STATUS_LABELS[to]}」` }
    : { ok: false, reason: 'illegal', allowed, message: `工单当前为「${STATUS_LABELS[ticket.status]}」，不能直接改为「${STATUS_LABELS[to]}」；可改为：${list}` };
}

/** Automatic moves and their waiting times, in days (configuration `lifecycle`). */
export interface LifecycleRules {
  /** awaiting_customer with no answer this long → treated as accepted (the customer is told so with the solution). */
  autoAcceptDays: number;
  /** resolved this long without a new complaint → closed, and the survey is sent if not rated yet. */
  autoCloseDays: number;
  /** Unsatisfied ratings (stars ≤ this) in a row that make a churn-risk task. */
  unsatisfiedStars: number;
  churnStreak: number;
  /** The customer can nudge (催一下) once per this many minutes. */
  nudgeIntervalMinutes: number;
}

export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = {
  autoAcceptDays: 3,
  autoCloseDays: 7,
  unsatisfiedStars: 2,
  churnStreak: 3,
  nudgeIntervalMinutes: 120,
};

const DAY_MS = 86_400_000;

/**
 * When the ticket's next automatic move is due (stored as `autoAt`, an indexed field the timer queries),
 * or undefined when nothing happens by itself from this status.
 */
export function autoMoveAt(status: ComplaintStatus, enteredAt: Date, rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES): Date | undefined {
  if (status === 'awaiting_customer') return new Date(enteredAt.getTime() + rules.autoAcceptDays * DAY_MS);
  if (status === 'resolved') return new Date(enteredAt.getTime() + rules.autoCloseDays * DAY_MS);
  return undefined;
}

/** Whether `stars` counts as unsatisfied, and whether the last ratings (newest last) make a churn-risk streak. */
export function isUnsatisfied(stars: number, rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES): boolean {
  return stars <= rules.unsatisfiedStars;
}

export function churnRisk(recentStars: readonly number[], rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES): boolean {
  const tail = recentStars.slice(-rules.churnStreak);
  return tail.length === rules.churnStreak && tail.every((s) => isUnsatisfied(s, rules));
}
