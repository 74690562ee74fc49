import type { SubscribePayload } from '@shared/notify/compose';
import { cloud } from '../cloud';
import { errorText, failed, type SendResult } from './result';

/** WeChat: the user holds no (more) one-time subscription for the template. */
export const WX_NOT_SUBSCRIBED = 43101;

/** `cloud.openapi` is a proxy the SDK's typings describe only in part. */
interface SubscribeApi {
  send(req: { touser: string; templateId: string; page: string; data: SubscribePayload['data']; miniprogramState: string; lang: string }): Promise<{ errCode: number; msgid?: number | string }>;
}

/**
 * One subscribe message through the open API (`subscribeMessage.send`, permission in config.json). The SDK
 * rejects with `errCode` for WeChat's errors; 43101 means the consent we counted is no longer WeChat's.
 */
export async function sendSubscribe(touser: string, templateId: string, payload: SubscribePayload, miniprogramState: string): Promise<SendResult> {
  const api = (cloud.openapi as unknown as { subscribeMessage: SubscribeApi }).subscribeMessage;
  try {
    const res = await api.send({ touser, templateId, page: payload.page, data: payload.data, miniprogramState, lang: 'zh_CN' });
    return { ok: true, ...(res.msgid !== undefined ? { providerId: String(res.msgid) } : {}) };
  } catch (error) {
    const code = (error as { errCode?: number }).errCode;
    return failed(errorText(error), { notSubscribed: code === WX_NOT_SUBSCRIBED });
  }
}
