/**
 * Arithmetic for the dashboard's hand-drawn charts (Views sized in %, no chart library): pure, so both builds
 * draw the same picture and the scales are unit-tested.
 */

/** A round axis maximum at or above `max` (1, 2, 5 × 10ⁿ), so bar heights read against gridlines. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const step of [1, 2, 5, 10]) if (step * base >= max) return step * base;
  return 10 * base;
}

/** Height (or width) in percent of `value` against `max`; a non-zero value stays visible (≥ 2 %). */
export function barPercent(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.max(2, Math.min(100, Math.round((value / max) * 1000) / 10));
}

/**
 * Heatmap cell shade 0–4 (0 = empty), by where the cell sits between the quietest non-empty cell (`min`) and the
 * busiest: with even counts everywhere a plain share of the maximum would paint every cell the darkest.
 */
export function heatLevel(count: number, max: number, min = 0): 0 | 1 | 2 | 3 | 4 {
  if (!(count > 0) || !(max > 0)) return 0;
  const low = min > 0 && min < max ? min : 0;
  const r = (count - low) / (max - low) || (count === max ? 1 : 0);
  return r > 0.75 ? 4 : r > 0.5 ? 3 : r > 0.25 ? 2 : 1;
}

/** Keyword font size in design px: 24 for the rarest word up to 56 for the most frequent, on a square-root scale. */
export function keywordSize(count: number, min: number, max: number): number {
  if (max <= min) return 40;
  const t = Math.sqrt((count - min) / (max - min));
  return Math.round(24 + t * 32);
}

/** `2026-11-22` → `11/22`, for day labels under bars. */
export const dayLabel = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/** Which day labels to print under `n` bars so they do not overlap: every k-th, always the last. */
export function labelEvery(n: number, room = 8): number {
  return Math.max(1, Math.ceil(n / room));
}

/** `0.934` → `93.4%`; undefined → `—` (no ticket came due yet). */
export const percentText = (rate?: number) => (rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** China calendar date `days` before `today` (`YYYY-MM-DD`), for range presets. */
export function daysBefore(today: string, days: number): string {
  const t = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10))) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
