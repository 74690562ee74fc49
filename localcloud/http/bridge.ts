import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MESSAGES } from '../../shared/api/envelope';
import type { FunctionRunner } from '../runner/function-runner';
import { readJson, sendJson } from './respond';

/** Openids the bridge accepts as a development identity: WeChat openids and our demo ids. */
const DEV_OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** Generous: the function itself refuses events over ~100 KB with a Chinese message. */
const BODY_LIMIT = 1024 * 1024;

const envelopeError = (code: 'INVALID_INPUT' | 'NOT_FOUND' | 'INTERNAL', message: string) => ({ ok: false, error: { code, message } });

export function corsPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type, x-dev-openid, x-dev-web-uid',
    'access-control-max-age': '600',
  });
  res.end();
}

/**
 * `POST /fn/<name>` — the browser build's (and tests') way to call a cloud function: the JSON body is the
 * event a WeChat client would send, and `x-dev-openid` is the identity getWXContext() reports. Only the
 * local cloud accepts that header; a deployed function gets its caller from WeChat.
 */
export async function handleFunctionCall(req: IncomingMessage, res: ServerResponse, url: URL, runner: FunctionRunner, appId: string): Promise<void> {
  res.setHeader('access-control-allow-origin', '*');
  const name = decodeURIComponent(url.pathname.slice('/fn/'.length));
  if (!runner.has(name)) return sendJson(res, 404, envelopeError('NOT_FOUND', `没有名为 ${name} 的云函数`));

  let body: unknown;
  try {
    body = await readJson(req, BODY_LIMIT);
  } catch (error) {
    const tooLarge = (error as { status?: number }).status === 413;
    // The rest of the body was never read: this connection cannot carry another request.
    res.setHeader('connection', 'close');
    return sendJson(res, tooLarge ? 413 : 400, envelopeError('INVALID_INPUT', tooLarge ? '提交的内容过大，请精简后再试' : '请求格式不正确'));
  }
  const header = req.headers['x-dev-openid'];
  const openid = typeof header === 'string' && DEV_OPENID_RE.test(header) ? header : undefined;
  // WeChat adds userInfo to events from a client; functions must not trust it over getWXContext().
  const event = body && typeof body === 'object' && !Array.isArray(body) && openid ? { ...body, userInfo: { appId, openId: openid } } : body;

  // `x-dev-web-uid` plays a CloudBase web-SDK user (no OPENID, TCB_UUID set), as the production web build calls.
  const webHeader = req.headers['x-dev-web-uid'];
  const webUid = !openid && typeof webHeader === 'string' && DEV_OPENID_RE.test(webHeader) ? webHeader : undefined;
  const caller = webUid ? { webUid, source: 'web_client' } : { openid, source: 'wx_client' };
  const result = await runner.invoke(name, event, { ...caller, clientIp: req.socket.remoteAddress });
  if (result.ok) return sendJson(res, 200, result.result);
  console.error(`[localcloud] ${name} invocation failed: ${result.error?.errMsg}`);
  sendJson(res, 502, envelopeError('INTERNAL', DEFAULT_MESSAGES.INTERNAL));
}
