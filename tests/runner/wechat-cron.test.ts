import { describe, expect, test } from 'vitest';
import { WeChatCron, yearMatches } from '../../localcloud/scheduler/wechat-cron';

const at = (s: string) => new Date(s);

describe('WeChat 7-field cron (UTC+8)', () => {
  test('every minute', () => {
    const cron = new WeChatCron('0 * * * * * *');
    expect(cron.firings(at('2026-11-22T10:00:30+08:00'), at('2026-11-22T10:03:00+08:00')).map((d) => d.toISOString())).toEqual([
      '2026-11-22T02:01:00.000Z',
      '2026-11-22T02:02:00.000Z',
      '2026-11-22T02:03:00.000Z',
    ]);
  });

  test('hours are China time', () => {
    const cron = new WeChatCron('0 30 9 * * * *');
    const [first] = cron.firings(at('2026-11-22T00:00:00+08:00'), at('2026-11-23T00:00:00+08:00'));
    expect(first.toISOString()).toBe('2026-11-22T01:30:00.000Z');
  });

  test('weekdays and the year field', () => {
    const cron = new WeChatCron('0 0 8 * * 1-5 2027');
    expect(cron.firings(at('2026-12-28T00:00:00+08:00'), at('2026-12-31T23:59:59+08:00'))).toEqual([]);
    const jan = cron.firings(at('2027-01-01T00:00:00+08:00'), at('2027-01-08T00:00:00+08:00'));
    // 2027-01-01 is a Friday; then Mon 4th .. Thu 7th.
    expect(jan.map((d) => d.toISOString().slice(0, 10))).toEqual(['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07']);
  });

  test('year field forms', () => {
    expect(yearMatches('*', 2031)).toBe(true);
    expect(yearMatches('2026,2028', 2027)).toBe(false);
    expect(yearMatches('2026-2030/2', 2028)).toBe(true);
    expect(yearMatches('2026-2030/2', 2029)).toBe(false);
  });

  test('rejects expressions that are not 7 fields', () => {
    expect(() => new WeChatCron('0 * * * *')).toThrow(/7 fields/);
    expect(() => new WeChatCron('0 99 * * * * *')).toThrow();
  });
});
