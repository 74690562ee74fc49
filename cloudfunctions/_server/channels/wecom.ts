import type { WecomPayload } from '@shared/notify/compose';
import { postJson } from './http';
import { errorText, failed, type SendResult } from './result';

/**
 * A WeCom group-robot post (`{msgtype:'markdown', markdown:{content}}` to the group's webhook URL). WeCom answers
 * `{errcode:0, errmsg:'ok'}`; anything else (45009: more than 20 messages a minute to one robot) is retried.
 */
export async function postWecom(url: string, payload: WecomPayload): Promise<SendResult> {
  try {
    const { status, json } = await postJson(url, payload);
    const body = json as { errcode?: number; errmsg?: string } | undefined;
    if (status === 200 && body?.errcode === 0) return { ok: true };
    return failed(typeof body?.errcode === 'number' ? `${body.errcode} ${body.errmsg ?? ''}`.trim() : `HTTP ${status}`);
  } catch (error) {
    return failed(errorText(error));
  }
}
