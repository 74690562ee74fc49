import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { MessageLog } from '../messages';
import { readBody, sendJson } from './respond';

/** Message types a WeCom group robot accepts. */
const MSG_TYPES = ['text', 'markdown', 'markdown_v2', 'image', 'news', 'file', 'voice', 'template_card'];
/** WeCom's limits: text 2048 bytes, markdown 4096 bytes (UTF-8). */
const CONTENT_LIMITS: Record<string, number> = { text: 2048, markdown: 4096, markdown_v2: 4096 };

/**
 * `POST /wecom/<department>`: a WeCom group robot's webhook, as the local cloud sets `WECOM_WEBHOOK_<DEPT>` for
 * the functions. The post is checked the way WeCom checks it, recorded (channel `wecom`, to = the department,
 * template = the msgtype, data = the posted body) and answered `{errcode: 0, errmsg: 'ok'}`; nothing is sent.
 */
export async function handleWecom(req: IncomingMessage, res: ServerResponse, url: URL, messages: MessageLog, clock: Clock): Promise<void> {
  const department = decodeURIComponent(url.pathname.split('/')[2] ?? '');
  if (!department) return sendJson(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
  let body: { msgtype?: unknown; [k: string]: unknown };
  try {
    body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
  } catch {
    return sendJson(res, 200, { errcode: 40001, errmsg: 'invalid request body: not JSON' });
  }
  const type = typeof body?.msgtype === 'string' ? body.msgtype : '';
  if (!MSG_TYPES.includes(type)) return sendJson(res, 200, { errcode: 40008, errmsg: `invalid message type: ${type || '(none)'}` });
  const limit = CONTENT_LIMITS[type];
  if (limit) {
    const content = (body[type] as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content.trim() === '') return sendJson(res, 200, { errcode: 44004, errmsg: 'empty content' });
    if (Buffer.byteLength(content) > limit) return sendJson(res, 200, { errcode: 40058, errmsg: `${type}.content exceed max length ${limit}` });
  }
  messages.record({ at: clock.now().toISOString(), channel: 'wecom', to: department, template: type, data: body });
  sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
}
