import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** All business time is China time. */
export const TZ = 'Asia/Shanghai';

/**
 * China has kept UTC+8 without daylight saving since 1991, so formatting China time is arithmetic. dayjs's
 * time-zone plugin goes through Intl for every call (~0.1–0.4 ms), which made it the largest cost of intake.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const toMs = (date: Date | number | string) => (typeof date === 'string' ? dayjs(date).valueOf() : new Date(date).getTime());

/** ISO-8601 with the +08:00 offset, as responses carry times (API.md). */
export function toIso(date: Date | number | string): string {
  return `${new Date(toMs(date) + CHINA_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** A calendar date in China, `YYYY-MM-DD`. */
export function chinaDate(date: Date | number | string): string {
  return new Date(toMs(date) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole minutes from `now` until `due` (negative when overdue), rounded toward the promise. */
export function minutesUntil(due: Date, now: Date): number {
  const ms = due.getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / 60000) : -Math.ceil(-ms / 60000);
}

export { dayjs };
