import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun, timerStatus } from '../_server/timer-runs';

/** Drains the notification outbox; the notification issue adds subscribe messages, SMS and WeCom. */
export const main = defineFunction(
  'notify',
  {
    ping: pingHandler('notify'),
    status: () => timerStatus('notify'),
  },
  {
    timer: async (event, { now }) => {
      await recordTimerRun('notify', event.TriggerName, now());
    },
  },
);
