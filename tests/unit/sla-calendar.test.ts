import { describe, expect, test } from 'vitest';
import type { Level } from '../../shared/complaint/model';
import {
  addWorkingMinutes,
  calendarFor,
  dayInfo,
  mergeSpans,
  nextWorkingInstant,
  workingMinutesBetween,
  type Span,
} from '../../shared/sla/calendar';
import { CN_PUBLIC_HOLIDAYS } from '../../shared/sla/holidays-cn';
import { DEFAULT_SLA_POLICY, resolveSlaPolicy, validateSlaPolicy, type SlaPolicy } from '../../shared/sla/policy';
import { dayjs, TZ } from '../../shared/time/clock';

/** An instant given as China wall-clock time. 2026-11-23 is a Monday. */
const cn = (text: string) => dayjs.tz(text, TZ).toDate();
const show = (d?: Date) => (d ? dayjs(d).tz(TZ).format('YYYY-MM-DD HH:mm') : undefined);
const span = (a: string, b?: string): Span => ({ from: cn(a).getTime(), to: b ? cn(b).getTime() : Infinity });

const WEEKDAYS_ONLY: SlaPolicy = resolveSlaPolicy({ businessHours: { sat: [], sun: [] } });
const CLOSED_ON_HOLIDAYS: SlaPolicy = resolveSlaPolicy({ holidayHours: [] });
const cal = (level: Level, policy: SlaPolicy = DEFAULT_SLA_POLICY) => calendarFor(level, policy);

describe('24×7 calendar (L1)', () => {
  test('every minute counts, nights included', () => {
    expect(show(addWorkingMinutes(cal('L1'), cn('2026-11-23 21:30'), 240))).toBe('2026-11-24 01:30');
    expect(show(addWorkingMinutes(cal('L1'), cn('2026-11-28 23:00'), 24 * 60))).toBe('2026-11-29 23:00');
    expect(workingMinutesBetween(cal('L1'), cn('2026-11-23 21:30'), cn('2026-11-24 01:30'))).toBe(240);
  });

  test('holidays do not matter to 24×7, even when closed for business', () => {
    expect(show(addWorkingMinutes(cal('L1', CLOSED_ON_HOLIDAYS), cn('2026-10-01 10:00'), 120))).toBe('2026-10-01 12:00');
  });
});

describe('business hours 08:00–22:00 Asia/Shanghai (L2, L3)', () => {
  test('a 4 h target from 21:30 crosses the night: due 11:30 next day', () => {
    expect(show(addWorkingMinutes(cal('L2'), cn('2026-11-23 21:30'), 240))).toBe('2026-11-24 11:30');
    expect(workingMinutesBetween(cal('L2'), cn('2026-11-23 21:30'), cn('2026-11-24 11:30'))).toBe(240);
  });

  test('received at 03:00, the clock starts at 08:00', () => {
    expect(show(nextWorkingInstant(cal('L3'), cn('2026-11-23 03:00')))).toBe('2026-11-23 08:00');
    expect(show(addWorkingMinutes(cal('L3'), cn('2026-11-23 03:00'), 60))).toBe('2026-11-23 09:00');
    expect(workingMinutesBetween(cal('L3'), cn('2026-11-23 03:00'), cn('2026-11-23 07:59'))).toBe(0);
  });

  test('a due time that lands on closing time stays there rather than moving to the next morning', () => {
    expect(show(addWorkingMinutes(cal('L2'), cn('2026-11-23 21:30'), 30))).toBe('2026-11-23 22:00');
  });

  test('a whole day is 14 working hours; several nights in a row', () => {
    expect(workingMinutesBetween(cal('L2'), cn('2026-11-23 00:00'), cn('2026-11-24 00:00'))).toBe(840);
    // 48 h from Monday 21:30: 30 min Monday, 3 × 840 Tue–Thu, 330 min Friday.
    expect(show(addWorkingMinutes(cal('L2'), cn('2026-11-23 21:30'), 48 * 60))).toBe('2026-11-27 13:30');
  });

  test('a weekday with no hours is skipped (weekend closed)', () => {
    const c = cal('L2', WEEKDAYS_ONLY);
    // Friday 20:00 + 4 h: 2 h on Friday, the rest from Monday 08:00.
    expect(show(addWorkingMinutes(c, cn('2026-11-27 20:00'), 240))).toBe('2026-11-30 10:00');
    expect(show(nextWorkingInstant(c, cn('2026-11-28 12:00')))).toBe('2026-11-30 08:00');
    expect(workingMinutesBetween(c, cn('2026-11-27 20:00'), cn('2026-11-30 10:00'))).toBe(240);
  });

  test('several ranges in one day (a lunch break)', () => {
    const policy = resolveSlaPolicy({ businessHours: { mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '22:00' }] } });
    expect(show(addWorkingMinutes(cal('L2', policy), cn('2026-11-23 11:30'), 60))).toBe('2026-11-23 13:30');
    expect(workingMinutesBetween(cal('L2', policy), cn('2026-11-23 00:00'), cn('2026-11-24 00:00'))).toBe(780);
  });

  test('open until midnight (24:00) joins the next morning without a gap', () => {
    const policy = resolveSlaPolicy({ businessHours: { mon: [{ from: '00:00', to: '24:00' }], tue: [{ from: '00:00', to: '24:00' }] } });
    expect(show(addWorkingMinutes(cal('L2', policy), cn('2026-11-23 23:00'), 120))).toBe('2026-11-24 01:00');
  });
});

describe('public holidays and 调休 (mainland China)', () => {
  test('the day kinds come from the State Council arrangement', () => {
    expect(dayInfo('2026-10-03')).toMatchObject({ kind: 'holiday', holidayName: '国庆节' });
    expect(dayInfo('2026-09-20')).toMatchObject({ kind: 'makeup_workday', holidayName: '国庆节' });
    expect(dayInfo('2026-02-14')).toMatchObject({ kind: 'makeup_workday', holidayName: '春节' });
    expect(dayInfo('2026-02-23')).toMatchObject({ kind: 'holiday', holidayName: '春节' });
    expect(dayInfo('2026-02-24')).toMatchObject({ kind: 'ordinary' });
    expect(dayInfo('2026-11-23')).toEqual({ date: '2026-11-23', kind: 'ordinary', hours: [{ from: '08:00', to: '22:00' }] });
  });

  test('by default customer service works holidays: 国庆 counts like any day', () => {
    expect(show(addWorkingMinutes(cal('L2'), cn('2026-10-01 21:30'), 240))).toBe('2026-10-02 11:30');
  });

  test('with holidayHours closed, the whole 国庆 holiday is skipped', () => {
    const c = cal('L2', CLOSED_ON_HOLIDAYS);
    // Wednesday 30 Sep 21:00 + 2 h: 1 h that evening, then nothing until Thursday 8 Oct.
    expect(show(addWorkingMinutes(c, cn('2026-09-30 21:00'), 120))).toBe('2026-10-08 09:00');
    expect(workingMinutesBetween(c, cn('2026-10-01 00:00'), cn('2026-10-08 00:00'))).toBe(0);
  });

  test('a 调休 Saturday is a working day even when Saturdays are closed', () => {
    const c = cal('L2', WEEKDAYS_ONLY);
    // Friday 9 Oct 21:00 + 2 h: Saturday 10 Oct is 调休上班.
    expect(show(addWorkingMinutes(c, cn('2026-10-09 21:00'), 120))).toBe('2026-10-10 09:00');
    // Without the holiday data it would be Monday.
    const noHolidays = cal('L2', { ...WEEKDAYS_ONLY, holidays: [] });
    expect(show(addWorkingMinutes(noHolidays, cn('2026-10-09 21:00'), 120))).toBe('2026-10-12 09:00');
  });

  test('holidays closed and weekends closed together: 春节 with its two 调休 Saturdays', () => {
    const c = cal('L3', { ...WEEKDAYS_ONLY, holidayHours: [] });
    // Friday 13 Feb 21:00 + 3 h: 1 h Friday, 2 h on Saturday 14 Feb (调休), then closed until Tuesday 24 Feb.
    expect(show(addWorkingMinutes(c, cn('2026-02-13 21:00'), 180))).toBe('2026-02-14 10:00');
    expect(show(addWorkingMinutes(c, cn('2026-02-14 21:00'), 180))).toBe('2026-02-24 10:00');
  });

  test('the 2026 data: seven holidays, 33 days off, every 调休 day on a weekend', () => {
    const y2026 = CN_PUBLIC_HOLIDAYS.filter((h) => h.from.startsWith('2026'));
    expect(y2026.map((h) => h.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    const days = y2026.reduce((n, h) => n + dayjs.utc(h.to).diff(dayjs.utc(h.from), 'day') + 1, 0);
    expect(days).toBe(33);
    const workdays = y2026.flatMap((h) => h.workdays);
    expect(workdays).toHaveLength(6);
    for (const d of workdays) expect([0, 6]).toContain(dayjs.utc(d).day());
    expect(y2026.some((h) => h.provisional)).toBe(false);
  });

  test('2027 holds only the fixed-date statutory days, marked provisional for the admin to replace', () => {
    const y2027 = CN_PUBLIC_HOLIDAYS.filter((h) => h.from.startsWith('2027'));
    expect(y2027.length).toBeGreaterThan(0);
    expect(y2027.every((h) => h.provisional)).toBe(true);
    expect(dayInfo('2027-01-01').kind).toBe('holiday');
    expect(dayInfo('2027-10-03').kind).toBe('holiday');
  });
});

describe('China day boundaries seen from UTC (no DST, but a +08:00 offset)', () => {
  test('23:30 UTC Sunday is 07:30 Monday in Shanghai: Monday hours apply', () => {
    const c = cal('L2', WEEKDAYS_ONLY);
    const sundayUtcNight = new Date('2026-11-22T23:30:00Z');
    expect(nextWorkingInstant(c, sundayUtcNight)?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(addWorkingMinutes(c, sundayUtcNight, 60)?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });

  test('15:30 UTC is 23:30 in Shanghai: closed, the clock resumes at 00:00 UTC next day', () => {
    const c = cal('L2');
    expect(nextWorkingInstant(c, new Date('2026-11-23T15:30:00Z'))?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(addWorkingMinutes(c, new Date('2026-11-23T13:30:00Z'), 240)?.toISOString()).toBe('2026-11-24T03:30:00.000Z');
  });

  test('16:30 UTC on 30 Sep is already 国庆 in Shanghai', () => {
    const c = cal('L2', CLOSED_ON_HOLIDAYS);
    expect(nextWorkingInstant(c, new Date('2026-09-30T13:30:00Z'))?.toISOString()).toBe('2026-09-30T13:30:00.000Z');
    expect(show(nextWorkingInstant(c, new Date('2026-09-30T16:30:00Z')))).toBe('2026-10-08 08:00');
  });
});

describe('pauses cut out of working time', () => {
  test('a closed pause adds its working minutes only (night part is free anyway)', () => {
    const c = cal('L2');
    const pause = span('2026-11-23 21:00', '2026-11-24 09:00'); // 60 + 60 working minutes
    expect(workingMinutesBetween(c, cn('2026-11-23 20:00'), cn('2026-11-24 12:00'), [pause])).toBe(60 + 180);
    // 1 h before the pause, then 3 h from 09:00.
    expect(show(addWorkingMinutes(c, cn('2026-11-23 20:00'), 240, [pause]))).toBe('2026-11-24 12:00');
  });

  test('an open pause stops the clock: no due time while it lasts', () => {
    const c = cal('L1');
    const open = span('2026-11-23 11:00');
    expect(addWorkingMinutes(c, cn('2026-11-23 10:00'), 120, [open])).toBeUndefined();
    expect(show(addWorkingMinutes(c, cn('2026-11-23 10:00'), 30, [open]))).toBe('2026-11-23 10:30');
    expect(workingMinutesBetween(c, cn('2026-11-23 10:00'), cn('2026-11-25 10:00'), [open])).toBe(60);
  });

  test('overlapping and touching pauses are joined', () => {
    const merged = mergeSpans([span('2026-11-23 12:00', '2026-11-23 13:00'), span('2026-11-23 10:00', '2026-11-23 11:00'), span('2026-11-23 10:30', '2026-11-23 12:00')]);
    expect(merged).toEqual([span('2026-11-23 10:00', '2026-11-23 13:00')]);
  });
});

describe('the policy is data', () => {
  test('defaults follow DOMAIN.md and validate', () => {
    expect(DEFAULT_SLA_POLICY.targets).toEqual({
      L1: { firstResponseMinutes: 120, resolveMinutes: 1440 },
      L2: { firstResponseMinutes: 240, resolveMinutes: 2880 },
      L3: { firstResponseMinutes: 1440, resolveMinutes: 4320 },
    });
    expect(DEFAULT_SLA_POLICY.foodSafetyFirstResponseMinutes).toBe(60);
    expect(DEFAULT_SLA_POLICY.calendars).toEqual({ L1: '24x7', L2: 'business', L3: 'business' });
    expect(DEFAULT_SLA_POLICY.warnFraction).toBe(0.2);
    expect(validateSlaPolicy(DEFAULT_SLA_POLICY)).toEqual([]);
  });

  test('an override document changes one level or one weekday and keeps the rest', () => {
    const p = resolveSlaPolicy({ targets: { L2: { firstResponseMinutes: 120 } }, businessHours: { sun: [] } });
    expect(p.targets.L2).toEqual({ firstResponseMinutes: 120, resolveMinutes: 2880 });
    expect(p.targets.L1).toEqual(DEFAULT_SLA_POLICY.targets.L1);
    expect(p.businessHours.sun).toEqual([]);
    expect(p.businessHours.mon).toEqual([{ from: '08:00', to: '22:00' }]);
    expect(p.holidays).toBe(DEFAULT_SLA_POLICY.holidays);
  });

  test('a broken policy is reported before it is saved', () => {
    const broken = resolveSlaPolicy({
      targets: { L3: { resolveMinutes: 0 } },
      holidayHours: [{ from: '22:00', to: '08:00' }],
      makeupWorkdayHours: [{ from: '8:00', to: '22:00' }],
      holidayModes: [{ name: '春节', from: '2026-02-23', to: '2026-02-15', factor: 1.5, dutyTeam: [] }],
      warnFraction: 1,
    });
    expect(validateSlaPolicy(broken)).toHaveLength(6);
    const closed = resolveSlaPolicy({ businessHours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } });
    expect(validateSlaPolicy(closed)).toEqual(['营业时间不能每天都为空：按营业时间计时的级别将永远无法到期']);
  });

  test('a calendar with no hours at all fails loudly instead of looping', () => {
    const closed = resolveSlaPolicy({ businessHours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, holidays: [] });
    expect(() => addWorkingMinutes(cal('L2', closed), cn('2026-11-23 10:00'), 60)).toThrow(/没有任何营业时间/);
  });
});
