/**
 * Food-safety ranking study: out-of-fold scores over all labels, the lowest-scored positives and the
 * highest-scored negatives (what limits precision at high recall):
 *   LABELS_SNAPSHOT=... npx tsx scripts/classifier/experiments/fs-study.ts '{"minDocFreq":1}'
 */
import fs from 'node:fs';
import { LocalClassifier } from '../../../shared/classifier/classify';
import { FOOD_SAFETY_LEXICON } from '../../../shared/classifier/lexicon';
import { LinearModel } from '../../../shared/classifier/model';
import { normalizeText } from '../../../shared/classifier/normalize';
import { labelsDevIds, trainingLabels, type LabelledText } from '../data';
import { DEFAULT_TRAIN, foldsOf, trainModel } from '../train-lib';

const all: LabelledText[] = process.env.LABELS_SNAPSHOT ? JSON.parse(fs.readFileSync(process.env.LABELS_SNAPSHOT, 'utf8')) : trainingLabels();
const devIds = labelsDevIds();
const opts = { ...DEFAULT_TRAIN, ...(process.argv[2] ? JSON.parse(process.argv[2]) : {}) };
const k = 5;
const fold = foldsOf(all.length, k, opts.seed ^ 0xcafe);
const scores = new Array<number>(all.length);
for (let f = 0; f < k; f++) {
  const c = new LocalClassifier(new LinearModel(trainModel(all.filter((_, i) => fold[i] !== f), opts)));
  all.forEach((l, i) => fold[i] === f && (scores[i] = c.classify({ text: l.text }).foodSafetyScore));
}
const rows = all.map((l, i) => ({ l, s: scores[i], lex: FOOD_SAFETY_LEXICON.test(normalizeText(l.text)), dev: devIds.has(l.id) }));
const line = (r: (typeof rows)[number]) => `${r.s.toFixed(3)} ${r.lex ? 'L' : '-'} ${r.dev ? 'D' : '-'} ${r.l.category}.${r.l.subcategory} | ${r.l.text.slice(0, 80)}`;
console.log('--- positives, lowest scores');
rows.filter((r) => r.l.food_safety).sort((a, b) => a.s - b.s).slice(0, 40).forEach((r) => console.log(line(r)));
console.log('--- negatives, highest scores');
rows.filter((r) => !r.l.food_safety).sort((a, b) => b.s - a.s).slice(0, 60).forEach((r) => console.log(line(r)));
