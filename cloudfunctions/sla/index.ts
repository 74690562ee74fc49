import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun, timerStatus } from '../_server/timer-runs';
import { runAutoMoves } from './auto-moves';
import { runSlaSweep } from './sweep';

/** The SLA clock, every minute: warnings, breaches and escalations due now, and the lifecycle's automatic moves. */
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
      return { ...sla, ...moves };
    },
  },
);
