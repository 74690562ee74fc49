import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun, timerStatus } from '../_server/timer-runs';
import { runAutoMoves } from './auto-moves';

/** The SLA clock, every minute: the lifecycle's automatic moves; the SLA issue adds warnings, breaches and escalation. */
export const main = defineFunction(
  'sla',
  {
    ping: pingHandler('sla'),
    status: () => timerStatus('sla'),
  },
  {
    timer: async (event, { now }) => {
      await recordTimerRun('sla', event.TriggerName, now());
      return runAutoMoves(now());
    },
  },
);
