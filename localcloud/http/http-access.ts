import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_ROUTES } from '../../shared/api/http-routes';
import type { FunctionRunner } from '../runner/function-runner';
import { readBody, sendJson } from './respond';

/** CloudBase's HTTP access service caps request bodies; 6 MB is what the function itself accepts. */
const BODY_LIMIT = 6 * 1024 * 1024;
export const HTTP_PREFIX = '/http';

/**
 * `<method> /http/<route path>` — the local stand-in for CloudBase's HTTP access service (云接入): the routes of
 * shared/api/http-routes.ts, each turned into the event the service hands the function
 * (`{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }`), and the function's
 * `{ statusCode, headers, body, isBase64Encoded }` turned back into the HTTP answer.
 */
export async function handleHttpAccess(req: IncomingMessage, res: ServerResponse, url: URL, runner: FunctionRunner): Promise<void> {
  const path = url.pathname.slice(HTTP_PREFIX.length) || '/';
  const route = HTTP_ROUTES.find((r) => r.path === path);
  if (!route || !runner.has(route.function)) return sendJson(res, 404, { error: 'not found' });

  let body: Buffer;
  try {
    body = await readBody(req, BODY_LIMIT);
  } catch (error) {
    return sendJson(res, (error as { status?: number }).status ?? 400, { error: 'request body too large' });
  }
  const text = body.toString('utf8');
  // Binary bodies arrive base64-encoded, as the service does for non-text content.
  const binary = !Buffer.from(text, 'utf8').equals(body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const event = {
    path,
    httpMethod: req.method ?? 'GET',
    headers,
    queryStringParameters: Object.fromEntries(url.searchParams),
    body: binary ? body.toString('base64') : text,
    isBase64Encoded: binary,
  };
  const result = await runner.invoke(route.function, event, { source: 'wx_http', clientIp: req.socket.remoteAddress });
  if (!result.ok) {
    console.error(`[localcloud] ${route.function} (HTTP ${path}) failed: ${result.error?.errMsg}`);
    return sendJson(res, 502, { error: 'function failed' });
  }
  const out = result.result as { statusCode?: number; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } | null;
  // The service answers a plain object that is not the integration shape as JSON with status 200.
  if (!out || typeof out !== 'object' || typeof out.statusCode !== 'number') return sendJson(res, 200, out);
  const payload = typeof out.body === 'string' ? (out.isBase64Encoded ? Buffer.from(out.body, 'base64') : Buffer.from(out.body, 'utf8')) : Buffer.from(JSON.stringify(out.body ?? null));
  res.writeHead(out.statusCode, { 'content-length': String(payload.length), ...(out.headers ?? {}) });
  res.end(payload);
}
