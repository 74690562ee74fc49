/**
 * Compare training variants on the same labels with both cross-validations:
 *   npx tsx scripts/classifier/experiments/compare.ts '{"epochs":25}' '{"epochs":40}' ...
 * Each argument is a JSON object merged over DEFAULT_TRAIN (named "name" optionally). LABELS_SNAPSHOT=file.json
 * freezes the label set (labellers keep adding files), so that variants are compared on identical data.
 */
import fs from 'node:fs';
import { splitDev, trainingLabels, type LabelledText } from '../data';
import { crossValidate, crossValidateOnDev, type Metrics } from '../evaluate';
import { DEFAULT_TRAIN, type TrainOptions } from '../train-lib';

const all: LabelledText[] = process.env.LABELS_SNAPSHOT ? JSON.parse(fs.readFileSync(process.env.LABELS_SNAPSHOT, 'utf8')) : trainingLabels();
const { dev, extra } = splitDev(all);
const skipPlain = process.env.DEV_ONLY === '1';

const fmt = (m: Metrics) => `cat ${m.category_accuracy.toFixed(3)} sub ${m.subcategory_accuracy.toFixed(3)} fs ${m.food_safety_recall.toFixed(3)}/${m.food_safety_precision.toFixed(3)} angry ${m.angry_f1.toFixed(3)} fsP@97 ${m.food_safety_precision_at_97?.toFixed(3)}`;
console.log(`labels: ${all.length} (dev ${dev.length}, extra ${extra.length})`);
const variants = process.argv.slice(2).length ? process.argv.slice(2) : ['{}'];
for (const arg of variants) {
  const { name, ...over } = JSON.parse(arg) as Partial<TrainOptions> & { name?: string };
  const opts = { ...DEFAULT_TRAIN, ...over } as TrainOptions;
  const t0 = Date.now();
  const onDev = crossValidateOnDev(dev, extra, 5, opts).model;
  const t1 = Date.now();
  const plain = skipPlain ? undefined : crossValidate(all, 5, opts).model;
  console.log(`${(name ?? arg).padEnd(40)} DEV ${fmt(onDev)} | ALL ${plain ? fmt(plain) : '-'} | ${((t1 - t0) / 5000).toFixed(1)} s/train`);
}
