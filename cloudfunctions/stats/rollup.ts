import { dayStart, encodeDay, daysBetween, type DayDoc } from '@shared/stats/rollup';
import { chinaDate } from '@shared/time/clock';
import { collection, getById, rows } from '../_server/db';
import { logFailure } from '../_server/log';
import { changedDaysSince, fetchCreatedBetween } from './rows';

export const META_ID = 'meta';

/** The rollup's own state, beside the day documents in `statsDaily`. */
export interface RollupMeta {
  _id: typeof META_ID;
  /** Every complaint changed before this instant is in its day's document (or its day is still in `dirty`). */
  watermark: Date;
  /** Days still to (re)build: a rebuild larger than one run's budget carries on in the next run. */
  dirty: string[];
  builtAt: Date;
  /** Set by `stats.rebuild`: the next run rebuilds every day from the first complaint on. */
  rebuild?: boolean;
  lastRun?: { days: number; rows: number; ms: number };
}

/**
 * A change stamped at t can land in the database a little later (an action takes `now` when it starts): the
 * watermark stays this far behind the run, and the overlap is read again — rebuilding a day twice is harmless.
 */
const LAG_MS = 2 * 60_000;
/** One run's time budget: well inside the 60 s timeout (days under way finish after it), the rest waits for the next run. */
const BUDGET_MS = 30_000;
/** Days rebuilt at once: each is a few paged reads and one write. */
const PARALLEL_DAYS = 4;
/** How far back a full rebuild goes (the dashboard allows 366-day ranges and compares with the period before). */
const HISTORY_DAYS = 800;

export interface RollupResult {
  days: number;
  rows: number;
  left: number;
  failed: number;
  ms: number;
  full: boolean;
  readMs: number;
  encodeMs: number;
  writeMs: number;
}

/**
 * The `stats` timer: rebuild the day documents of every day whose complaints changed since the last run
 * (indexed updatedAt, mapped to each complaint's creation day), newest days first, within a time budget.
 * A missing meta document (fresh environment) or `rebuild` means every day since the first complaint.
 */
export async function runRollup(now: Date, budgetMs = BUDGET_MS): Promise<RollupResult> {
  const started = Date.now();
  Object.assign(phases, { readMs: 0, encodeMs: 0, writeMs: 0 });
  const meta = await getById<RollupMeta>('statsDaily', META_ID);
  const watermark = new Date(now.getTime() - LAG_MS);
  const full = !meta || !!meta.rebuild;
  const dirty = new Set(meta && !meta.rebuild ? meta.dirty : []);
  if (full) {
    const [first] = await rows<{ createdAt: Date }>(collection('complaints').where({}).orderBy('createdAt', 'asc').limit(1).field({ createdAt: true }));
    const floor = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    if (first) for (const d of daysBetween(first.createdAt > floor ? first.createdAt : floor, new Date(now.getTime() + 86_400_000))) dirty.add(d);
  } else {
    for (const d of await changedDaysSince(meta.watermark, chinaDate)) dirty.add(d);
  }

  const queue = [...dirty].sort().reverse(); // today first: the figures people look at most
  const done = new Set<string>();
  let rowsBuilt = 0;
  let failed = 0;
  const worker = async () => {
    while (queue.length && Date.now() - started < budgetMs) {
      const day = queue.shift()!;
      try {
        const built = await buildDay(day, now); // not `rowsBuilt += await …`: that reads the sum before waiting
        rowsBuilt += built;
        done.add(day);
      } catch (error) {
        // One day failing (a database hiccup) leaves it dirty for the next run instead of losing the others.
        failed++;
        logFailure('stats', `rollup:${day}`, error);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DAYS }, worker));

  const next: RollupMeta = {
    _id: META_ID,
    watermark,
    dirty: [...dirty].filter((d) => !done.has(d)).sort(),
    builtAt: now,
    lastRun: { days: done.size, rows: rowsBuilt, ms: Date.now() - started },
  };
  await collection('statsDaily').doc(META_ID).set({ data: stripId(next) });
  return { days: done.size, rows: rowsBuilt, left: next.dirty.length, failed, ms: Date.now() - started, full, ...phases };
}

/** Mark every day for rebuilding (after complaints were imported or written outside the functions). */
export async function requestRebuild(now: Date): Promise<void> {
  const meta = await getById<RollupMeta>('statsDaily', META_ID);
  const next: RollupMeta = { _id: META_ID, watermark: meta?.watermark ?? new Date(0), dirty: meta?.dirty ?? [], builtAt: meta?.builtAt ?? now, rebuild: true };
  await collection('statsDaily').doc(META_ID).set({ data: stripId(next) });
}

/** Where a run's time goes (summed over the parallel days), reported by the timer and the bench. */
const phases = { readMs: 0, encodeMs: 0, writeMs: 0 };

async function buildDay(day: string, now: Date): Promise<number> {
  const from = dayStart(day);
  let t = Date.now();
  const list = await fetchCreatedBetween(from, new Date(from.getTime() + 86_400_000));
  phases.readMs += Date.now() - t;
  t = Date.now();
  const doc: DayDoc = encodeDay(day, list, now);
  phases.encodeMs += Date.now() - t;
  t = Date.now();
  await collection('statsDaily').doc(day).set({ data: stripId(doc) });
  phases.writeMs += Date.now() - t;
  return list.length;
}

/** `doc(id).set()` takes the id from `doc()`; the data must not carry it again. */
function stripId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  return rest;
}
