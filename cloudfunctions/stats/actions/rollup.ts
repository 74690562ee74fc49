import type { RollupStatus } from '@shared/api/functions/stats';
import { toIso } from '@shared/time/clock';
import { getById } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { META_ID, requestRebuild, runRollup, type RollupMeta } from '../rollup';

/** Inside the caller's patience and the function's 20 s timeout; the timer finishes what is left. */
const REBUILD_BUDGET_MS = 12_000;

export async function rollupStatus(): Promise<RollupStatus> {
  const meta = await getById<RollupMeta>('statsDaily', META_ID);
  return meta
    ? { rolledUpAt: toIso(meta.builtAt), dirtyDays: meta.dirty.length, rebuilding: !!meta.rebuild || meta.dirty.length > 0, ...(meta.lastRun ? { lastRun: meta.lastRun } : {}) }
    : { dirtyDays: 0, rebuilding: true };
}

/** stats.rebuild: every day again (after an import or data written outside the functions). */
export async function rebuild(_input: unknown, ctx: ActionContext): Promise<RollupStatus> {
  await requestRebuild(ctx.now());
  await runRollup(ctx.now(), REBUILD_BUDGET_MS);
  return rollupStatus();
}
