/**
 * Cross-validation on labels-dev (crossValidateOnDev) with the spread over folds, for one or more variants:
 *   npx tsx scripts/classifier/experiments/dev-cv.ts '{"name":"x","epochs":30}' ...
 * REPEATS=n averages n different fold shuffles (each line shows mean ± standard deviation over all folds).
 * PRED=file.jsonl writes the first variant's out-of-fold predictions for labels-dev (for dev-misses style study).
 */
import fs from 'node:fs';
import { splitDev, trainingLabels, type LabelledText } from '../data';
import { crossValidateOnDev, type Metrics } from '../evaluate';
import { DEFAULT_TRAIN, optionalReranker, type TrainOptions } from '../train-lib';

const all: LabelledText[] = process.env.LABELS_SNAPSHOT ? JSON.parse(fs.readFileSync(process.env.LABELS_SNAPSHOT, 'utf8')) : trainingLabels();
const { dev, extra } = splitDev(all);
const repeats = Number(process.env.REPEATS ?? 1);
const keys = ['category_accuracy', 'subcategory_accuracy', 'food_safety_recall', 'food_safety_precision', 'angry_f1', 'food_safety_precision_at_97'] as const;
const short = ['cat', 'sub', 'fsR', 'fsP', 'angry', 'fsP@97'];

console.log(`labels: ${all.length} (dev ${dev.length}, extra ${extra.length}), ${repeats} fold shuffle(s)`);
const variants = process.argv.slice(2).length ? process.argv.slice(2) : ['{}'];
variants.forEach((arg, v) => {
  const { name, ...over } = JSON.parse(arg) as Partial<TrainOptions> & { name?: string };
  const opts = { ...DEFAULT_TRAIN, ...over } as TrainOptions;
  const pooled: Metrics[] = [];
  const folds: Metrics[] = [];
  // The reranker depends on the extra labels only: trained once for every fold shuffle.
  const rerank = optionalReranker(extra, opts);
  for (let r = 0; r < repeats; r++) {
    const cv = crossValidateOnDev(dev, extra, 5, opts, r, rerank);
    pooled.push(cv.model);
    folds.push(...cv.folds);
    if (v === 0 && r === 0 && process.env.PRED) {
      fs.writeFileSync(process.env.PRED, cv.predictions.map((p, i) => JSON.stringify({ ...dev[i], pred: p })).join('\n') + '\n');
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
  const cells = keys.map((k, i) => {
    const m = mean(pooled.map((p) => p[k] ?? 0));
    const s = sd(folds.map((p) => p[k] ?? 0));
    return `${short[i]} ${m.toFixed(3)}±${s.toFixed(3)}`;
  });
  const before = pooled[0].before_rerank;
  const first = before ? `  (first stage: cat ${mean(pooled.map((p) => p.before_rerank!.category_accuracy)).toFixed(3)} sub ${mean(pooled.map((p) => p.before_rerank!.subcategory_accuracy)).toFixed(3)})` : '';
  const triage = pooled[0].triage ? `  (triage ${mean(pooled.map((p) => p.triage!.share)).toFixed(3)}, the rest: cat ${mean(pooled.map((p) => p.triage!.confident.category_accuracy)).toFixed(3)} sub ${mean(pooled.map((p) => p.triage!.confident.subcategory_accuracy)).toFixed(3)})` : '';
  console.log(`${(name ?? arg).padEnd(28)} ${cells.join('  ')}${first}${triage}`);
});
