import type { FaqSuggestion } from '@shared/api/functions/complaint';
import { suggestFaqs, type FaqEntry } from '@shared/knowledge/faq';
import { collection, rows } from '../../_server/db';

/** FAQ entries are few and change rarely: an instance keeps them for five minutes. */
const TTL_MS = 5 * 60_000;
let cached: { at: number; faqs: FaqEntry[] } | undefined;

async function faqs(): Promise<FaqEntry[]> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.faqs;
  cached = { at: Date.now(), faqs: await rows<FaqEntry>(collection('faqs').where({ active: true }).limit(100)) };
  return cached.faqs;
}

export async function suggestFaq(input: { text: string; limit?: number }): Promise<{ items: FaqSuggestion[] }> {
  const scored = suggestFaqs(input.text, await faqs(), input.limit ?? 3);
  return { items: scored.map(({ faq, score }) => ({ faqId: faq._id, question: faq.question, answer: faq.answer, score })) };
}
