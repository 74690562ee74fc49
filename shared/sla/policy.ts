import type { Level } from '../complaint/model';
import { CN_PUBLIC_HOLIDAYS, type PublicHolidayPeriod } from './holidays-cn';

export type { PublicHolidayPeriod } from './holidays-cn';

/** Working minutes allowed per level (DOMAIN.md "Urgency levels and default SLA"). */
export interface LevelTargets {
  firstResponseMinutes: number;
  resolveMinutes: number;
}

/** `24x7`: every minute counts (L1). `business`: only the business hours of the day count. */
export type SlaCalendarKind = '24x7' | 'business';

/** Keys in the order dayjs numbers them (`day()`: 0 = Sunday), so the config document reads naturally. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours within one China calendar day, `HH:mm`; `to` may be `24:00` (open until midnight). */
export interface TimeRange {
  from: string;
  to: string;
}

/**
 * A holiday-mode period (春节, 中秋 …): complaints received between `from` and `to` (China dates, inclusive) get
 * every target multiplied by `factor`, and L1 complaints go to the `dutyTeam` (staff openids).
 */
export interface HolidayModePeriod {
  name: string;
  from: string;
  to: string;
  factor: number;
  dutyTeam: string[];
}

export interface SlaPolicy {
  targets: Record<Level, LevelTargets>;
  /** The stricter first-response target for food-safety complaints (applied when shorter than the level's). */
  foodSafetyFirstResponseMinutes: number;
  calendars: Record<Level, SlaCalendarKind>;
  /** Business hours per weekday; an empty list = closed that weekday. */
  businessHours: Record<Weekday, TimeRange[]>;
  /** Official public holidays (放假) and make-up working days (调休上班) of mainland China. */
  holidays: PublicHolidayPeriod[];
  /** Business hours on a public holiday (放假); an empty list closes customer service on holidays. */
  holidayHours: TimeRange[];
  /** Business hours on a make-up working day (调休上班), which may fall on a weekday that is normally closed. */
  makeupWorkdayHours: TimeRange[];
  holidayModes: HolidayModePeriod[];
  /** Warn when this fraction of a target (in working minutes) remains. */
  warnFraction: number;
}

const DAY_HOURS: TimeRange[] = [{ from: '08:00', to: '22:00' }];

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  targets: {
    L1: { firstResponseMinutes: 120, resolveMinutes: 24 * 60 },
    L2: { firstResponseMinutes: 4 * 60, resolveMinutes: 48 * 60 },
    L3: { firstResponseMinutes: 24 * 60, resolveMinutes: 72 * 60 },
  },
  foodSafetyFirstResponseMinutes: 60,
  calendars: { L1: '24x7', L2: 'business', L3: 'business' },
  // Customer service of a food company works every day, 08:00–22:00 China time.
  businessHours: {
    sun: DAY_HOURS,
    mon: DAY_HOURS,
    tue: DAY_HOURS,
    wed: DAY_HOURS,
    thu: DAY_HOURS,
    fri: DAY_HOURS,
    sat: DAY_HOURS,
  },
  holidays: CN_PUBLIC_HOLIDAYS,
  // Open on holidays too by default; kept as data so an admin can close (set to []).
  holidayHours: DAY_HOURS,
  makeupWorkdayHours: DAY_HOURS,
  // The two busiest festivals of 2026 (official 放假 ranges). dutyTeam is empty until an admin names the openids;
  // routing then falls back to the department's own agents.
  holidayModes: [
    { name: '春节', from: '2026-02-15', to: '2026-02-23', factor: 0.5, dutyTeam: [] },
    { name: '中秋', from: '2026-09-25', to: '2026-09-27', factor: 0.5, dutyTeam: [] },
  ],
  warnFraction: 0.2,
};

/**
 * The effective policy from a stored `sla` configuration document: any field present replaces the default;
 * `targets`, `calendars` and `businessHours` are merged per key so a document may change one level or one weekday.
 */
export function resolveSlaPolicy(override?: SlaPolicyOverride, base: SlaPolicy = DEFAULT_SLA_POLICY): SlaPolicy {
  if (!override) return base;
  const targets = { ...base.targets };
  for (const level of Object.keys(override.targets ?? {}) as Level[]) targets[level] = { ...base.targets[level], ...override.targets![level] };
  return {
    ...base,
    ...stripUndefined(override),
    targets,
    calendars: { ...base.calendars, ...override.calendars },
    businessHours: { ...base.businessHours, ...override.businessHours },
  };
}

export type SlaPolicyOverride = Partial<Omit<SlaPolicy, 'targets' | 'calendars' | 'businessHours'>> & {
  targets?: Partial<Record<Level, Partial<LevelTargets>>>;
  calendars?: Partial<Record<Level, SlaCalendarKind>>;
  businessHours?: Partial<Record<Weekday, TimeRange[]>>;
};

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes after midnight of an `HH:mm` string (`24:00` → 1440). */
export function parseHhmm(text: string): number {
  if (!HHMM.test(text)) throw new Error(`时间格式应为 HH:mm：${text}`);
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

/**
 * What is wrong with a policy an admin is about to save (Chinese messages for the admin screen); empty when valid.
 * The arithmetic relies on these: positive targets, well-formed ranges, a factor in (0, 1].
 */
export function validateSlaPolicy(policy: SlaPolicy): string[] {
  const errors: string[] = [];
  for (const [level, t] of Object.entries(policy.targets)) {
    if (!(t.firstResponseMinutes > 0) || !(t.resolveMinutes > 0)) errors.push(`${level} 的时限必须大于 0 分钟`);
  }
  if (!(policy.foodSafetyFirstResponseMinutes > 0)) errors.push('食品安全首次响应时限必须大于 0 分钟');
  if (!(policy.warnFraction > 0 && policy.warnFraction < 1)) errors.push('预警比例应在 0 与 1 之间');
  const ranges = (where: string, list: TimeRange[]) => {
    for (const r of list) {
      if (!HHMM.test(r.from) || !HHMM.test(r.to)) errors.push(`${where}：时间格式应为 HH:mm（${r.from}–${r.to}）`);
      else if (parseHhmm(r.from) >= parseHhmm(r.to)) errors.push(`${where}：开始时间须早于结束时间（${r.from}–${r.to}）`);
    }
  };
  for (const day of WEEKDAYS) ranges(`营业时间 ${day}`, policy.businessHours[day] ?? []);
  if (Object.values(policy.calendars).includes('business') && WEEKDAYS.every((d) => !(policy.businessHours[d] ?? []).length))
    errors.push('营业时间不能每天都为空：按营业时间计时的级别将永远无法到期');
  ranges('节假日营业时间', policy.holidayHours);
  ranges('调休上班日营业时间', policy.makeupWorkdayHours);
  for (const h of policy.holidays) {
    if (!DATE.test(h.from) || !DATE.test(h.to) || h.from > h.to) errors.push(`法定节假日「${h.name}」的日期范围无效`);
    for (const d of h.workdays) if (!DATE.test(d)) errors.push(`法定节假日「${h.name}」的调休上班日无效：${d}`);
  }
  for (const m of policy.holidayModes) {
    if (!DATE.test(m.from) || !DATE.test(m.to) || m.from > m.to) errors.push(`节假日模式「${m.name}」的日期范围无效`);
    if (!(m.factor > 0 && m.factor <= 1)) errors.push(`节假日模式「${m.name}」的系数应在 0 与 1 之间`);
  }
  return errors;
}
