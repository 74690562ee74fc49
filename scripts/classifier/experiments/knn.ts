/**
 * Experiment: do the nearest labelled texts know something the linear model misses? Each labels-dev text is given
 * the subcategory its K most similar labels vote for (TF-IDF over character 1–3-grams, cosine, votes weighted by
 * similarity^P; leave-one-out over every training label), and is compared with the model's out-of-fold answer:
 *   PRED=/tmp/pred.jsonl npx tsx scripts/classifier/experiments/dev-cv.ts
 *   K=30 npx tsx scripts/classifier/experiments/knn.ts /tmp/pred.jsonl
 * Measured at stop 19 (labels-dev, model's answers from one fold shuffle, 0.796): neighbours alone 0.577 / 0.607 /
 * 0.620 with K = 5 / 10 / 30. Where the two disagree and the neighbours (K = 30) are at least half sure, 35 texts,
 * the model is right on 19 and the neighbours on 9; at 0.7, 5 against 2: no blend to gain. Not shipped.
 */
import fs from 'node:fs';
import { CLAUSE_BREAK_CHARS } from '../../../shared/classifier/features';
import { normalizeText } from '../../../shared/classifier/normalize';
import { splitDev, trainingLabels, type LabelledText } from '../data';
import { issueIndex } from '../train-lib';

const K = Number(process.env.K ?? 10);
const P = Number(process.env.P ?? 2);
const all = trainingLabels();
const { dev } = splitDev(all);

function grams(text: string): Map<string, number> {
  const chars = [...normalizeText(text)].filter((ch) => !CLAUSE_BREAK_CHARS.includes(ch));
  const counts = new Map<string, number>();
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= chars.length; i++) {
    const g = chars.slice(i, i + n).join('');
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

// Unit-length TF-IDF vectors and an inverted index over them.
const docs = all.map((l) => grams(l.text));
const df = new Map<string, number>();
for (const d of docs) for (const g of d.keys()) df.set(g, (df.get(g) ?? 0) + 1);
const vectors = docs.map((d) => {
  const weights = [...d].map(([g, c]) => [g, (1 + Math.log(c)) * Math.log(docs.length / df.get(g)!)] as const);
  const norm = Math.hypot(...weights.map(([, w]) => w)) || 1;
  return weights.map(([g, w]) => [g, w / norm] as const);
});
const postings = new Map<string, Array<[number, number]>>();
vectors.forEach((v, i) => {
  for (const [g, w] of v) (postings.get(g) ?? postings.set(g, []).get(g)!).push([i, w]);
});

const model = new Map<string, number>();
if (process.argv[2]) {
  for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
    const row = JSON.parse(line) as LabelledText & { pred: LabelledText };
    model.set(row.id, issueIndex(row.pred));
  }
}

const index = new Map(all.map((l, i) => [l.id, i]));
let right = 0;
const disagreements: Array<{ sure: number; neighbours: boolean; model: boolean }> = [];
for (const l of dev) {
  const q = index.get(l.id)!;
  const sims = new Float64Array(all.length);
  for (const [g, w] of vectors[q]) for (const [j, w2] of postings.get(g)!) sims[j] += w * w2;
  sims[q] = -1; // leave the text itself out
  const top = [...sims.keys()].sort((a, b) => sims[b] - sims[a]).slice(0, K);
  const votes = new Map<number, number>();
  for (const j of top) votes.set(issueIndex(all[j]), (votes.get(issueIndex(all[j])) ?? 0) + sims[j] ** P);
  const total = [...votes.values()].reduce((a, b) => a + b, 0);
  const [answer, weight] = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (answer === issueIndex(l)) right++;
  const said = model.get(l.id);
  if (said !== undefined && said !== answer) disagreements.push({ sure: weight / total, neighbours: answer === issueIndex(l), model: said === issueIndex(l) });
}
console.log(JSON.stringify({ K, P, n: dev.length, neighbours_subcategory: Math.round((right / dev.length) * 1000) / 1000 }));
for (const bar of [0.5, 0.7, 0.9]) {
  const at = disagreements.filter((d) => d.sure >= bar);
  console.log(JSON.stringify({ disagree_sure_at_least: bar, texts: at.length, neighbours_right: at.filter((d) => d.neighbours).length, model_right: at.filter((d) => d.model).length }));
}
