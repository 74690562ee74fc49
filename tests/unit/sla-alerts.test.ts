import { describe, expect, test } from 'vitest';
import { dueSlaAlerts, nextSlaAlertAt, type SlaAlertsSent } from '../../shared/sla/alerts';
import { slaSnapshot } from '../../shared/sla/clock';

const start = new Date('2026-11-22T02:00:00Z'); // 10:00 in China
const min = (m: number) => new Date(start.getTime() + m * 60_000);
// Food safety, L1: first response 60 min, resolution 24 h, around the clock.
const snap = (at: number, extra: { firstRespondedAt?: Date } = {}) => slaSnapshot({ level: 'L1', foodSafety: true, startedAt: start, pauses: [], ...extra }, min(at));

describe('SLA alerts', () => {
  test('nothing before 80 %, a warning at 48 min, a breach at 60, the manager 120 min after the breach', () => {
    expect(dueSlaAlerts(snap(47), {}, min(47))).toEqual([]);
    expect(dueSlaAlerts(snap(48), {}, min(48))).toEqual([{ target: 'firstResponse', kind: 'warning', dueAt: min(60) }]);
    const warned: SlaAlertsSent = { 'firstResponse:warning': { at: min(48), dueAt: min(60) } };
    expect(dueSlaAlerts(snap(59), warned, min(59))).toEqual([]);
    expect(dueSlaAlerts(snap(60), warned, min(60))).toEqual([{ target: 'firstResponse', kind: 'breach', dueAt: min(60) }]);
    const breached: SlaAlertsSent = { ...warned, 'firstResponse:breach': { at: min(60), dueAt: min(60) } };
    expect(dueSlaAlerts(snap(179), breached, min(179))).toEqual([]);
    expect(dueSlaAlerts(snap(180), breached, min(180))).toEqual([{ target: 'firstResponse', kind: 'manager', dueAt: min(60) }]);
  });

  test('a late timer sends what is true now: the breach, not a warning first', () => {
    expect(dueSlaAlerts(snap(75), {}, min(75)).map((a) => a.kind)).toEqual(['breach']);
  });

  test('the next alert instant follows what was sent', () => {
    expect(nextSlaAlertAt(snap(0), {})).toEqual(min(48));
    expect(nextSlaAlertAt(snap(50), {})).toEqual(min(48)); // an unsent warning is due now
    expect(nextSlaAlertAt(snap(50), { 'firstResponse:warning': { at: min(48), dueAt: min(60) } })).toEqual(min(60));
    const all: SlaAlertsSent = {
      'firstResponse:warning': { at: min(48), dueAt: min(60) },
      'firstResponse:breach': { at: min(60), dueAt: min(60) },
    };
    expect(nextSlaAlertAt(snap(61), all)).toEqual(min(180));
  });

  test('a met first response leaves only the resolution target', () => {
    const s = snap(30, { firstRespondedAt: min(20) });
    expect(dueSlaAlerts(s, {}, min(30))).toEqual([]);
    // Resolution: 24 h, warning at 80 % = 19 h 12 min.
    expect(nextSlaAlertAt(s, {})).toEqual(min(19 * 60 + 12));
  });

  test('an alert sent for an earlier due time does not count for a moved promise', () => {
    const sent: SlaAlertsSent = { 'firstResponse:warning': { at: min(40), dueAt: min(50) } };
    expect(dueSlaAlerts(snap(49), sent, min(49))).toEqual([{ target: 'firstResponse', kind: 'warning', dueAt: min(60) }]);
  });
});
