import { createRequire } from 'node:module';
import { ActionCounter, handleAdmin, type GatewayModules } from '../../localcloud/http/admin';
import { close, createHttpServer, listen, type Route } from '../../localcloud/http/server';
import { sdkEnv } from '../../localcloud/runner/sdk-env';

export interface TestGateway {
  url: string;
  port: number;
  counter: ActionCounter;
  close(): Promise<void>;
}

/**
 * Only the CloudBase gateway (`POST /admin`) over the given modules, on a random port.
 * For module tests that drive the real wx-server-sdk; full-stack tests use the whole local cloud.
 */
export async function startGateway(modules: GatewayModules, extraRoutes: Route[] = []): Promise<TestGateway> {
  const counter = new ActionCounter();
  const server = createHttpServer([
    { method: 'POST', path: '/admin', handle: (req, res) => handleAdmin(req, res, modules, counter) },
    ...extraRoutes,
  ]);
  const port = await listen(server, 0);
  return { url: `http://127.0.0.1:${port}`, port, counter, close: () => close(server) };
}

/**
 * Point the wx-server-sdk of this test process at a gateway. Call before the first `require('wx-server-sdk')`;
 * the SDK reads its configuration at init. Returns the SDK, initialised like a cloud function does it.
 */
export function connectSdk(gatewayUrl: string, caller: { openid?: string; source?: string } = {}) {
  Object.assign(process.env, sdkEnv({ gatewayUrl, envId: 'local-env' }), {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: caller.openid ?? 'test-openid',
    WX_APPID: 'wx-local',
    TCB_SOURCE: caller.source ?? 'wx_client',
    SILENCE: 'true',
  });
  const cloud = createRequire(import.meta.url)('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: (cloud as unknown as { DYNAMIC_CURRENT_ENV: string }).DYNAMIC_CURRENT_ENV });
  return cloud;
}
