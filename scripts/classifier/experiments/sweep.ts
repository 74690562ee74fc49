/**
 * Post-training settings swept on the same dev folds without retraining (each fold's model is trained once):
 *   npx tsx scripts/classifier/experiments/sweep.ts '{"trainOption":1}' '{"thresholds":{"triage":0.4}}' '{"categoryMix":0.3}' ...
 * The first argument is merged over DEFAULT_TRAIN; each further one is merged over the trained model file.
 */
import { LocalClassifier, type Classification } from '../../../shared/classifier/classify';
import { LinearModel, type ModelFile } from '../../../shared/classifier/model';
import { splitDev, trainingLabels } from '../data';
import { score, type Metrics } from '../evaluate';
import { DEFAULT_TRAIN, foldsOf, trainModel } from '../train-lib';

const all = trainingLabels();
const { dev, extra } = splitDev(all);
const opts = { ...DEFAULT_TRAIN, ...JSON.parse(process.argv[2] ?? '{}') };
const overrides = process.argv.slice(3).map((a) => JSON.parse(a) as Partial<ModelFile> & { thresholds?: Partial<ModelFile['thresholds']> });
if (!overrides.length) overrides.push({});
const k = 5;
const fold = foldsOf(dev.length, k, opts.seed ^ 0xd5);
const preds = overrides.map(() => new Array<Classification>(dev.length));
for (let f = 0; f < k; f++) {
  const file = trainModel([...extra, ...dev.filter((_, i) => fold[i] !== f)], opts);
  overrides.forEach((o, v) => {
    const c = new LocalClassifier(new LinearModel({ ...file, ...o, thresholds: { ...file.thresholds, ...(o.thresholds ?? {}) } }));
    dev.forEach((l, i) => fold[i] === f && (preds[v][i] = c.classify({ text: l.text })));
  });
}
const fmt = (m: Metrics) => `cat ${m.category_accuracy.toFixed(3)} sub ${m.subcategory_accuracy.toFixed(3)} fs ${m.food_safety_recall.toFixed(3)}/${m.food_safety_precision.toFixed(3)} angry ${m.angry_f1.toFixed(3)}`;
overrides.forEach((o, v) => console.log(`${JSON.stringify(o).padEnd(50)} ${fmt(score(dev, preds[v]))}`));
