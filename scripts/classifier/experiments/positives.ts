/**
 * Experiment: do labelled positively rated reviews (data/labels/labels-praised-*.jsonl) help the classifier on
 * complaints? Both CVs score only negative reviews; the positive ones only join the training sets.
 *   REPEATS=4 npx tsx scripts/classifier/experiments/positives.ts none all complaints
 * Variants: none, all (every positive label), complaints (only those naming a problem); `variant:{json}` overrides
 * TrainOptions, e.g. 'complaints:{"praisedTrainFlags":true}'.
 * Measured at stop 17 (labels-dev folds ×4 | all 12,516 complaint labels, 5 folds; cat / sub, food-safety R / P):
 * - none: 0.913 / 0.791, fs 0.971 / 0.777 | 0.896 / 0.778, fs 0.962 / 0.800
 * - all 9,000, every head (praisedTrainFlags): 0.901 / 0.784, fs 0.983 / 0.779 | 0.889 / 0.767, fs 0.966 / 0.767
 * - the 2,783 naming a problem, every head: 0.928 / 0.797, fs 0.975 / 0.755 | 0.898 / 0.773, fs 0.964 / 0.773
 * - the same at example weight 0.5 (option not kept): 0.926 / 0.797, fs 0.971 / 0.752 | 0.898 / 0.775, fs 0.966 / 0.784
 * - the 2,783, issue heads only (shipped): 0.926 / 0.799, fs 0.971 / 0.777 | 0.898 / 0.778, fs 0.963 / 0.802
 * - all 9,000, praise-only ones at weight 0.15 (option not kept): 0.910 / 0.787, fs 0.975 / 0.780 | 0.893 / 0.773
 */
import { praisedIds, readAllLabels, splitDev } from '../data';
import { crossValidate, crossValidateOnDev, type Metrics } from '../evaluate';
import { DEFAULT_TRAIN, rerankerFromOutOfFold, type TrainOptions } from '../train-lib';

const praised = praisedIds();
const labels = readAllLabels();
const positive = labels.filter((l) => praised.has(l.id));
const negative = labels.filter((l) => !praised.has(l.id));
const { dev, extra } = splitDev(negative);
const repeats = Number(process.env.REPEATS ?? 4);
const cell = (m: Metrics) => `${m.category_accuracy.toFixed(3)}/${m.subcategory_accuracy.toFixed(3)} fs ${m.food_safety_recall.toFixed(3)}/${m.food_safety_precision.toFixed(3)} angry ${m.angry_f1.toFixed(3)}` + (m.before_rerank ? ` (first ${m.before_rerank.category_accuracy.toFixed(3)}/${m.before_rerank.subcategory_accuracy.toFixed(3)})` : '');
const mean = (ms: Metrics[]): Metrics => {
  const avg = (f: (m: Metrics) => number) => ms.reduce((a, m) => a + f(m), 0) / ms.length;
  return {
    n: ms[0].n,
    category_accuracy: avg((m) => m.category_accuracy),
    subcategory_accuracy: avg((m) => m.subcategory_accuracy),
    food_safety_recall: avg((m) => m.food_safety_recall),
    food_safety_precision: avg((m) => m.food_safety_precision),
    angry_f1: avg((m) => m.angry_f1),
    before_rerank: ms[0].before_rerank && { category_accuracy: avg((m) => m.before_rerank!.category_accuracy), subcategory_accuracy: avg((m) => m.before_rerank!.subcategory_accuracy) },
  };
};
console.log(`negative ${negative.length} (dev ${dev.length}), positive ${positive.length} (${positive.filter((l) => l.subcategory !== 'unspecified').length} naming a problem)`);
for (const arg of process.argv.slice(2)) {
  const [variant, json] = arg.split(/:(.*)/s);
  const add = variant === 'none' ? [] : variant === 'complaints' ? positive.filter((l) => l.subcategory !== 'unspecified') : positive;
  const opts = { ...DEFAULT_TRAIN, ...(json ? JSON.parse(json) : {}) } as TrainOptions;
  const t0 = Date.now();
  const rerank = rerankerFromOutOfFold([...extra, ...add], opts);
  const onDev = mean(Array.from({ length: repeats }, (_, r) => crossValidateOnDev(dev, [...extra, ...add], 5, opts, r, rerank).model));
  const all = process.env.ALL === '0' ? undefined : crossValidate(negative, 5, opts, add).model;
  console.log(`${arg.padEnd(11)} dev×${repeats} ${cell(onDev)} | all ${all ? cell(all) : '-'}  [${Math.round((Date.now() - t0) / 1000)} s]`);
}
