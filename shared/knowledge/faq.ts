/** FAQ suggestions while the customer types (DOMAIN.md "Knowledge"): keyword hits first, then shared character pairs. */
export interface FaqEntry {
  _id: string;
  question: string;
  answer: string;
  keywords: string[];
  order: number;
  active: boolean;
}

export interface ScoredFaq {
  faq: FaqEntry;
  score: number;
}

const bigrams = (text: string): Set<string> => {
  const clean = text.replace(/[\s\p{P}\p{S}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) out.add(clean.slice(i, i + 2));
  return out;
};

/**
 * Score each active FAQ against the text: each keyword found counts 1 (longer keywords a little more), and the
 * share of the question's character pairs found in the text adds up to 1. Entries below `minScore` are dropped,
 * so a description that matches nothing suggests nothing rather than noise.
 */
export function suggestFaqs(text: string, faqs: readonly FaqEntry[], limit = 3, minScore = 1): ScoredFaq[] {
  const t = text.trim();
  if (t.length < 2) return [];
  const textPairs = bigrams(t);
  return faqs
    .filter((f) => f.active)
    .map((faq) => {
      const keywordScore = faq.keywords.reduce((s, k) => (t.includes(k) ? s + 1 + Math.min(k.length - 2, 2) * 0.25 : s), 0);
      const q = bigrams(faq.question);
      let shared = 0;
      for (const p of q) if (textPairs.has(p)) shared++;
      return { faq, score: Math.round((keywordScore + (q.size ? shared / q.size : 0)) * 100) / 100 };
    })
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.faq.order - b.faq.order)
    .slice(0, limit);
}
