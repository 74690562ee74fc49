import { ActionCounter, handleAdmin, type GatewayModules } from '../../localcloud/http/admin';
import { close, createHttpServer, listen, type Route } from '../../localcloud/http/server';
import { connectSdk as connectTo } from '../../scripts/lib/sdk-client';

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

/** The test process's real wx-server-sdk, pointed at a gateway, calling as a client user by default. */
export function connectSdk(gatewayUrl: string, caller: { openid?: string; source?: string } = {}) {
  return connectTo(gatewayUrl, { openid: caller.openid ?? 'test-openid', source: caller.source ?? 'wx_client' });
}
