/**
 * Model size, load time, training time and classification throughput of a model trained on all labels:
 *   npx tsx scripts/classifier/experiments/speed.ts ['{"option":value}'] [out.json]
 */
import fs from 'node:fs';
import { classifierFromJson } from '../../../shared/classifier/classify';
import { trainingLabels, type LabelledText } from '../data';
import { DEFAULT_TRAIN, trainModel } from '../train-lib';

const labels: LabelledText[] = process.env.LABELS_SNAPSHOT ? JSON.parse(fs.readFileSync(process.env.LABELS_SNAPSHOT, 'utf8')) : trainingLabels();
const opts = { ...DEFAULT_TRAIN, ...(process.argv[2] ? JSON.parse(process.argv[2]) : {}) };
let t = performance.now();
const file = trainModel(labels, opts);
const trainMs = performance.now() - t;
const json = `${JSON.stringify(file)}\n`;
if (process.argv[3]) fs.writeFileSync(process.argv[3], json);
t = performance.now();
const classifier = classifierFromJson(json);
const loadMs = performance.now() - t;
const texts = labels.map((l) => l.text);
for (let r = 0; r < 3; r++) for (const text of texts) classifier.classify({ text });
t = performance.now();
let n = 0;
for (let r = 0; r < 5; r++) for (const text of texts) (classifier.classify({ text }), n++);
const perSec = n / ((performance.now() - t) / 1000);
console.log(`train ${(trainMs / 1000).toFixed(1)} s, size ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB (${file.vocab.length} features), load ${loadMs.toFixed(1)} ms, ${Math.round(perSec)} texts/s`);
