import fs from 'node:fs';
import { classifierFromJson, type LocalClassifier } from '../../shared/classifier/classify';
import { MODEL_PATH } from './paths';

/** The committed model artifact, loaded as a function instance would: parse once, reuse. */
export function loadClassifier(file = MODEL_PATH): { classifier: LocalClassifier; bytes: number; loadMs: number } {
  const started = performance.now();
  const json = fs.readFileSync(file, 'utf8');
  const classifier = classifierFromJson(json);
  return { classifier, bytes: Buffer.byteLength(json), loadMs: performance.now() - started };
}
