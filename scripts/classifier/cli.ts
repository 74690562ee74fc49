/**
 * `npm run --silent classify`: JSON lines `{"id","text"}` (optionally `"categoryHint"`) on stdin, one JSON line
 * per input on stdout: `{"id","category","subcategory","foodSafety","angry","confidence","level","department"}`.
 * A line that cannot be read answers `{"id","error"}` so that output lines stay one-to-one with input lines.
 * Nothing else is written to stdout.
 */
import readline from 'node:readline';
import { describeClassification } from '../../shared/classifier/describe';
import { CATEGORIES, type Category } from '../../shared/complaint/model';
import { DEFAULT_TAXONOMY } from '../../shared/complaint/taxonomy';
import { loadClassifier } from './load';

const { classifier } = loadClassifier();
const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
  out.length = 0;
};

function answer(line: string): string {
  let input: { id?: unknown; text?: unknown; categoryHint?: unknown };
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, error: 'not a JSON object' });
  }
  const id = input?.id ?? null;
  if (typeof input?.text !== 'string' || !input.text.trim()) return JSON.stringify({ id, error: 'text is required' });
  const hint = CATEGORIES.includes(input.categoryHint as Category) ? (input.categoryHint as Category) : undefined;
  const c = classifier.classify({ text: input.text, categoryHint: hint });
  // Level and department as the functions derive them (shared/classifier/describe.ts).
  const { level, department } = describeClassification(c, DEFAULT_TAXONOMY);
  return JSON.stringify({
    id,
    category: c.category,
    subcategory: c.subcategory,
    foodSafety: c.foodSafety,
    angry: c.angry,
    confidence: c.confidence,
    level,
    department,
  });
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line.trim()) return;
  out.push(answer(line));
  if (out.length >= 512) flush();
});
rl.on('close', flush);
