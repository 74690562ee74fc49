import { ANGER_LEXICON, FOOD_SAFETY_LEXICON, ISSUE_LEXICON } from './lexicon';
import { exclamations, normalizeText } from './normalize';

/** Lexicon features, built once: [feature name, pattern]. */
const LEXICON_FEATURES: Array<[string, RegExp]> = Object.entries(ISSUE_LEXICON).map(([issue, re]) => [`lex:${issue}`, re]);

/** Clause boundaries after normalization (NFKC folds full-width punctuation to ASCII; 。、 stay). */
const CLAUSE_BREAK = /[,.!?;~。、…]+/;

/** How texts become features; stored in the model file so that inference always matches training. */
export interface FeatureConfig {
  ngramMin: number;
  ngramMax: number;
  /** Optional: the first clause's n-grams again, prefixed `1:` (the problem named first is often the primary one). */
  firstClause?: boolean;
}

/** 1–2-grams: measured a little better than 1–3 and 1–4 in cross-validation, and a smaller model. */
export const DEFAULT_FEATURES: FeatureConfig = { ngramMin: 1, ngramMax: 2 };

/**
 * The features of one complaint: character n-grams (1–2 by default) with start/end markers, lexicon hits, the count
 * of exclamation marks, and the customer's category hint — a feature with a learned weight, never trusted
 * as the answer. Returned as distinct strings; the model maps the ones it knows to weights.
 */
export function extractFeatures(text: string, categoryHint?: string, config: FeatureConfig = DEFAULT_FEATURES): string[] {
  return featuresOfNormalized(normalizeText(text), categoryHint, config);
}

/** The same, for text already passed through normalizeText (the classifier normalizes once per complaint). */
export function featuresOfNormalized(norm: string, categoryHint?: string, config: FeatureConfig = DEFAULT_FEATURES): string[] {
  const out = new Set<string>();
  const chars = Array.from(`^${norm}$`);
  for (let n = config.ngramMin; n <= config.ngramMax; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      let gram = chars[i];
      for (let j = 1; j < n; j++) gram += chars[i + j];
      if (gram !== '^' && gram !== '$') out.add(gram);
    }
  }
  if (config.firstClause) {
    const clause = Array.from(norm.split(CLAUSE_BREAK, 1)[0]);
    for (let n = config.ngramMin; n <= config.ngramMax; n++) {
      for (let i = 0; i + n <= clause.length; i++) {
        let gram = `1:${clause[i]}`;
        for (let j = 1; j < n; j++) gram += clause[i + j];
        out.add(gram);
      }
    }
  }
  for (const [feature, re] of LEXICON_FEATURES) if (re.test(norm)) out.add(feature);
  if (FOOD_SAFETY_LEXICON.test(norm)) out.add('lex:food_safety');
  if (ANGER_LEXICON.test(norm)) out.add('lex:anger');
  const bangs = exclamations(norm);
  if (bangs >= 3) out.add('bang:3+');
  else if (bangs > 0) out.add('bang:1');
  const length = chars.length - 2;
  out.add(length <= 6 ? 'len:short' : length <= 30 ? 'len:mid' : 'len:long');
  if (categoryHint) out.add(`hint:${categoryHint}`);
  return [...out];
}
