/**
 * Keywords of recent complaints by TF-IDF (issue 8 "Insight"). Each complaint is a document of segmented terms
 * (`shared/text/terms.ts`); a term scores by how many recent complaints mention it (document frequency, so one
 * long rant does not dominate) times its inverse document frequency in a background set — the complaints of the
 * whole range and the period before it, which the dashboard reads anyway. Words every complaint carries (送货,
 * 配送 in a delivery-heavy month) sink; words of the week's new problem rise. Pure.
 */

export interface Keyword {
  word: string;
  /** Recent complaints mentioning the word. */
  count: number;
  /** TF-IDF weight, rounded; the cloud's order. */
  score: number;
}

/** Smoothed IDF (as scikit-learn's): never zero, never infinite, and a term unseen in the background counts as rare. */
export function idf(df: number, documents: number): number {
  return Math.log((documents + 1) / (df + 1)) + 1;
}

/** Document frequencies: in how many documents each term occurs. */
export function documentFrequencies(documents: Iterable<readonly string[]>): { df: Map<string, number>; documents: number } {
  const df = new Map<string, number>();
  let n = 0;
  for (const terms of documents) {
    n++;
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { df, documents: n };
}

/**
 * The top `limit` keywords of `recent` against `background` (which may include the recent documents). With enough
 * recent complaints, a word only one of them uses is noise and left out.
 */
export function tfidfKeywords(recent: Iterable<readonly string[]>, background: { df: Map<string, number>; documents: number }, limit = 30): Keyword[] {
  const fg = documentFrequencies(recent);
  const minCount = fg.documents >= 50 ? 2 : 1;
  const scored: Keyword[] = [];
  for (const [word, count] of fg.df) {
    if (count < minCount) continue;
    scored.push({ word, count, score: Math.round(count * idf(background.df.get(word) ?? 0, background.documents) * 100) / 100 });
  }
  return scored.sort((a, b) => b.score - a.score || b.count - a.count || a.word.localeCompare(b.word)).slice(0, limit);
}
