import type { Level } from '../complaint/model';
import { chinaDate, dayjs } from '../time/clock';
import { DEFAULT_SLA_POLICY, WEEKDAYS, parseHhmm, type SlaCalendarKind, type SlaPolicy, type TimeRange } from './policy';

export const MINUTE_MS = 60_000;

/** A half-open stretch of time [from, to) in epoch milliseconds; `to` may be Infinity (a pause still open). */
export interface Span {
  from: number;
  to: number;
}

/** The service calendar a level's SLA runs on. */
export interface ServiceCalendar {
  kind: SlaCalendarKind;
  policy: SlaPolicy;
}

export function calendarFor(level: Level, policy: SlaPolicy = DEFAULT_SLA_POLICY): ServiceCalendar {
  return { kind: policy.calendars[level], policy };
}

export type DayKind = 'ordinary' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: string;
  kind: DayKind;
  /** 春节, 国庆节 … for a holiday or its make-up working day. */
  holidayName?: string;
  /** Business hours that apply that day. */
  hours: TimeRange[];
}

/** What kind of day a China date is under the policy, and its business hours. Holidays win over weekdays. */
export function dayInfo(date: string, policy: SlaPolicy = DEFAULT_SLA_POLICY): DayInfo {
  const special = holidayIndex(policy).get(date);
  if (special?.kind === 'holiday') return { date, kind: 'holiday', holidayName: special.name, hours: policy.holidayHours };
  if (special?.kind === 'makeup_workday') return { date, kind: 'makeup_workday', holidayName: special.name, hours: policy.makeupWorkdayHours };
  return { date, kind: 'ordinary', hours: policy.businessHours[WEEKDAYS[dayjs.utc(date).day()]] ?? [] };
}

/**
 * The working stretches of the calendar from `from` onwards, in order, without end. A business calendar walks
 * China day by day; one with no hours at all for two years is a configuration error rather than an endless loop.
 */
export function* workingSpans(calendar: ServiceCalendar, from: number): Generator<Span> {
  if (calendar.kind === '24x7') {
    yield { from, to: Infinity };
    return;
  }
  let day = businessDay(calendar.policy, chinaDateOf(from));
  let emptyDays = 0;
  for (;;) {
    let found = false;
    for (const s of day.spans) {
      if (s.to <= from) continue;
      found = true;
      yield { from: Math.max(s.from, from), to: s.to };
    }
    emptyDays = found ? 0 : emptyDays + 1;
    if (emptyDays > 731) throw new Error('SLA 服务日历两年内没有任何营业时间，请检查营业时间配置');
    day = businessDay(calendar.policy, day.next);
  }
}

interface BusinessDay {
  spans: Span[];
  next: string;
}

const businessDays = new WeakMap<SlaPolicy, Map<string, BusinessDay>>();
/**
 * One China day's working stretches in epoch ms, memoised per policy: computing a day's hours is not free and the
 * timer recomputes the same few weeks of days for every open complaint. Policies are treated as immutable: an
 * edited configuration document is loaded as a new object, which gets a fresh memo.
 */
function businessDay(policy: SlaPolicy, date: string): BusinessDay {
  let days = businessDays.get(policy);
  if (!days) businessDays.set(policy, (days = new Map()));
  let day = days.get(date);
  if (!day) {
    const start = Date.parse(`${date}T00:00:00+08:00`);
    // Asia/Shanghai has no daylight saving, so minutes after local midnight are a fixed offset from it.
    const spans = minuteRanges(dayInfo(date, policy).hours).map(([a, b]) => ({ from: start + a * MINUTE_MS, to: start + b * MINUTE_MS }));
    day = { spans, next: dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD') };
    if (days.size > 5000) days.clear();
    days.set(date, day);
  }
  return day;
}

const HOUR_MS = 60 * MINUTE_MS;
const chinaDates = new Map<number, string>();
/** chinaDate, memoised per UTC hour (China's offset is a whole number of hours, so a UTC hour never spans two China dates). */
export function chinaDateOf(ms: number): string {
  const hour = Math.floor(ms / HOUR_MS);
  let date = chinaDates.get(hour);
  if (date === undefined) {
    date = chinaDate(ms);
    if (chinaDates.size > 50_000) chinaDates.clear();
    chinaDates.set(hour, date);
  }
  return date;
}

/** `spans` with the `holes` (pauses) cut out; stops for good at a hole that never ends. */
export function* withoutHoles(spans: Iterable<Span>, holes: Span[]): Generator<Span> {
  const hs = mergeSpans(holes);
  let i = 0;
  for (const span of spans) {
    let cur = span.from;
    while (cur < span.to) {
      while (i < hs.length && hs[i].to <= cur) i++;
      const hole = hs[i];
      if (!hole || hole.from >= span.to) {
        yield { from: cur, to: span.to };
        break;
      }
      if (hole.from > cur) yield { from: cur, to: hole.from };
      if (hole.to === Infinity) return;
      cur = hole.to;
    }
  }
}

/**
 * The earliest instant by which `amountMs` of working time has passed since `start`, skipping `pauses`;
 * undefined when an open pause stops the clock first. An amount of 0 gives the first working instant.
 */
export function addWorkingMs(calendar: ServiceCalendar, start: number, amountMs: number, pauses: Span[] = []): number | undefined {
  let left = Math.max(0, amountMs);
  for (const s of withoutHoles(workingSpans(calendar, start), pauses)) {
    const length = s.to - s.from;
    if (length >= left) return s.from + left;
    left -= length;
  }
  return undefined;
}

/** Working time between two instants, minus `pauses`, in milliseconds (0 when `to` is not after `from`). */
export function workingMsBetween(calendar: ServiceCalendar, from: number, to: number, pauses: Span[] = []): number {
  let total = 0;
  if (to <= from) return total;
  for (const s of withoutHoles(workingSpans(calendar, from), pauses)) {
    if (s.from >= to) break;
    total += Math.min(s.to, to) - s.from;
    if (s.to >= to) break;
  }
  return total;
}

/** `start` plus `minutes` working minutes (see addWorkingMs); undefined when an open pause stops the clock. */
export function addWorkingMinutes(calendar: ServiceCalendar, start: Date, minutes: number, pauses: Span[] = []): Date | undefined {
  const at = addWorkingMs(calendar, start.getTime(), Math.round(minutes * MINUTE_MS), pauses);
  return at === undefined ? undefined : new Date(at);
}

/** Working minutes between two instants, minus `pauses` (fractional when the instants are not on whole minutes). */
export function workingMinutesBetween(calendar: ServiceCalendar, from: Date, to: Date, pauses: Span[] = []): number {
  return workingMsBetween(calendar, from.getTime(), to.getTime(), pauses) / MINUTE_MS;
}

/** When the clock actually starts for something received at `at` (e.g. 03:00 → 08:00 on a business calendar). */
export function nextWorkingInstant(calendar: ServiceCalendar, at: Date, pauses: Span[] = []): Date | undefined {
  return addWorkingMinutes(calendar, at, 0, pauses);
}

/** Sorted, overlapping or touching spans joined. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/** Time ranges as sorted, merged [fromMinute, toMinute] pairs. */
function minuteRanges(hours: TimeRange[]): Array<[number, number]> {
  const spans = mergeSpans(hours.map((r) => ({ from: parseHhmm(r.from), to: parseHhmm(r.to) })));
  return spans.map((s) => [s.from, s.to]);
}

type SpecialDay = { kind: 'holiday' | 'makeup_workday'; name: string };
const holidayIndexes = new WeakMap<object, Map<string, SpecialDay>>();
/** The holiday list expanded to one entry per date, built once per list. A date both off and on: off wins. */
function holidayIndex(policy: SlaPolicy): Map<string, SpecialDay> {
  let index = holidayIndexes.get(policy.holidays);
  if (index) return index;
  index = new Map();
  for (const h of policy.holidays) for (const d of h.workdays) index.set(d, { kind: 'makeup_workday', name: h.name });
  for (const h of policy.holidays) {
    // Bounded so a malformed `to` in an admin's document cannot loop forever (validateSlaPolicy reports it).
    let d = h.from;
    for (let n = 0; d <= h.to && n < 366; n++, d = dayjs.utc(d).add(1, 'day').format('YYYY-MM-DD')) index.set(d, { kind: 'holiday', name: h.name });
  }
  holidayIndexes.set(policy.holidays, index);
  return index;
}
