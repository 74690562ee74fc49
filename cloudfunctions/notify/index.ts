import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { recordTimerRun, timerStatus } from '../_server/timer-runs';
import { list, retry } from './admin';
import { drainOutbox } from './drain';

/**
 * Delivers the outbox: every minute (timer) and on demand (`drain`), subscribe messages, SMS and WeCom group
 * posts with retries and backoff; the admin's outbox screen (`list`) and re-queueing of dead messages (`retry`).
 */
export const main = defineFunction(
  'notify',
  {
    ping: pingHandler('notify'),
    status: () => timerStatus('notify'),
    list,
    retry,
    drain: (_input, ctx) => drainOutbox(ctx.now),
  },
  {
    timer: async (event, { now }) => {
      const [result] = await Promise.all([drainOutbox(now), recordTimerRun('notify', event.TriggerName, now())]);
      return result;
    },
  },
);
