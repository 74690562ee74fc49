import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';

/** The complaint texts and labels shipped beside the project (../shared/data/complaints). */
export const DATA_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'complaints');
/** Labels added by this project, same format and guide (data/labels/). */
export const EXTRA_LABELS_DIR = path.resolve(__dirname, '..', '..', 'data', 'labels');

export interface LabelledText {
  id: string;
  text: string;
  category: string;
  subcategory: string;
  secondary: string[];
  food_safety: boolean;
  angry: boolean;
}

export interface CorpusRow {
  id: string;
  sentiment: 0 | 1;
  text: string;
}

function readCsv(file: string): Array<Record<string, string>> {
  return parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

let corpusCache: readonly CorpusRow[] | undefined;
/** corpus.csv, parsed once per process (training finds the praised reviews in it, the bench its unseen sample). */
export function readCorpus(): readonly CorpusRow[] {
  corpusCache ??= readCsv('corpus.csv').map((r) => ({ id: r.id, sentiment: r.sentiment === '1' ? 1 : 0, text: r.text }));
  return corpusCache;
}

let praisedCache: Set<string> | undefined;
/** Ids of the corpus reviews the customer rated positively (labelled too; the held-out set has only negative ones). */
export function praisedIds(): Set<string> {
  praisedCache ??= new Set(readCorpus().flatMap((r) => (r.sentiment === 1 ? [r.id] : [])));
  return praisedCache;
}

/**
 * What the model learns from: `complaints`, the labels of negatively rated reviews (the held-out set is made of
 * such), and `praised`, the positively rated reviews that name a problem (就是个头小了点, 稍微有些咸) — they teach the
 * model a mild problem inside praise. The praise-only ones (other.unspecified, 69 % of them) are left out: with them
 * the model files too many complaints as unspecified (labels-dev folds 0.913 → 0.901 category).
 */
export function readTrainingLabels(): { complaints: LabelledText[]; praised: LabelledText[] } {
  const praisedReview = praisedIds();
  const complaints: LabelledText[] = [];
  const praised: LabelledText[] = [];
  for (const l of readAllLabels()) {
    if (!praisedReview.has(l.id)) complaints.push(l);
    else if (l.subcategory !== 'unspecified') praised.push(l);
  }
  return { complaints, praised };
}

/** Only the ids: the held-out texts are for evaluation, never for training or tuning. */
export function readHoldoutIds(): string[] {
  return readCsv('holdout-texts.csv').map((r) => r.id);
}

export function readLabels(file: string): LabelledText[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledText);
}

let devIdCache: Set<string> | undefined;
/** Ids of labels-dev.jsonl, the reference labeller's texts (the held-out set is labelled like them). */
export function labelsDevIds(): Set<string> {
  devIdCache ??= new Set(readLabels(path.join(DATA_DIR, 'labels-dev.jsonl')).map((l) => l.id));
  return devIdCache;
}

/** Labels split as the labels-dev CV splits them: the labels-dev texts, and every other (extra) label. */
export function splitDev(labels: LabelledText[]): { dev: LabelledText[]; extra: LabelledText[] } {
  const ids = labelsDevIds();
  return { dev: labels.filter((l) => ids.has(l.id)), extra: labels.filter((l) => !ids.has(l.id)) };
}

/** readTrainingLabels as one list, as `npm run train:classifier` trains on it: the complaints, then the praised. */
export function trainingLabels(): LabelledText[] {
  const { complaints, praised } = readTrainingLabels();
  return [...complaints, ...praised];
}

/** labels-dev plus every data/labels/*.jsonl, de-duplicated by id (the first label of an id wins). */
export function readAllLabels(): LabelledText[] {
  const files = [path.join(DATA_DIR, 'labels-dev.jsonl')];
  if (fs.existsSync(EXTRA_LABELS_DIR)) {
    files.push(...fs.readdirSync(EXTRA_LABELS_DIR).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(EXTRA_LABELS_DIR, f)));
  }
  const seen = new Set<string>();
  const holdout = new Set(readHoldoutIds());
  const out: LabelledText[] = [];
  for (const label of files.flatMap(readLabels)) {
    if (seen.has(label.id) || holdout.has(label.id)) continue;
    seen.add(label.id);
    out.push(label);
  }
  return out;
}
