import { SUBSCRIBE_TEMPLATE_KEYS, type SubscribeTemplateKey } from './templates';

/**
 * One-time subscribe-message consents (WECHAT.md): each 「允许」 in `requestSubscribeMessage` allows one message
 * of that template. Counted per person and template (`consents`, `_id` = `<openid>:<template>`); each accept
 * adds one, each subscribe message spends one with a conditional decrement, and WeChat's 43101 (not
 * subscribed) spends it too, since WeChat no longer holds it.
 */
export const CONSENT_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type ConsentResult = (typeof CONSENT_RESULTS)[number];

export interface ConsentDoc {
  _id: string;
  openid: string;
  template: SubscribeTemplateKey;
  /** Unspent one-time consents. */
  count: number;
  /** What the person last answered for this template (`ban` = 总是拒绝 in WeChat's dialog). */
  lastResult: ConsentResult;
  updatedAt: Date;
  /** Recent requestIds already counted, so a retried `recordConsent` does not add twice. */
  requestIds: string[];
  lastSpentAt?: Date;
}

/** How many recent request ids a consent document remembers. */
export const CONSENT_REQUEST_MEMORY = 20;

export const consentId = (openid: string, template: SubscribeTemplateKey) => `${openid}:${template}`;

export const isSubscribeTemplateKey = (key: string): key is SubscribeTemplateKey => (SUBSCRIBE_TEMPLATE_KEYS as readonly string[]).includes(key);

/**
 * The answers of `requestSubscribeMessage` by our template key. The client may send them keyed by our key
 * (`receipt`) or by the WeChat template id it asked for (what `requestSubscribeMessage` answers, minus errMsg).
 */
export function consentAnswers(
  results: Record<string, ConsentResult>,
  templateIds: Partial<Record<SubscribeTemplateKey, string>>,
): { answers: Partial<Record<SubscribeTemplateKey, ConsentResult>>; unknown: string[] } {
  const byId = new Map(Object.entries(templateIds).map(([key, id]) => [id, key as SubscribeTemplateKey]));
  const answers: Partial<Record<SubscribeTemplateKey, ConsentResult>> = {};
  const unknown: string[] = [];
  for (const [key, result] of Object.entries(results)) {
    const template = isSubscribeTemplateKey(key) ? key : byId.get(key);
    if (template) answers[template] = result;
    else unknown.push(key);
  }
  return { answers, unknown };
}
