import Taro from '@tarojs/taro';

/**
 * One-time subscribe-message templates asked for on the submit tap (receipt, progress, solution to confirm;
 * at most 3 per request, WECHAT.md). Their ids come from the mini-program's WeChat console and must be the
 * ones the notify function sends with; empty means “not configured yet”, and nothing is asked.
 */
export const SUBSCRIBE_TEMPLATE_IDS: readonly string[] = [];

/**
 * Ask for consent without waiting for it: WeChat only shows the prompt when called synchronously from a tap,
 * and the answer must never hold up the submission (SMS is the fallback when there is no consent).
 */
export function askSubscribeConsent(templateIds: readonly string[] = SUBSCRIBE_TEMPLATE_IDS): void {
  if (!templateIds.length || typeof Taro.requestSubscribeMessage !== 'function') return;
  try {
    void Taro.requestSubscribeMessage({ tmplIds: templateIds.slice(0, 3) } as Parameters<typeof Taro.requestSubscribeMessage>[0]).catch(() => undefined);
  } catch {
    /* an older base library: no consent, SMS instead */
  }
}
