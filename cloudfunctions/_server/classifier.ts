import fs from 'node:fs';
import path from 'node:path';
import { LocalClassifier } from '@shared/classifier/classify';
import { LinearModel, type ModelFile } from '@shared/classifier/model';

/** The model file the functions build copies beside the complaint bundle (scripts/build-functions.ts). */
const MODEL_FILE = 'complaint-classifier.json';

let loaded: LocalClassifier | undefined;

/**
 * The complaint classifier, loaded on first use and kept for the life of the instance: the ~0.5 MB model
 * costs ~10 ms to parse, paid once by the first complaint rather than by every cold start.
 */
export function complaintClassifier(): LocalClassifier {
  loaded ??= new LocalClassifier(new LinearModel(JSON.parse(fs.readFileSync(path.join(__dirname, MODEL_FILE), 'utf8')) as ModelFile));
  return loaded;
}
