import { describe, expect, test } from 'vitest';
import { routeComplaint, type AssignableStaff, type HolidayRouting } from '../../shared/complaint/routing';
import { slaSnapshot, slaTargetMinutes, type SlaInput, type SlaPause } from '../../shared/sla/clock';
import { holidayModeAt } from '../../shared/sla/holiday-mode';
import { DEFAULT_SLA_POLICY, resolveSlaPolicy } from '../../shared/sla/policy';
import { dayjs, TZ } from '../../shared/time/clock';

/** An instant given as China wall-clock time. 2026-11-23 is a Monday. */
const cn = (text: string) => dayjs.tz(text, TZ).toDate();
const show = (d?: Date) => (d ? dayjs(d).tz(TZ).format('YYYY-MM-DD HH:mm') : undefined);
const input = (i: Partial<SlaInput> & Pick<SlaInput, 'level' | 'startedAt'>): SlaInput => ({ foodSafety: false, pauses: [], ...i });
const pause = (from: string, to?: string): SlaPause => (to ? { from: cn(from), to: cn(to) } : { from: cn(from) });

describe('targets per level (DOMAIN.md defaults)', () => {
  test('L1 24×7: 2 h / 24 h; food safety 1 h', () => {
    const s = slaSnapshot(input({ level: 'L1', startedAt: cn('2026-11-23 21:30') }), cn('2026-11-23 21:30'));
    expect(show(s.firstResponse.dueAt)).toBe('2026-11-23 23:30');
    expect(show(s.resolve.dueAt)).toBe('2026-11-24 21:30');
    expect(s.firstResponse).toMatchObject({ targetMinutes: 120, remainingMinutes: 120, elapsedFraction: 0, met: false, breached: false, warning: false });

    const food = slaSnapshot(input({ level: 'L1', foodSafety: true, startedAt: cn('2026-11-23 21:30') }), cn('2026-11-23 21:30'));
    expect(food.firstResponse.targetMinutes).toBe(60);
    expect(show(food.firstResponse.dueAt)).toBe('2026-11-23 22:30');
    expect(food.resolve.targetMinutes).toBe(1440);
  });

  test('L2 on business hours from 21:30: first response 11:30 next day, resolution Friday 13:30', () => {
    const s = slaSnapshot(input({ level: 'L2', startedAt: cn('2026-11-23 21:30') }), cn('2026-11-23 21:30'));
    expect(show(s.firstResponse.dueAt)).toBe('2026-11-24 11:30');
    expect(s.firstResponse.remainingMinutes).toBe(14 * 60); // wall-clock minutes the countdown shows
    expect(show(s.resolve.dueAt)).toBe('2026-11-27 13:30');
    expect(show(s.nextDueAt)).toBe('2026-11-24 11:30');
  });

  test('L3 received at 03:00: the clock starts at 08:00, 24 working hours end Tuesday 18:00', () => {
    const s = slaSnapshot(input({ level: 'L3', startedAt: cn('2026-11-23 03:00') }), cn('2026-11-23 07:00'));
    expect(s.firstResponse.elapsedFraction).toBe(0);
    expect(show(s.firstResponse.dueAt)).toBe('2026-11-24 18:00');
    expect(s.firstResponse.targetMinutes).toBe(1440);
  });

  test('food safety on a business-hours level takes the stricter first response too', () => {
    expect(slaTargetMinutes('L2', true, cn('2026-11-23 10:00'))).toEqual({ firstResponseMinutes: 60, resolveMinutes: 2880 });
    // The food-safety target never lengthens a stricter level target.
    const strict = resolveSlaPolicy({ targets: { L1: { firstResponseMinutes: 30 } } });
    expect(slaTargetMinutes('L1', true, cn('2026-11-23 10:00'), strict).firstResponseMinutes).toBe(30);
  });

  test('a start given in UTC is read in China time (13:30 UTC = 21:30 Shanghai)', () => {
    const s = slaSnapshot(input({ level: 'L2', startedAt: new Date('2026-11-23T13:30:00Z') }), new Date('2026-11-23T13:30:00Z'));
    expect(s.firstResponse.dueAt?.toISOString()).toBe('2026-11-24T03:30:00.000Z');
  });
});

describe('warning at 20 % remaining, breach, met', () => {
  const l1 = input({ level: 'L1', startedAt: cn('2026-11-23 10:00') });

  test('the warning instant is when 20 % of the working time remains', () => {
    const s = slaSnapshot(l1, cn('2026-11-23 10:00'));
    expect(show(s.firstResponse.warnAt)).toBe('2026-11-23 11:36');
    expect(show(s.resolve.warnAt)).toBe('2026-11-24 05:12');
    expect(slaSnapshot(l1, cn('2026-11-23 11:35')).firstResponse.warning).toBe(false);
    const at = slaSnapshot(l1, cn('2026-11-23 11:36'));
    expect(at.firstResponse).toMatchObject({ warning: true, breached: false, remainingMinutes: 24, elapsedFraction: 0.8 });
  });

  test('the warning instant on business hours counts working minutes, not wall minutes', () => {
    const s = slaSnapshot(input({ level: 'L2', startedAt: cn('2026-11-23 21:30') }), cn('2026-11-23 21:30'));
    // 192 working minutes: 30 on Monday, 162 from Tuesday 08:00.
    expect(show(s.firstResponse.warnAt)).toBe('2026-11-24 10:42');
  });

  test('breach at the due instant; overdue minutes are negative and the fraction passes 1', () => {
    const due = slaSnapshot(l1, cn('2026-11-23 12:00'));
    expect(due.firstResponse).toMatchObject({ breached: true, warning: false, remainingMinutes: 0, elapsedFraction: 1 });
    const late = slaSnapshot(l1, cn('2026-11-23 12:30'));
    expect(late.firstResponse).toMatchObject({ breached: true, remainingMinutes: -30, elapsedFraction: 1.25 });
    // The countdown still shows the missed first response until someone answers.
    expect(show(late.nextDueAt)).toBe('2026-11-23 12:00');
  });

  test('met in time, and met late', () => {
    const early = slaSnapshot({ ...l1, firstRespondedAt: cn('2026-11-23 11:00') }, cn('2026-11-23 15:00'));
    expect(early.firstResponse).toMatchObject({ met: true, breached: false, remainingMinutes: 60, elapsedFraction: 0.5, warning: false });
    expect(show(early.nextDueAt)).toBe('2026-11-24 10:00');
    const late = slaSnapshot({ ...l1, firstRespondedAt: cn('2026-11-23 12:10') }, cn('2026-11-23 15:00'));
    expect(late.firstResponse).toMatchObject({ met: true, breached: true, remainingMinutes: -10 });
    const onTheDot = slaSnapshot({ ...l1, firstRespondedAt: cn('2026-11-23 12:00') }, cn('2026-11-23 15:00'));
    expect(onTheDot.firstResponse).toMatchObject({ met: true, breached: false, remainingMinutes: 0 });
  });

  test('resolved: both targets met (resolution answers the customer), nothing pending, no countdown', () => {
    const s = slaSnapshot({ ...l1, resolvedAt: cn('2026-11-23 11:30') }, cn('2026-11-23 20:00'));
    expect(s.firstResponse).toMatchObject({ met: true, breached: false });
    expect(s.resolve).toMatchObject({ met: true, breached: false, remainingMinutes: 22 * 60 + 30 });
    expect(s.nextEventAt).toBeUndefined();
    expect(s.nextEvent).toBeUndefined();
    expect(s.nextDueAt).toBeUndefined();
    expect(s.paused).toBe(false);
  });

  test('facts dated after `now` are not known yet (a snapshot of the past is what the timer saw)', () => {
    const s = slaSnapshot({ ...l1, firstRespondedAt: cn('2026-11-23 11:00'), pauses: [pause('2026-11-23 11:30', '2026-11-23 12:00')] }, cn('2026-11-23 10:30'));
    expect(s.firstResponse.met).toBe(false);
    expect(s.paused).toBe(false);
    expect(show(s.resolve.dueAt)).toBe('2026-11-24 10:00');
  });
});

describe('nextEventAt for the timer', () => {
  const l1 = input({ level: 'L1', startedAt: cn('2026-11-23 10:00') });
  const next = (s: ReturnType<typeof slaSnapshot>) => [show(s.nextEventAt), s.nextEvent?.target, s.nextEvent?.kind];

  test('first-response warning → first-response breach → resolution warning → resolution breach → nothing', () => {
    expect(next(slaSnapshot(l1, cn('2026-11-23 10:00')))).toEqual(['2026-11-23 11:36', 'firstResponse', 'warning']);
    expect(next(slaSnapshot(l1, cn('2026-11-23 11:36')))).toEqual(['2026-11-23 12:00', 'firstResponse', 'breach']);
    expect(next(slaSnapshot(l1, cn('2026-11-23 12:00')))).toEqual(['2026-11-24 05:12', 'resolve', 'warning']);
    expect(next(slaSnapshot(l1, cn('2026-11-24 05:12')))).toEqual(['2026-11-24 10:00', 'resolve', 'breach']);
    expect(next(slaSnapshot(l1, cn('2026-11-24 10:00')))).toEqual([undefined, undefined, undefined]);
  });

  test('once the first response is met, the next event is the resolution warning', () => {
    const s = slaSnapshot({ ...l1, firstRespondedAt: cn('2026-11-23 10:20') }, cn('2026-11-23 10:20'));
    expect(next(s)).toEqual(['2026-11-24 05:12', 'resolve', 'warning']);
  });

  test('the earliest event wins whichever target it belongs to; a tie reports the first response', () => {
    // A policy where resolution is due before the first response (odd, but data is data).
    const odd = resolveSlaPolicy({ targets: { L1: { firstResponseMinutes: 600, resolveMinutes: 300 } } });
    expect(next(slaSnapshot(l1, cn('2026-11-23 10:00'), odd))).toEqual(['2026-11-23 14:00', 'resolve', 'warning']);
    const same = resolveSlaPolicy({ targets: { L1: { firstResponseMinutes: 300, resolveMinutes: 300 } } });
    expect(next(slaSnapshot(l1, cn('2026-11-23 10:00'), same))).toEqual(['2026-11-23 14:00', 'firstResponse', 'warning']);
  });

  test('a missed first response still lets the resolution events through', () => {
    const s = slaSnapshot(l1, cn('2026-11-23 13:00'));
    expect(s.firstResponse.breached).toBe(true);
    expect(next(s)).toEqual(['2026-11-24 05:12', 'resolve', 'warning']);
  });
});

describe('pauses while awaiting the customer', () => {
  // L2 from Monday 10:00, answered at 10:30: resolution 2 880 working minutes = Thursday 16:00 without pauses.
  const l2 = input({ level: 'L2', startedAt: cn('2026-11-23 10:00'), firstRespondedAt: cn('2026-11-23 10:30') });

  test('without pauses', () => {
    expect(show(slaSnapshot(l2, cn('2026-11-23 11:00')).resolve.dueAt)).toBe('2026-11-26 16:00');
  });

  test('one closed pause moves the resolution by its working minutes', () => {
    const s = slaSnapshot({ ...l2, pauses: [pause('2026-11-23 12:00', '2026-11-23 15:00')] }, cn('2026-11-23 16:00'));
    expect(show(s.resolve.dueAt)).toBe('2026-11-26 19:00');
    expect(s.resolve.elapsedFraction).toBeCloseTo(180 / 2880);
    expect(s.paused).toBe(false);
    // The first response was met before the pause: its due time does not move.
    expect(show(s.firstResponse.dueAt)).toBe('2026-11-23 14:00');
  });

  test('several pauses, one across the night and one wholly at night', () => {
    const pauses = [pause('2026-11-23 12:00', '2026-11-23 15:00'), pause('2026-11-24 21:00', '2026-11-25 09:00'), pause('2026-11-25 23:00', '2026-11-26 07:00')];
    // 180 + (60 + 60) + 0 working minutes.
    expect(show(slaSnapshot({ ...l2, pauses }, cn('2026-11-26 10:00')).resolve.dueAt)).toBe('2026-11-26 21:00');
  });

  test('an open pause freezes the clock: no due time, frozen remaining minutes, nothing for the timer', () => {
    const open = { ...l2, pauses: [pause('2026-11-23 12:00')] };
    const soon = slaSnapshot(open, cn('2026-11-23 12:30'));
    const later = slaSnapshot(open, cn('2026-11-25 12:00'));
    for (const s of [soon, later]) {
      expect(s.paused).toBe(true);
      expect(s.resolve.dueAt).toBeUndefined();
      expect(s.resolve.warnAt).toBeUndefined();
      expect(s.resolve.remainingMinutes).toBe(2880 - 120);
      expect(s.resolve.elapsedFraction).toBeCloseTo(120 / 2880);
      expect(s.nextEventAt).toBeUndefined();
      expect(s.nextDueAt).toBeUndefined();
    }
    // The met first response keeps its due time.
    expect(show(later.firstResponse.dueAt)).toBe('2026-11-23 14:00');
  });

  test('when the customer answers, the clock runs again with the pause behind it', () => {
    // Paused Monday 12:00 → Tuesday 12:00: 600 + 240 working minutes.
    const s = slaSnapshot({ ...l2, pauses: [pause('2026-11-23 12:00', '2026-11-24 12:00')] }, cn('2026-11-24 12:00'));
    expect(s.paused).toBe(false);
    expect(show(s.resolve.dueAt)).toBe('2026-11-27 16:00');
    expect(show(s.nextDueAt)).toBe('2026-11-27 16:00');
  });

  test('a pause recorded as ending after `now` is still open at `now`', () => {
    const s = slaSnapshot({ ...l2, pauses: [pause('2026-11-23 12:00', '2026-11-24 12:00')] }, cn('2026-11-23 20:00'));
    expect(s.paused).toBe(true);
    expect(s.resolve.dueAt).toBeUndefined();
  });

  test('a pause before the first response does not count for the first response either', () => {
    const l1 = input({ level: 'L1', startedAt: cn('2026-11-23 10:00'), pauses: [pause('2026-11-23 10:30', '2026-11-23 11:00')] });
    const during = slaSnapshot({ ...l1, pauses: [pause('2026-11-23 10:30')] }, cn('2026-11-23 10:45'));
    expect(during.firstResponse.dueAt).toBeUndefined();
    expect(during.firstResponse.remainingMinutes).toBe(90);
    const after = slaSnapshot(l1, cn('2026-11-23 11:00'));
    expect(show(after.firstResponse.dueAt)).toBe('2026-11-23 12:30');
    expect(show(after.resolve.dueAt)).toBe('2026-11-24 10:30');
  });

  test('resolved during a pause (no answer from the customer): the pause ends at the resolution', () => {
    const s = slaSnapshot({ ...l2, pauses: [pause('2026-11-23 12:00')], resolvedAt: cn('2026-11-25 12:00') }, cn('2026-11-26 12:00'));
    expect(s.paused).toBe(false);
    expect(s.resolve).toMatchObject({ met: true, breached: false });
    expect(s.resolve.elapsedFraction).toBeCloseTo(120 / 2880);
  });

  test('paused after a breach: still breached, negative frozen minutes', () => {
    const l1 = input({ level: 'L1', startedAt: cn('2026-11-23 10:00'), firstRespondedAt: cn('2026-11-23 10:10'), pauses: [pause('2026-11-24 11:00')] });
    const s = slaSnapshot(l1, cn('2026-11-24 12:00'));
    expect(s.resolve).toMatchObject({ breached: true, remainingMinutes: -60 });
    expect(s.resolve.dueAt).toBeUndefined();
  });
});

describe('level change mid-way: a new call, same startedAt', () => {
  test('L3 → L1 after the first response: the resolution is recomputed from the original start on 24×7', () => {
    const l3 = input({ level: 'L3', startedAt: cn('2026-11-23 10:00'), firstRespondedAt: cn('2026-11-23 11:00') });
    const before = slaSnapshot(l3, cn('2026-11-23 20:00'));
    // 4 320 working minutes: 720 Monday, 4 × 840 Tue–Fri, 240 Saturday.
    expect(show(before.resolve.dueAt)).toBe('2026-11-28 12:00');
    const after = slaSnapshot({ ...l3, level: 'L1' }, cn('2026-11-23 20:00'));
    expect(show(after.resolve.dueAt)).toBe('2026-11-24 10:00');
    expect(after.resolve.remainingMinutes).toBe(14 * 60);
    expect(after.resolve.elapsedFraction).toBeCloseTo(10 / 24);
    expect(next(after)).toEqual(['2026-11-24 05:12', 'resolve', 'warning']);
  });

  test('L3 → L1 before any response: the first response may be overdue at once', () => {
    const l3 = input({ level: 'L3', startedAt: cn('2026-11-23 21:00') });
    expect(show(slaSnapshot(l3, cn('2026-11-24 09:00')).firstResponse.dueAt)).toBe('2026-11-25 17:00');
    const raised = slaSnapshot({ ...l3, level: 'L1' }, cn('2026-11-24 09:00'));
    expect(show(raised.firstResponse.dueAt)).toBe('2026-11-23 23:00');
    expect(raised.firstResponse).toMatchObject({ breached: true, remainingMinutes: -600 });
    expect(show(raised.nextDueAt)).toBe('2026-11-23 23:00');
  });

  test('L2 → L3: both due times move later', () => {
    const l2 = input({ level: 'L2', startedAt: cn('2026-11-23 10:00') });
    const before = slaSnapshot(l2, cn('2026-11-23 13:00'));
    expect(show(before.firstResponse.dueAt)).toBe('2026-11-23 14:00');
    expect(before.firstResponse.warning).toBe(false);
    const lowered = slaSnapshot({ ...l2, level: 'L3' }, cn('2026-11-23 13:00'));
    expect(show(lowered.firstResponse.dueAt)).toBe('2026-11-24 20:00');
    expect(show(lowered.resolve.dueAt)).toBe('2026-11-28 12:00');
    expect(lowered.firstResponse.elapsedFraction).toBeCloseTo(180 / 1440);
  });

  test('a level change keeps the pauses already taken', () => {
    const base = input({ level: 'L2', startedAt: cn('2026-11-23 10:00'), firstRespondedAt: cn('2026-11-23 10:30'), pauses: [pause('2026-11-23 12:00', '2026-11-23 15:00')] });
    expect(show(slaSnapshot({ ...base, level: 'L1' }, cn('2026-11-23 16:00')).resolve.dueAt)).toBe('2026-11-24 13:00');
  });
});

describe('holiday mode (春节, 中秋 …)', () => {
  test('targets are multiplied by the factor for complaints received inside the period', () => {
    const s = slaSnapshot(input({ level: 'L2', startedAt: cn('2026-02-16 10:00') }), cn('2026-02-16 10:00'));
    expect(s.holidayMode).toEqual({ name: '春节', factor: 0.5 });
    expect(s.firstResponse.targetMinutes).toBe(120);
    expect(show(s.firstResponse.dueAt)).toBe('2026-02-16 12:00');
    // 1 440 working minutes: 720 on the 16th (from 10:00), 720 on the 17th.
    expect(show(s.resolve.dueAt)).toBe('2026-02-17 20:00');
    const food = slaTargetMinutes('L1', true, cn('2026-02-16 10:00'));
    expect(food).toEqual({ firstResponseMinutes: 30, resolveMinutes: 720, holidayMode: { name: '春节', factor: 0.5 } });
  });

  test('decided by when the complaint arrived, not by now', () => {
    // Received on the 调休 Saturday before 春节: normal targets, even when read during the holiday.
    const s = slaSnapshot(input({ level: 'L1', startedAt: cn('2026-02-14 23:00') }), cn('2026-02-15 00:30'));
    expect(s.holidayMode).toBeUndefined();
    expect(s.firstResponse.targetMinutes).toBe(120);
  });

  test('active by China date: 16:30 UTC on 14 Feb is already 15 Feb in Shanghai', () => {
    expect(holidayModeAt(new Date('2026-02-14T15:30:00Z')).active).toBe(false);
    expect(holidayModeAt(new Date('2026-02-14T16:30:00Z'))).toMatchObject({ active: true, name: '春节', factor: 0.5 });
    expect(holidayModeAt(cn('2026-02-23 23:59')).active).toBe(true);
    expect(holidayModeAt(cn('2026-02-24 00:00'))).toEqual({ active: false, dutyTeam: [], factor: 1 });
    expect(holidayModeAt(cn('2026-09-26 12:00')).name).toBe('中秋');
  });

  test('routing takes the holiday mode as it is: L1 goes to the duty team', () => {
    const policy = resolveSlaPolicy({
      holidayModes: [{ name: '春节', from: '2026-02-15', to: '2026-02-23', factor: 0.5, dutyTeam: ['duty-1'] }, ...DEFAULT_SLA_POLICY.holidayModes],
    });
    const holiday: HolidayRouting = holidayModeAt(cn('2026-02-17 09:00'), policy);
    const staff: AssignableStaff[] = [
      { openid: 'agent-1', name: '王', role: 'agent', department: 'qc', skills: ['spoiled'], onDuty: true, active: true },
      { openid: 'duty-1', name: '李', role: 'agent', department: 'cs', skills: [], onDuty: true, active: true },
    ];
    const decision = routeComplaint({ category: 'quality', subcategory: 'spoiled', level: 'L1', staff, openLoad: {}, holiday });
    expect(decision).toMatchObject({ strategy: 'duty_team', assigneeOpenid: 'duty-1' });
    expect(decision.reason).toContain('春节');
  });

  test('the first listed period wins when two overlap', () => {
    const policy = resolveSlaPolicy({
      holidayModes: [
        { name: '国庆', from: '2026-10-01', to: '2026-10-07', factor: 0.75, dutyTeam: [] },
        { name: '中秋国庆', from: '2026-09-25', to: '2026-10-08', factor: 0.5, dutyTeam: [] },
      ],
    });
    expect(holidayModeAt(cn('2026-10-02 10:00'), policy)).toMatchObject({ name: '国庆', factor: 0.75 });
    expect(holidayModeAt(cn('2026-09-28 10:00'), policy)).toMatchObject({ name: '中秋国庆', factor: 0.5 });
  });
});

function next(s: ReturnType<typeof slaSnapshot>) {
  return [show(s.nextEventAt), s.nextEvent?.target, s.nextEvent?.kind];
}
