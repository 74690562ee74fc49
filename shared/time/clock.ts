import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** All business time is China time. */
export const TZ = 'Asia/Shanghai';

/** ISO-8601 with the +08:00 offset, as responses carry times (API.md). */
export function toIso(date: Date | number | string): string {
  return dayjs(date).tz(TZ).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** A calendar date in China, `YYYY-MM-DD`. */
export function chinaDate(date: Date | number | string): string {
  return dayjs(date).tz(TZ).format('YYYY-MM-DD');
}

/** Whole minutes from `now` until `due` (negative when overdue), rounded toward the promise. */
export function minutesUntil(due: Date, now: Date): number {
  const ms = due.getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / 60000) : -Math.ceil(-ms / 60000);
}

export { dayjs };
