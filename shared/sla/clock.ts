/**
 * The SLA clock of one complaint: due times, remaining minutes and elapsed fraction of its two targets (first
 * response, resolution) at any instant. Pure: the caller passes the complaint's facts, `now` and the policy.
 *
 * Targets are working minutes of the level's service calendar counted from `startedAt`, minus the pauses
 * (awaiting the customer). A level change is not a special case: call again with the new level and the same
 * `startedAt`, and both due times are recomputed from the original start on the new level's targets and calendar
 * (so an L3 raised to L1 after 3 hours may already be overdue for its first response — which is the point).
 */
import type { Level } from '../complaint/model';
import { minutesUntil } from '../time/clock';
import { addWorkingMs, calendarFor, MINUTE_MS, workingMsBetween, type ServiceCalendar, type Span } from './calendar';
import { holidayModeAt } from './holiday-mode';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './policy';

/** The resolution clock stops from `from` to `to`; `to` absent = still paused. */
export interface SlaPause {
  from: Date;
  to?: Date;
}

export interface SlaInput {
  level: Level;
  foodSafety: boolean;
  /** When the complaint was received. */
  startedAt: Date;
  /** Resolution clock paused while awaiting the customer (and the first-response clock, if not yet met). */
  pauses: SlaPause[];
  firstRespondedAt?: Date;
  resolvedAt?: Date;
}

export interface SlaTarget {
  /** Absent while paused. */
  dueAt?: Date;
  targetMinutes: number;
  /** Wall-clock minutes until dueAt (a countdown; negative when overdue). Frozen working minutes while paused; at the met instant once met. */
  remainingMinutes: number;
  /** Working minutes used / target; above 1 when overdue. */
  elapsedFraction: number;
  /** When `warnFraction` of the target remains; absent while paused. */
  warnAt?: Date;
  met?: boolean;
  /** Not met in time: overdue now, or met after dueAt. */
  breached: boolean;
  /** Inside the warning window: not met, not breached, at most `warnFraction` left. */
  warning: boolean;
}

export type SlaTargetName = 'firstResponse' | 'resolve';

export interface SlaSnapshot {
  firstResponse: SlaTarget;
  resolve: SlaTarget;
  paused: boolean;
  holidayMode?: { name: string; factor: number };
  /** The next instant at which something must happen (a warning or a breach of a target not yet met), for an indexed `nextSlaEventAt` field the timer queries; undefined when nothing is pending (met, or paused). */
  nextEventAt?: Date;
  nextEvent?: { target: SlaTargetName; kind: 'warning' | 'breach' };
  /** The due time the customer should see counting down: first response until met, then resolution; undefined when resolved/paused. */
  nextDueAt?: Date;
}

export interface SlaTargetMinutes {
  firstResponseMinutes: number;
  resolveMinutes: number;
  holidayMode?: { name: string; factor: number };
}

/**
 * The two targets for a complaint: the level's, the stricter food-safety first response when it is shorter, and
 * the holiday-mode factor of the period the complaint was received in (not the period "now" falls in, so a
 * target does not change under a complaint as a holiday begins or ends).
 */
export function slaTargetMinutes(level: Level, foodSafety: boolean, startedAt: Date, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaTargetMinutes {
  const base = policy.targets[level];
  const firstResponse = foodSafety ? Math.min(base.firstResponseMinutes, policy.foodSafetyFirstResponseMinutes) : base.firstResponseMinutes;
  const mode = holidayModeAt(startedAt, policy);
  // Whole minutes, never zero: a target is a promise shown to the customer.
  const scale = (minutes: number) => Math.max(1, Math.round(minutes * mode.factor));
  return {
    firstResponseMinutes: scale(firstResponse),
    resolveMinutes: scale(base.resolveMinutes),
    ...(mode.active ? { holidayMode: { name: mode.name!, factor: mode.factor } } : {}),
  };
}

export function slaSnapshot(input: SlaInput, now: Date, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaSnapshot {
  const targets = slaTargetMinutes(input.level, input.foodSafety, input.startedAt, policy);
  const calendar = calendarFor(input.level, policy);
  const at = now.getTime();
  // Only what has happened by `now` counts, so a snapshot of a past instant is what the timer saw then.
  const resolvedAt = happened(input.resolvedAt, at);
  // Resolving answers the customer too: a resolution without a recorded first response meets it.
  const respondedAt = happened(input.firstRespondedAt, at) ?? resolvedAt;
  const clock = { calendar, start: input.startedAt.getTime(), pauses: input.pauses, now: at, warnFraction: policy.warnFraction };
  const fr = measure(clock, targets.firstResponseMinutes, respondedAt);
  const rs = measure(clock, targets.resolveMinutes, resolvedAt);

  let next: { at: number; target: SlaTargetName; kind: 'warning' | 'breach' } | undefined;
  for (const [target, t] of [['firstResponse', fr.target], ['resolve', rs.target]] as const) {
    if (t.met || !t.dueAt || !t.warnAt) continue;
    const event = at < t.warnAt.getTime() ? { at: t.warnAt.getTime(), kind: 'warning' as const } : at < t.dueAt.getTime() ? { at: t.dueAt.getTime(), kind: 'breach' as const } : undefined;
    // Strictly earlier wins, so on a tie the first response (listed first) is the one reported.
    if (event && (!next || event.at < next.at)) next = { ...event, target };
  }

  const countdown = resolvedAt !== undefined || rs.paused ? undefined : respondedAt === undefined ? fr.target.dueAt : rs.target.dueAt;
  return {
    firstResponse: fr.target,
    resolve: rs.target,
    paused: rs.paused,
    ...(targets.holidayMode ? { holidayMode: targets.holidayMode } : {}),
    ...(next ? { nextEventAt: new Date(next.at), nextEvent: { target: next.target, kind: next.kind } } : {}),
    ...(countdown ? { nextDueAt: countdown } : {}),
  };
}

interface Clock {
  calendar: ServiceCalendar;
  start: number;
  pauses: SlaPause[];
  now: number;
  warnFraction: number;
}

/** One target read at `metAt` when met, else at `now`. */
function measure(clock: Clock, targetMinutes: number, metAt: number | undefined): { target: SlaTarget; paused: boolean } {
  const { calendar, start, now } = clock;
  const targetMs = targetMinutes * MINUTE_MS;
  const readAt = metAt ?? now;
  const { holes, open } = pausesUntil(clock.pauses, readAt, metAt !== undefined);
  const used = workingMsBetween(calendar, start, readAt, holes);
  const paused = open;
  const dueMs = paused ? undefined : addWorkingMs(calendar, start, targetMs, holes);
  const warnThreshold = Math.round(targetMs * (1 - clock.warnFraction));
  const warnMs = paused ? undefined : addWorkingMs(calendar, start, warnThreshold, holes);
  const met = metAt !== undefined;
  const breached = met ? dueMs !== undefined && metAt > dueMs : used >= targetMs;
  const remainingMinutes =
    dueMs === undefined ? minutesUntil(new Date(targetMs - used), new Date(0)) : minutesUntil(new Date(dueMs), new Date(readAt));
  return {
    paused,
    target: {
      ...(dueMs !== undefined ? { dueAt: new Date(dueMs) } : {}),
      targetMinutes,
      remainingMinutes,
      elapsedFraction: used / targetMs,
      ...(warnMs !== undefined ? { warnAt: new Date(warnMs) } : {}),
      met,
      breached,
      warning: !met && !breached && used >= warnThreshold,
    },
  };
}

/**
 * The pauses that matter at `readAt`: begun by then (a met target ignores pauses from its met instant on), cut
 * at `readAt` when met; one still going on at `readAt` is open-ended — the clock stays stopped.
 */
function pausesUntil(pauses: SlaPause[], readAt: number, met: boolean): { holes: Span[]; open: boolean } {
  const holes: Span[] = [];
  let open = false;
  for (const p of pauses) {
    const from = p.from.getTime();
    if (met ? from >= readAt : from > readAt) continue;
    const to = p.to?.getTime();
    if (met) holes.push({ from, to: Math.min(to ?? readAt, readAt) });
    else if (to === undefined || to > readAt) {
      holes.push({ from, to: Infinity });
      open = true;
    } else holes.push({ from, to });
  }
  return { holes, open };
}

function happened(date: Date | undefined, now: number): number | undefined {
  return date !== undefined && date.getTime() <= now ? date.getTime() : undefined;
}
