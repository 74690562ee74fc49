import { chinaDay } from './time';

/**
 * A read started on the tap that opens a page, handed to that page when it mounts: the request runs while the
 * subpackage downloads instead of after it (the dashboard's one heavy call). Taken once, and only while fresh.
 */
const FRESH_MS = 10_000;
const pending = new Map<string, { at: number; promise: Promise<unknown> }>();

export function prefetch<T>(key: string, load: () => Promise<T>): void {
  pending.set(key, { at: Date.now(), promise: load() });
}

export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const hit = pending.get(key);
  pending.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? (hit.promise as Promise<T>) : undefined;
}

/** The dashboard's default range, the last 30 China calendar days including today (`YYYY-MM-DD`). */
export function defaultDashboardRange(nowMs: number = Date.now()): { from: string; to: string } {
  return { from: chinaDay(nowMs - 29 * 86_400_000), to: chinaDay(nowMs) };
}

export const dashboardKey = (input: object) => `stats.overview:${JSON.stringify(input)}`;
