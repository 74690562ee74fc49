/**
 * Experiment: do jieba word features (`w:` unigrams, optionally `w2:` bigrams) help the linear issue head beside the
 * character n-grams? Issue head alone: no category head, food-safety rule or reranker.
 *   MODE=all|dev WORDS=none|uni|bi VOCAB=36000 REPEATS=4 npx tsx scripts/classifier/experiments/words.ts
 * Measured at stop 17 with the 12,516 complaint labels (cat / sub): labels-dev folds ×4, n-grams alone 0.903 / 0.784,
 * with word unigrams 0.899 / 0.779 (vocabulary 60,000: 0.893 / 0.775); all labels, 5 folds: n-grams alone
 * 0.892 / 0.773, with unigrams (vocabulary 60,000) 0.891 / 0.770. The 1–3-grams already hold the words: not shipped
 * (jieba would also cost ~300 ms of load per instance).
 */
import { allIssueCodes } from '../../../shared/complaint/taxonomy';
import { extractFeatures } from '../../../shared/classifier/features';
import { normalizeText } from '../../../shared/classifier/normalize';
import { DOMAIN_WORDS } from '../../../shared/text/terms';
import type { LabelledText } from '../data';
import { DEFAULT_TRAIN, issueIndex } from '../train-lib';
import { experimentFolds, linearIssueHead } from './folds';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jieba = require('jieba-wasm') as typeof import('jieba-wasm');
for (const w of DOMAIN_WORDS) jieba.add_word(w, 2000);

const mode = process.env.MODE ?? 'dev';
const words = process.env.WORDS ?? 'uni';
const hmm = process.env.HMM !== '0';
function feats(text: string): string[] {
  const base = extractFeatures(text);
  if (words === 'none') return base;
  const w = jieba.cut(normalizeText(text), hmm).filter((s) => /[\p{Script=Han}a-z0-9]/u.test(s));
  const out = new Set(base);
  for (const s of w) if (Array.from(s).length > (process.env.MINLEN ? Number(process.env.MINLEN) : 1)) out.add(`w:${s}`);
  if (words === 'bi') for (let i = 0; i + 1 < w.length; i++) out.add(`w2:${w[i]}|${w[i + 1]}`);
  return [...out];
}
const issues = allIssueCodes();
const opts = { ...DEFAULT_TRAIN, maxVocab: Number(process.env.VOCAB ?? DEFAULT_TRAIN.maxVocab) };
const cache = new Map<string, string[]>();
const F = (l: LabelledText) => cache.get(l.id) ?? (cache.set(l.id, feats(l.text)), cache.get(l.id)!);
let cat = 0, sub = 0, total = 0;
const repeats = Number(process.env.REPEATS ?? 1);
for (const { train, test } of experimentFolds(mode, repeats, opts.seed)) {
  const head = linearIssueHead(train.map(F), train.map(issueIndex), opts);
  for (const l of test) {
    const z = head.probabilities(head.toX(F(l)));
    let best = 0;
    for (let c = 1; c < issues.length; c++) if (z[c] > z[best]) best = c;
    if (best === issueIndex(l)) sub++;
    if (issues[best].split('.')[0] === l.category) cat++;
    total++;
  }
}
console.log(JSON.stringify({ mode, words, hmm, vocab: opts.maxVocab, repeats, cat: +(cat / total).toFixed(4), sub: +(sub / total).toFixed(4) }));
