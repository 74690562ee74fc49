import { CONSENT_REQUEST_MEMORY, consentId, type ConsentDoc, type ConsentResult } from '@shared/notify/consent';
import type { SubscribeTemplateKey } from '@shared/notify/templates';
import { _ } from '../cloud';
import { collection, isDuplicateKeyError, rows, updatedCount } from '../db';

/**
 * The one-time consent ledger (`consents`): a count per person and template. Adding is idempotent per request
 * (the request id is remembered on the document and the increment is conditional on its absence); spending is
 * a conditional decrement, so two drains can never spend one consent twice.
 */
async function addOne(openid: string, template: SubscribeTemplateKey, requestId: string, now: Date): Promise<void> {
  const id = consentId(openid, template);
  const increment = () =>
    updatedCount(
      collection('consents')
        .where({ _id: id, requestIds: _.neq(requestId) })
        .update({ data: { count: _.inc(1), lastResult: 'accept', updatedAt: now, requestIds: _.push({ each: [requestId], slice: -CONSENT_REQUEST_MEMORY }) } }),
    );
  if ((await increment()) > 0) return;
  const doc: ConsentDoc = { _id: id, openid, template, count: 1, lastResult: 'accept', updatedAt: now, requestIds: [requestId] };
  try {
    await collection('consents').add({ data: doc });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // Created meanwhile by another request: count this one on it (a no-op when it was this request's retry).
    await increment();
  }
}

/** Record a `requestSubscribeMessage` answer: each accept adds one consent; other answers are only noted. */
export async function recordConsents(openid: string, answers: Partial<Record<SubscribeTemplateKey, ConsentResult>>, requestId: string, now: Date): Promise<void> {
  await Promise.all(
    Object.entries(answers).map(([template, result]) =>
      result === 'accept'
        ? addOne(openid, template as SubscribeTemplateKey, requestId, now)
        : collection('consents').where({ _id: consentId(openid, template as SubscribeTemplateKey) }).update({ data: { lastResult: result, updatedAt: now } }),
    ),
  );
}

/** Unspent consents per template for one person. */
export async function consentCounts(openid: string): Promise<Partial<Record<SubscribeTemplateKey, number>>> {
  const docs = await rows<ConsentDoc>(collection('consents').where({ openid }).field({ template: true, count: true }).limit(20));
  return Object.fromEntries(docs.map((d) => [d.template, d.count]));
}

/** Spend one consent if there is one: true when this call took it. */
export async function spendConsent(openid: string, template: SubscribeTemplateKey, now: Date): Promise<boolean> {
  const n = await updatedCount(collection('consents').where({ _id: consentId(openid, template), count: _.gt(0) }).update({ data: { count: _.inc(-1), lastSpentAt: now } }));
  return n > 0;
}

/** Give back a consent spent for a message WeChat did not take for another reason than 43101. */
export async function refundConsent(openid: string, template: SubscribeTemplateKey): Promise<void> {
  await collection('consents').where({ _id: consentId(openid, template) }).update({ data: { count: _.inc(1) } });
}
