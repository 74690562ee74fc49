import type { PingOutput } from '@shared/api/common';
import type { FunctionName } from '@shared/api/contract';
import { toIso } from '@shared/time/clock';
import { BUILD_VERSION } from './build-info';
import { collection } from './db';
import type { ActionContext } from './define-function';

/** Every function's `ping`: the bundle loaded, the caller resolved, and one database round trip worked. */
export function pingHandler(fn: FunctionName) {
  return async (input: { echo?: string }, ctx: ActionContext): Promise<PingOutput> => {
    const started = Date.now();
    await collection('departments').limit(1).get();
    const { kind, openid, department } = ctx.caller;
    return {
      fn,
      version: BUILD_VERSION,
      ...(input.echo !== undefined ? { echo: input.echo } : {}),
      caller: { kind, ...(openid ? { openid } : {}), ...(department ? { department } : {}) },
      serverTime: toIso(ctx.now()),
      dbMs: Date.now() - started,
    };
  };
}
