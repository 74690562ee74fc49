/**
 * Experiment: can the food-safety decision gain precision by also reading the issue head? A logistic stacker over
 * out-of-fold answers (food-safety logit, health-risk lexicon hit, the top candidates' mass on the health-risk issues,
 * spoiled / foreign_object / taste / odor / undercooked), scored on the half of the rows it did not learn from, against
 * the shipped rule (bars on the score, lower with a lexicon hit):
 *   npx tsx scripts/classifier/experiments/fs-stack.ts
 * Measured at stop 18 (5 folds over the 12,516 complaint labels, praised ones in training; R / P):
 * - shipped rule: all 0.963 / 0.802, labels-dev texts 0.967 / 0.806
 * - stacker at the same recall: all 0.964 / 0.799; at 0.96: 0.960 / 0.811; at 0.97: 0.970 / 0.753
 * No gain: what limits precision is the score's ranking of the texts, not how the signals are combined.
 */
import { FOOD_SAFETY_ISSUES, LocalClassifier } from '../../../shared/classifier/classify';
import { FOOD_SAFETY_LEXICON } from '../../../shared/classifier/lexicon';
import { LinearModel } from '../../../shared/classifier/model';
import { normalizeText } from '../../../shared/classifier/normalize';
import { labelsDevIds, readTrainingLabels } from '../data';
import { DEFAULT_TRAIN, fitLogistic, foldsOf, split, trainModel } from '../train-lib';

const { complaints, praised } = readTrainingLabels();
const dev = labelsDevIds();
const k = 5;
const fold = foldsOf(complaints.length, k, DEFAULT_TRAIN.seed ^ 0xcafe);
const rows: Array<{ x: number[]; y: number; flag: boolean; dev: boolean }> = [];
for (let f = 0; f < k; f++) {
  const { inside, outside } = split(complaints, fold, f);
  const c = new LocalClassifier(new LinearModel(trainModel([...outside, ...praised])));
  for (const l of inside) {
    const p = c.classify({ text: l.text });
    const s = Math.min(Math.max(p.foodSafetyScore, 1e-4), 1 - 1e-4);
    const cand = new Map<string, number>(p.candidates.map((q) => [q.issue, q.p]));
    const fsMass = FOOD_SAFETY_ISSUES.reduce((a, i) => a + (cand.get(i) ?? 0), 0);
    const lex = FOOD_SAFETY_LEXICON.test(normalizeText(l.text)) ? 1 : 0;
    const x = [1, Math.log(s / (1 - s)), lex, fsMass, cand.get('quality.spoiled') ?? 0, cand.get('quality.foreign_object') ?? 0, cand.get('quality.taste') ?? 0, cand.get('quality.odor') ?? 0, cand.get('quality.undercooked') ?? 0];
    rows.push({ x, y: l.food_safety ? 1 : 0, flag: p.foodSafety, dev: dev.has(l.id) });
  }
}
const fit = (rs: typeof rows) => fitLogistic(rs, { epochs: 2000, rate: 1, l2: 0 });
// Two halves: the stacker scores the half it did not learn from.
const half = rows.map((_, i) => i % 2);
const score = new Array<number>(rows.length);
for (const h of [0, 1]) {
  const w = fit(rows.filter((_, i) => half[i] !== h));
  rows.forEach((r, i) => half[i] === h && (score[i] = r.x.reduce((a, v, j) => a + v * w[j], 0)));
}
const pr = (sel: (i: number) => boolean, flag: (i: number) => boolean) => {
  let tp = 0, fp = 0, fn = 0;
  rows.forEach((r, i) => { if (!sel(i)) return; const f = flag(i); if (f && r.y) tp++; else if (f) fp++; else if (r.y) fn++; });
  return `R ${(tp / (tp + fn)).toFixed(3)} P ${(tp / (tp + fp)).toFixed(3)}`;
};
const all = () => true;
const isDev = (i: number) => rows[i].dev;
console.log('current rule: all', pr(all, (i) => rows[i].flag), '| dev', pr(isDev, (i) => rows[i].flag));
// Stacker bar at the current rule's recall over all rows.
const pos = rows.map((r, i) => (r.y ? score[i] : Infinity)).filter(Number.isFinite).sort((a, b) => a - b);
const tpCur = rows.filter((r) => r.y && r.flag).length;
for (const recall of [tpCur / pos.length, 0.96, 0.97]) {
  const bar = pos[Math.floor((1 - recall) * pos.length)];
  console.log(`stacker at recall ${recall.toFixed(3)}: all`, pr(all, (i) => score[i] >= bar), '| dev', pr(isDev, (i) => score[i] >= bar));
}
console.log('weights (all rows)', Array.from(fit(rows), (v) => v.toFixed(2)).join(' '));
