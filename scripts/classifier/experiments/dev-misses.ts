/**
 * The labels-dev texts that crossValidateOnDev's folds get wrong, with a category confusion table:
 *   LABELS_SNAPSHOT=... npx tsx scripts/classifier/experiments/dev-misses.ts > /tmp/misses.txt
 */
import fs from 'node:fs';
import { LocalClassifier } from '../../../shared/classifier/classify';
import { LinearModel } from '../../../shared/classifier/model';
import { splitDev, trainingLabels, type LabelledText } from '../data';
import { DEFAULT_TRAIN, foldsOf, trainModel } from '../train-lib';

const all: LabelledText[] = process.env.LABELS_SNAPSHOT ? JSON.parse(fs.readFileSync(process.env.LABELS_SNAPSHOT, 'utf8')) : trainingLabels();
const { dev, extra } = splitDev(all);
const opts = { ...DEFAULT_TRAIN, ...(process.argv[2] ? JSON.parse(process.argv[2]) : {}) };
const k = 5;
const fold = foldsOf(dev.length, k, opts.seed ^ 0xd5);
const confusion = new Map<string, number>();
for (let f = 0; f < k; f++) {
  const c = new LocalClassifier(new LinearModel(trainModel([...extra, ...dev.filter((_, i) => fold[i] !== f)], opts)));
  dev.forEach((l, i) => {
    if (fold[i] !== f) return;
    const p = c.classify({ text: l.text });
    const want = `${l.category}.${l.subcategory}`;
    const got = `${p.category}.${p.subcategory}`;
    const key = `${l.category} -> ${p.category}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (want !== got || p.foodSafety !== l.food_safety)
      console.log(`${want.padEnd(24)} ${got.padEnd(24)} fs ${l.food_safety ? 1 : 0}/${p.foodSafety ? 1 : 0} ${p.foodSafetyScore.toFixed(2)} | ${l.text.slice(0, 90)}`);
  });
}
for (const [key, n] of [...confusion.entries()].sort()) console.log(key, n);
