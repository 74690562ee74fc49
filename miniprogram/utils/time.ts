/**
 * Light time formatting for China time (Asia/Shanghai is UTC+8 all year, no DST), so the main
 * package does not carry dayjs and its timezone plugins. Input: ISO-8601 strings with an offset.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's (or `ms`'s) China calendar date, `YYYY-MM-DD`. */
export function chinaDay(ms: number = Date.now()): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function chinaParts(iso: string): ChinaParts | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** `2026-11-22 14:05` in China time; the raw input when it does not parse. */
export function formatDateTime(iso: string): string {
  const p = chinaParts(iso);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}` : iso;
}

/** `11月22日 14:05`, or with the year when it is not the current one (`now` for tests). */
export function formatShortDateTime(iso: string, now: Date = new Date()): string {
  const p = chinaParts(iso);
  if (!p) return iso;
  const thisYear = new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  const date = p.year === thisYear ? `${p.month}月${p.day}日` : `${p.year}年${p.month}月${p.day}日`;
  return `${date} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A calendar date `YYYY-MM-DD` (already China time) as `2026年11月01日`. */
export function formatCalendarDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : date;
}

/** A countdown span (`3 小时 20 分`, `2 天 4 小时`, `15 分钟`) and whether the promise has passed. */
export function formatRemaining(minutes: number): { span: string; overdue: boolean } {
  const overdue = minutes < 0;
  const total = Math.abs(Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  let span: string;
  if (days > 0) span = hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  else if (hours > 0) span = mins > 0 ? `${hours} 小时 ${mins} 分` : `${hours} 小时`;
  else span = `${mins} 分钟`;
  return { span, overdue };
}

/** Whole days since the epoch on China's calendar, to tell 今天 from 明天 without a date library. */
export function chinaDayNumber(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / 86_400_000);
}

export interface DueParts {
  /** 0 today, 1 tomorrow, 2 the day after, … relative to `nowMs` (negative: in the past). */
  dayOffset: number;
  month: number;
  day: number;
  /** `17:36`, China time. */
  clock: string;
}

/** The pieces of a promised moment for a sentence such as “我们会在 今天 17:36 前联系您”. */
export function dueParts(iso: string, nowMs: number): DueParts | undefined {
  const ms = Date.parse(iso);
  const p = chinaParts(iso);
  if (!p || Number.isNaN(ms)) return undefined;
  return { dayOffset: chinaDayNumber(ms) - chinaDayNumber(nowMs), month: p.month, day: p.day, clock: `${pad(p.hour)}:${pad(p.minute)}` };
}

export interface Duration {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** A span of milliseconds (sign dropped) in whole days, hours, minutes and seconds. */
export function splitDuration(ms: number): Duration {
  const total = Math.floor(Math.abs(ms) / 1000);
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** `01:05:09` for a countdown under a day. */
export function formatHms(d: Duration): string {
  return `${pad(d.hours + d.days * 24)}:${pad(d.minutes)}:${pad(d.seconds)}`;
}
