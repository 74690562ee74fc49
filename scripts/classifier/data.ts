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

/** RFC 4180 CSV, enough for these files: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readCorpus(): CorpusRow[] {
  const [, ...rows] = parseCsv(fs.readFileSync(path.join(DATA_DIR, 'corpus.csv'), 'utf8'));
  return rows.filter((r) => r.length >= 3).map(([id, sentiment, text]) => ({ id, sentiment: sentiment === '1' ? 1 : 0, text }));
}

/** Only the ids: the held-out texts are for evaluation, never for training or tuning. */
export function readHoldoutIds(): string[] {
  const [, ...rows] = parseCsv(fs.readFileSync(path.join(DATA_DIR, 'holdout-texts.csv'), 'utf8'));
  return rows.filter((r) => r.length >= 2).map(([id]) => id);
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
