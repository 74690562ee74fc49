/**
 * Out-of-fold predictions over every label (crossValidate's folds), written as JSON lines for label review:
 *   npx tsx scripts/classifier/experiments/all-oof.ts out.jsonl ['{"option":value}']
 */
import fs from 'node:fs';
import { LocalClassifier } from '../../../shared/classifier/classify';
import { LinearModel } from '../../../shared/classifier/model';
import { labelsDevIds, trainingLabels } from '../data';
import { DEFAULT_TRAIN, foldsOf, trainModel } from '../train-lib';

const all = trainingLabels();
const devIds = labelsDevIds();
const opts = { ...DEFAULT_TRAIN, ...(process.argv[3] ? JSON.parse(process.argv[3]) : {}) };
const k = 5;
const fold = foldsOf(all.length, k, opts.seed ^ 0xcafe);
const out: string[] = new Array(all.length);
for (let f = 0; f < k; f++) {
  const c = new LocalClassifier(new LinearModel(trainModel(all.filter((_, i) => fold[i] !== f), opts)));
  all.forEach((l, i) => {
    if (fold[i] === f) out[i] = JSON.stringify({ ...l, dev: devIds.has(l.id), pred: c.classify({ text: l.text }) });
  });
}
fs.writeFileSync(process.argv[2], out.join('\n') + '\n');
