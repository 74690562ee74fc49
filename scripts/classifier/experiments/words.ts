/**
 * Experiment: do jieba word features (`w:` unigrams, optionally `w2:` bigrams) help the linear issue head beside the
 * character n-grams? Issue head alone: no category head, food-safety rule or reranker.
 *   MODE=all|dev WORDS=none|uni|bi VOCAB=36000 REPEATS=4 npx tsx scripts/classifier/experiments/words.ts
 * Measured at stop 17 with the 12,516 complaint labels (cat / sub): labels-dev folds ×4, n-grams alone 0.903 / 0.784,
 * with word unigrams 0.899 / 0.779 (vocabulary 60,000: 0.893 / 0.775); all labels, 5 folds: n-grams alone
 * 0.892 / 0.773, with unigrams (vocabulary 60,000) 0.891 / 0.770. The 1–3-grams already hold the words: not shipped
 * (jieba would also cost ~300 ms of load per instance).
 */
import path from 'node:path';
import { allIssueCodes } from '../../../shared/complaint/taxonomy';
import { extractFeatures } from '../../../shared/classifier/features';
import { normalizeText } from '../../../shared/classifier/normalize';
import { softmax } from '../../../shared/classifier/math';
import { DOMAIN_WORDS } from '../../../shared/text/terms';
import { DATA_DIR, trainingLabels, readLabels, type LabelledText } from '../data';
import { DEFAULT_TRAIN, buildVocab, foldsOf, split, trainLinear } from '../train-lib';
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
const all = trainingLabels();
const devIds = new Set(readLabels(path.join(DATA_DIR, 'labels-dev.jsonl')).map((l) => l.id));
const dev = all.filter((l) => devIds.has(l.id));
const extra = all.filter((l) => !devIds.has(l.id));
const issues = allIssueCodes();
const issueOf = (l: LabelledText) => issues.indexOf(`${l.category}.${l.subcategory}` as (typeof issues)[number]);
const opts = { ...DEFAULT_TRAIN, maxVocab: Number(process.env.VOCAB ?? DEFAULT_TRAIN.maxVocab) };
const k = 5;
const repeats = Number(process.env.REPEATS ?? 1);
const cache = new Map<string, string[]>();
const F = (l: LabelledText) => cache.get(l.id) ?? (cache.set(l.id, feats(l.text)), cache.get(l.id)!);
let cat = 0, sub = 0, total = 0;
for (let r = 0; r < repeats; r++) {
  const pool = mode === 'dev' ? dev : all;
  const fold = foldsOf(pool.length, k, (opts.seed ^ 0xd5) + r);
  for (let f = 0; f < k; f++) {
    const { inside: test, outside } = split(pool, fold, f);
    const train = mode === 'dev' ? [...extra, ...outside] : outside;
    const docs = train.map(F);
    const vocab = buildVocab(docs, opts);
    const index = new Map(vocab.map((s, i) => [s, i]));
    const toX = (doc: string[]) => Int32Array.from(doc.flatMap((s) => (index.has(s) ? [index.get(s)!] : [])));
    const X = docs.map(toX);
    const targets = train.map((l) => { const t = new Float64Array(issues.length); t[issueOf(l)] = 1; return t; });
    const linear = trainLinear(X, targets, new Float64Array(train.length).fill(1), vocab.length, issues.length, opts, opts.seed, 0.5);
    for (const l of test) {
      const x = toX(F(l));
      const v = x.length ? 1 / Math.sqrt(x.length) : 0;
      const z = Float64Array.from(linear.bias);
      for (const feat of x) for (let c = 0; c < issues.length; c++) z[c] += linear.weights[feat * issues.length + c] * v;
      softmax(z, z);
      let best = 0;
      for (let c = 1; c < issues.length; c++) if (z[c] > z[best]) best = c;
      if (best === issueOf(l)) sub++;
      if (issues[best].split('.')[0] === l.category) cat++;
      total++;
    }
  }
}
console.log(JSON.stringify({ mode, words, hmm, vocab: opts.maxVocab, repeats, cat: +(cat / total).toFixed(4), sub: +(sub / total).toFixed(4) }));
