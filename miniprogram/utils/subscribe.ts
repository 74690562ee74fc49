import Taro from '@tarojs/taro';
import { call } from '../api/call';
import { SUBSCRIBE_TEMPLATES } from '../env';

/**
 * One-time subscribe-message templates asked for on the submit tap (receipt, progress, solution to confirm;
 * at most 3 per request, WECHAT.md). Their ids come from the mini-program's WeChat console through
 * `TARO_APP_SUBSCRIBE_TEMPLATES` (comma-separated, in the order receipt, status, solution) and must be the ones the
 * notify function sends with (`SUBSCRIBE_TEMPLATE_*`); empty means “not configured”, and nothing is asked.
 */
export const SUBSCRIBE_TEMPLATE_IDS: readonly string[] = SUBSCRIBE_TEMPLATES;

type ConsentResult = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * Ask for consent without waiting for it: WeChat only shows the prompt when called synchronously from a tap,
 * and the answer must never hold up the submission (SMS is the fallback when there is no consent). The answer is
 * sent to the backend, which keeps one notification per accepted template.
 */
export function askSubscribeConsent(templateIds: readonly string[] = SUBSCRIBE_TEMPLATE_IDS): void {
  if (!templateIds.length || typeof Taro.requestSubscribeMessage !== 'function') return;
  try {
    void Taro.requestSubscribeMessage({ tmplIds: templateIds.slice(0, 3) } as Parameters<typeof Taro.requestSubscribeMessage>[0])
      .then((answer) => {
        const results: Record<string, ConsentResult> = {};
        for (const id of templateIds) {
          const value = (answer as unknown as Record<string, unknown>)[id];
          if (value === 'accept' || value === 'reject' || value === 'ban' || value === 'filter') results[id] = value;
        }
        if (Object.keys(results).length) return call('complaint', 'recordConsent', { results });
        return undefined;
      })
      .catch(() => undefined);
  } catch {
    /* an older base library: no consent, SMS instead */
  }
}
