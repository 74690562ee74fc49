import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun } from '../_server/timer-runs';
import { exportCsv } from './actions/export';
import { overview } from './actions/overview';
import { rebuild, rollupStatus } from './actions/rollup';
import { customerWatch } from './actions/watch';
import { exportWeeklyReport, weeklyReport } from './actions/weekly';
import { runRollup } from './rollup';

/** Dashboard aggregations and the CSV export for heads and managers; the timer keeps the per-day rollups current. */
export const main = defineFunction(
  'stats',
  {
    ping: pingHandler('stats'),
    overview,
    exportCsv,
    weeklyReport,
    exportWeeklyReport,
    customerWatch,
    rollupStatus,
    rebuild,
  },
  {
    timer: async (event, { now }) => {
      await recordTimerRun('stats', event.TriggerName, now());
      return runRollup(now());
    },
  },
);
