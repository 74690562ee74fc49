import fs from 'node:fs';
import { LocalClassifier } from '../../shared/classifier/classify';
import { LinearModel, type ModelFile } from '../../shared/classifier/model';
import { MODEL_PATH } from './paths';

/** The committed model artifact, loaded as a function instance would: parse once, reuse. */
export function loadClassifier(file = MODEL_PATH): { classifier: LocalClassifier; bytes: number; loadMs: number } {
  const started = performance.now();
  const json = fs.readFileSync(file, 'utf8');
  const classifier = new LocalClassifier(new LinearModel(JSON.parse(json) as ModelFile));
  return { classifier, bytes: Buffer.byteLength(json), loadMs: performance.now() - started };
}
