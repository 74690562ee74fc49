import type { Level } from './model';

const LEVEL_RANK: Record<Level, number> = { L1: 1, L2: 2, L3: 3 };
/** Beyond any due time (year 2286): tickets with nothing due sort after those with a promise pending. */
const NO_DUE = 9_999_999_999_999;

/**
 * The inbox order as one sortable string: level first, then the earliest promise. Stored on the complaint and
 * indexed, so "sorted by urgency" is an index range with a keyset cursor instead of a sort of all open tickets.
 */
export function queueKey(level: Level, nextDueAt?: Date): string {
  const due = nextDueAt ? nextDueAt.getTime() : NO_DUE;
  return `${LEVEL_RANK[level]}-${String(due).padStart(13, '0')}`;
}
