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

export function readCorpus(): CorpusRow[] {
  return readCsv('corpus.csv').map((r) => ({ id: r.id, sentiment: r.sentiment === '1' ? 1 : 0, text: r.text }));
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
