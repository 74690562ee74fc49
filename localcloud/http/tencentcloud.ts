import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { MessageLog } from '../messages';
import { readBody, sendJson } from './respond';

/**
 * `POST /tencentcloud/<service>/`: where functions configured with a local endpoint send Tencent Cloud API calls
 * (tencentcloud-sdk-nodejs: hunyuan now, SMS with the notification issue). Nothing leaves the machine: the call
 * is recorded in the message log (channel `tencentcloud`, template = the API action) and answered with the
 * API's error shape, so callers take their fallback path exactly as they would on a real outage.
 */
export async function handleTencentCloud(req: IncomingMessage, res: ServerResponse, url: URL, messages: MessageLog, clock: Clock): Promise<void> {
  const service = url.pathname.split('/')[2] || 'unknown';
  const action = String(req.headers['x-tc-action'] ?? 'unknown');
  const raw = (await readBody(req, 1024 * 1024)).toString('utf8');
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // keep the raw text
  }
  messages.record({ at: clock.now().toISOString(), channel: 'tencentcloud', to: service, template: action, data: body, extra: { version: req.headers['x-tc-version'], region: req.headers['x-tc-region'] } });
  sendJson(res, 200, {
    Response: {
      Error: { Code: 'UnsupportedOperation.LocalCloud', Message: '本地云只记录腾讯云 API 请求，不会真正发送' },
      RequestId: randomUUID(),
    },
  });
}
