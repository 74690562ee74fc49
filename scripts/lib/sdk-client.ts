import { createRequire } from 'node:module';
import path from 'node:path';
import { callerEnv, sdkEnv } from '../../localcloud/runner/sdk-env';

type Sdk = typeof import('wx-server-sdk');

/**
 * The real wx-server-sdk of this process, pointed at a running local cloud and initialised as a function
 * does it — for tests and benchmarks that talk to the gateway directly. The SDK reads its configuration
 * from process.env once, so call this before anything else loads it (vitest runs each file in its own process).
 */
export function connectSdk(gatewayUrl: string, caller: { openid?: string; source?: string } = {}): Sdk {
  const env = { ...sdkEnv({ gatewayUrl, envId: 'local-env' }), ...callerEnv({ openid: caller.openid, source: caller.source ?? 'scf' }, 'wx-local'), SILENCE: 'true' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const cloud = createRequire(path.resolve(__dirname, '..', '..', 'package.json'))('wx-server-sdk') as Sdk;
  // DYNAMIC_CURRENT_ENV is a symbol typed as a string option: the same cast as in cloudfunctions/_server/cloud.ts.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}
