/**
 * China time for message texts, by fixed offset: Asia/Shanghai has been UTC+8 all year since 1991 (no DST), and
 * the drain formats many values per message, so plain arithmetic beats a time-zone library here.
 */
import { CHINA_OFFSET_MS as OFFSET_MS } from '../time/clock';

const DAY_MS = 24 * 60 * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');

export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function chinaParts(at: Date): ChinaParts {
  const t = new Date(at.getTime() + OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

/** Minutes since midnight in China. */
export function chinaMinuteOfDay(at: Date): number {
  return Math.floor((((at.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
}

/** The instant of China's midnight that starts `at`'s day. */
export function chinaMidnight(at: Date): Date {
  const local = at.getTime() + OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS);
}

/** `2026年11月22日 14:30` — WeChat's `time` value. */
export function wechatTime(at: Date): string {
  const p = chinaParts(at);
  return `${p.year}年${pad(p.month)}月${pad(p.day)}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026年11月22日` — WeChat's `date` value. */
export function wechatDate(at: Date): string {
  const p = chinaParts(at);
  return `${p.year}年${pad(p.month)}月${pad(p.day)}日`;
}

/** `11月22日 14:30` — short enough for an SMS variable or a WeCom line. */
export function shortTime(at: Date): string {
  const p = chinaParts(at);
  return `${pad(p.month)}月${pad(p.day)}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A Date from an ISO-8601 string (what outbox data carries), or undefined when it is not one. */
export function parseInstant(text: string | undefined): Date | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
