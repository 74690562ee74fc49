import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun, timerStatus } from '../_server/timer-runs';

/** The SLA clock, every minute. The SLA issue adds warnings, breaches and escalation to the timer. */
export const main = defineFunction(
  'sla',
  {
    ping: pingHandler('sla'),
    status: () => timerStatus('sla'),
  },
  {
    timer: async (event, { now }) => {
      await recordTimerRun('sla', event.TriggerName, now());
    },
  },
);
