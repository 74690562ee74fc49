import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun, timerStatus } from '../_server/timer-runs';
import { runAutoMoves } from './auto-moves';
import { runSlaSweep } from './sweep';
import { indexPendingCases } from '../_server/case-index';
import { runSurgeCheck } from '../_server/surge/timer';

/**
 * The SLA clock, every minute: warnings, breaches and escalations due now, the lifecycle's automatic moves, batch
 * surges, and the similar-case index catching up with tickets resolved, closed, reopened or (un)archived since the last run.
 */
export const main = defineFunction(
  'sla',
  {
    ping: pingHandler('sla'),
    status: () => timerStatus('sla'),
  },
  {
    timer: async (event, { now }) => {
      await recordTimerRun('sla', event.TriggerName, now());
      const sla = await runSlaSweep(now());
      const moves = await runAutoMoves(now());
      // Batch surges: every minute, so an incident the submit path could not open opens within one timer period.
      const surge = await runSurgeCheck(now());
      // After the moves, so a ticket closed in this run is indexed in this run.
      const cases = await indexPendingCases(now());
      return { ...sla, ...moves, surge, casesIndexed: cases.indexed, casesRemoved: cases.removed };
    },
  },
);
