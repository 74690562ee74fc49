import type { Category, ComplaintStatus, Level } from '@shared/complaint/model';
import type { Expectation } from '@shared/complaint/document';
import { dueParts, formatHms, splitDuration } from '../utils/time';
import type { MessageKey, Translate } from '.';

/** Labels for codes the contract sends (status, level, category, expectation), in the current language. */
export const statusLabel = (t: Translate, status: ComplaintStatus) => t(`status.${status}` as MessageKey);
export const levelLabel = (t: Translate, level: Level) => t(`level.${level}` as MessageKey);
export const categoryLabel = (t: Translate, category: Category) => t(`category.${category}` as MessageKey);
export const expectationLabel = (t: Translate, expectation: Expectation) => t(`expectation.${expectation}` as MessageKey);

/** `今天 17:36`, `明天 09:00`, `11月24日 09:00` — the day said the way people say it, relative to `nowMs`. */
export function dueWhen(t: Translate, iso: string, nowMs: number): string {
  const p = dueParts(iso, nowMs);
  if (!p) return iso;
  const day =
    p.dayOffset === 0 ? t('time.today') : p.dayOffset === 1 ? t('time.tomorrow') : p.dayOffset === 2 ? t('time.dayAfter') : t('time.date', { month: p.month, day: p.day });
  return `${day} ${p.clock}`;
}

/** `2 天 4 小时`, `3 小时 20 分`, `15 分钟` (sign dropped). */
export function spanText(t: Translate, ms: number): string {
  const d = splitDuration(ms);
  if (d.days > 0) return d.hours > 0 ? t('span.daysHours', { d: d.days, h: d.hours }) : t('span.days', { d: d.days });
  if (d.hours > 0) return d.minutes > 0 ? t('span.hoursMinutes', { h: d.hours, m: d.minutes }) : t('span.hours', { h: d.hours });
  return d.minutes > 0 ? t('span.minutes', { m: d.minutes }) : t('span.underMinute');
}

/** A ticking countdown: `00:59:58` under a day, `1 天 3 小时` beyond. */
export function clockText(t: Translate, ms: number): string {
  const d = splitDuration(ms);
  return d.days > 0 ? spanText(t, ms) : formatHms(d);
}

/** `11月22日 14:05` (or with the year when not this year), in the current language. */
export function shortDateTime(t: Translate, iso: string, nowMs: number = Date.now()): string {
  const p = dueParts(iso, nowMs);
  const ms = Date.parse(iso);
  if (!p || Number.isNaN(ms)) return iso;
  const year = new Date(ms + 8 * 3600_000).getUTCFullYear();
  const thisYear = new Date(nowMs + 8 * 3600_000).getUTCFullYear();
  const date = year === thisYear ? t('time.date', { month: p.month, day: p.day }) : t('time.dateYear', { year, month: p.month, day: p.day });
  return `${date} ${p.clock}`;
}

/** Money in fen as `¥12.50` (`¥12` when whole). */
export function yuan(fen: number): string {
  const value = fen / 100;
  return `¥${Number.isInteger(value) ? value : value.toFixed(2)}`;
}
