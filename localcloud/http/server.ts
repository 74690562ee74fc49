import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from './respond';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | '*';
  /** A path prefix ending in `/` matches everything below it; otherwise the path must be equal. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** A plain node:http server over a route list; the first matching route wins. */
export function createHttpServer(routes: Route[], fallback?: Route['handle']): http.Server {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.find(
      (r) => (r.method === '*' || r.method === req.method) && (r.path.endsWith('/') ? url.pathname.startsWith(r.path) : url.pathname === r.path),
    );
    try {
      if (route) await route.handle(req, res, url);
      else if (fallback) await fallback(req, res, url);
      else sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (status >= 500) console.error('[localcloud]', req.method, url.pathname, error);
      if (!res.headersSent) sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export async function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
