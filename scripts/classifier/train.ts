/**
 * Build the classifier's model artifact from the labelled data:
 *   npm run train:classifier            writes models/complaint-classifier.json
 *   npm run train:classifier -- --check exits 1 when the committed artifact differs from a fresh build
 * Deterministic: the same data and code give the same file, byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { trainingLabels } from './data';
import { MODEL_PATH } from './paths';
import { trainProductModel } from './train-lib';

export function buildModelJson(): string {
  const labels = trainingLabels();
  const sources = [...new Set(labels.map((l) => l.id.split(':')[0]))].sort();
  return `${JSON.stringify(trainProductModel(labels, undefined, sources))}\n`;
}

if (require.main === module) {
  const started = Date.now();
  const json = buildModelJson();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(MODEL_PATH) ? fs.readFileSync(MODEL_PATH, 'utf8') : '';
    if (current !== json) {
      console.error('models/complaint-classifier.json is out of date: run npm run train:classifier');
      process.exit(1);
    }
    console.error('models/complaint-classifier.json is up to date');
  } else {
    fs.mkdirSync(path.dirname(MODEL_PATH), { recursive: true });
    fs.writeFileSync(MODEL_PATH, json);
    const model = JSON.parse(json) as { version: string; vocab: string[]; trainedOn: { labels: number } };
    console.error(
      `wrote ${path.relative(process.cwd(), MODEL_PATH)}: ${model.version}, ${model.trainedOn.labels} labels, ${model.vocab.length} features, ${(json.length / 1024).toFixed(0)} KB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
