/**
 * Check a labels file against LABELING.md's format and the taxonomy:
 *   tsx scripts/classifier/check-labels.ts data/labels/labels-extra-1.jsonl [.cache/label-input/part-1.jsonl]
 * With the input file, also checks that every id is labelled once and texts were copied unchanged.
 * Exit code 1 and one line per problem when something is wrong.
 */
import fs from 'node:fs';
import { allIssueCodes } from '../../shared/complaint/taxonomy';

const [labelsFile, inputFile] = process.argv.slice(2);
const codes = new Set<string>(allIssueCodes());
const problems: string[] = [];
const seen = new Map<string, string>();
const lines = fs.readFileSync(labelsFile, 'utf8').split('\n').filter((l) => l.trim());
lines.forEach((line, n) => {
  let label: Record<string, unknown>;
  try {
    label = JSON.parse(line);
  } catch {
    problems.push(`line ${n + 1}: not JSON`);
    return;
  }
  const where = `line ${n + 1} (${String(label.id)})`;
  const keys = Object.keys(label).sort().join(',');
  if (keys !== 'angry,category,food_safety,id,secondary,subcategory,text') problems.push(`${where}: fields must be id,text,category,subcategory,secondary,food_safety,angry (got ${keys})`);
  if (!codes.has(`${label.category}.${label.subcategory}`)) problems.push(`${where}: unknown category.subcategory ${label.category}.${label.subcategory}`);
  if (!Array.isArray(label.secondary) || label.secondary.some((s) => !codes.has(String(s)))) problems.push(`${where}: secondary must be a list of category.subcategory codes`);
  else if (label.secondary.includes(`${label.category}.${label.subcategory}`)) problems.push(`${where}: secondary repeats the primary issue`);
  if (typeof label.food_safety !== 'boolean' || typeof label.angry !== 'boolean') problems.push(`${where}: food_safety and angry must be true or false`);
  if (label.food_safety === true && label.category !== 'quality') problems.push(`${where}: food_safety true needs a quality primary (LABELING.md rule 1)`);
  if (seen.has(String(label.id))) problems.push(`${where}: id labelled twice`);
  seen.set(String(label.id), String(label.text));
});
if (inputFile) {
  const input = fs.readFileSync(inputFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; text: string });
  for (const row of input) {
    if (!seen.has(row.id)) continue;
    if (seen.get(row.id) !== row.text) problems.push(`${row.id}: text differs from the input`);
  }
  const inputIds = new Set(input.map((r) => r.id));
  for (const id of seen.keys()) if (!inputIds.has(id)) problems.push(`${id}: not in the input file`);
  console.error(`${seen.size} of ${input.length} input texts labelled`);
}
for (const p of problems.slice(0, 50)) console.error(p);
if (problems.length > 50) console.error(`… and ${problems.length - 50} more`);
console.error(problems.length ? `${problems.length} problems` : `${lines.length} labels OK`);
process.exit(problems.length ? 1 : 0);
