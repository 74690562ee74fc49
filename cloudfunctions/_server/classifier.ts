import fs from 'node:fs';
import path from 'node:path';
import { classifierFromJson, type LocalClassifier } from '@shared/classifier/classify';

/** The model file the functions build copies beside the complaint bundle (scripts/build-functions.ts). */
const MODEL_FILE = 'complaint-classifier.json';

let loaded: LocalClassifier | undefined;

/**
 * The complaint classifier, loaded on first use and kept for the life of the instance: the ~0.5 MB model
 * costs ~10 ms to parse, paid once by the first complaint rather than by every cold start.
 */
export function complaintClassifier(): LocalClassifier {
  loaded ??= classifierFromJson(fs.readFileSync(path.join(__dirname, MODEL_FILE), 'utf8'));
  return loaded;
}
