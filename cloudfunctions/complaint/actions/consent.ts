import type { ConsentOutput } from '@shared/api/functions/complaint';
import { DEFAULT_NOTIFY_CONFIG } from '@shared/notify/config';
import { consentAnswers, type ConsentResult } from '@shared/notify/consent';
import { consentCounts, recordConsents } from '../../_server/channels/consents';
import { subscribeTemplateIds } from '../../_server/channels/env';
import type { ActionContext } from '../../_server/define-function';

/**
 * complaint.recordConsent: what the caller answered in `Taro.requestSubscribeMessage` (keyed by our template key
 * or by the WeChat template id). Each 「允许」 lets the notify function send one message of that template; a retry
 * with the same requestId counts once. Template ids come from the environment, as the notify function reads them.
 */
export async function recordConsent(input: { results: Record<string, ConsentResult> }, ctx: ActionContext): Promise<ConsentOutput> {
  const { answers, unknown } = consentAnswers(input.results, subscribeTemplateIds(DEFAULT_NOTIFY_CONFIG.templates));
  await recordConsents(ctx.caller.openid!, answers, ctx.requestId!, ctx.now());
  return { consents: await consentCounts(ctx.caller.openid!), ignored: unknown };
}
