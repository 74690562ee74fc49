/**
 * Draw a reproducible random sample of negative reviews from ../shared/data/complaints/corpus.csv for
 * labelling by LABELING.md: not already labelled (labels-dev.jsonl, data/labels/), never one of the held-out texts.
 * Usage: tsx scripts/classifier/sample-for-labelling.ts <count> <parts> <outDir> [seed] [firstPart]
 * (round 1: 3600 4 .cache/label-input 20261122 1; round 2: 3600 4 .cache/label-input 20261123 5)
 */
import fs from 'node:fs';
import { mulberry32 } from '../../shared/random/mulberry32';
import path from 'node:path';
import { readAllLabels, readCorpus, readHoldoutIds } from './data';
import { shuffled } from './train-lib';

const [count = '3600', parts = '4', outDir = '.cache/label-input', seed = '20261122', firstPart = '1'] = process.argv.slice(2);
const taken = new Set([...readAllLabels().map((l) => l.id), ...readHoldoutIds()]);
const pool = readCorpus().filter((r) => r.sentiment === 0 && !taken.has(r.id));
const sample = shuffled(pool, mulberry32(Number(seed))).slice(0, Number(count));
fs.mkdirSync(outDir, { recursive: true });
const size = Math.ceil(sample.length / Number(parts));
for (let p = 0; p < Number(parts); p++) {
  const rows = sample.slice(p * size, (p + 1) * size).map((r) => JSON.stringify({ id: r.id, text: r.text }));
  fs.writeFileSync(path.join(outDir, `part-${p + Number(firstPart)}.jsonl`), `${rows.join('\n')}\n`);
}
console.error(`sampled ${sample.length} of ${pool.length} unlabelled negative reviews into ${parts} parts in ${outDir}`);
