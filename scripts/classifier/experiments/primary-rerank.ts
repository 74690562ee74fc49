/**
 * Study: can a second stage pick the primary issue better than the softmax's top answer? For each text the model's
 * answer (a) and the next most likely issue (b) are compared by how the text's clauses, scored one by one, spread
 * over them (LABELING.md rule 2: the problem stressed most). A logistic reranker is trained on the extra labels'
 * out-of-fold answers and applied to the labels-dev folds' answers (dev labels never train it):
 *   [CLAUSES=single] npx tsx scripts/classifier/experiments/primary-rerank.ts
 * Measured 2026-11-22 (12,516 labels): labels-dev subcategory 0.783 -> 0.798, category 0.912 -> 0.916 at a switch
 * bar of 0.6 (21 of 489 texts switched); the extra labels 0.766 -> 0.777. Scoring every clause again costs about as
 * much as classifying the text once more: on unseen corpus texts, gated to p(b) >= 0.2 (25 % of texts) throughput
 * fell by a third. CLAUSES=single (the text's own n-grams summed per clause, affordable inline) keeps about half the
 * gain: labels-dev subcategory 0.783 -> 0.791, category 0.912 -> 0.916; extra labels 0.766 -> 0.774.
 * That variant is now the product's second stage (shared/classifier/rerank.ts, clause-scores.ts); this script keeps
 * the two-pass comparison.
 */
import { LocalClassifier } from '../../../shared/classifier/classify';
import { CLAUSE_BREAK, visitFeatures } from '../../../shared/classifier/features';
import { LinearModel, sigmoid, softmax } from '../../../shared/classifier/model';
import { normalizeText } from '../../../shared/classifier/normalize';
import { splitDev, trainingLabels, type LabelledText } from '../data';
import { DEFAULT_TRAIN, fitLogistic, foldsOf, trainModel } from '../train-lib';

const CONTRAST = /不说|就算了|算了|关键|最重要|最可气|最气|竟然|居然|而且|还有|更|再说/;
const CATEGORIES = ['quality', 'delivery', 'service', 'other'];

interface Scored {
  dev: boolean;
  want: number;
  pred: number;
  foodSafety: boolean;
  issues: string[];
  full: number[];
  clauses: Array<{ text: string; p: number[] }>;
}

function issueProbs(model: LinearModel, norm: string): number[] {
  return Array.from(softmax(model.scores(model.idsOf((sink) => visitFeatures(norm, undefined, model.file.features, sink))).issue));
}

/**
 * CLAUSES=single: the clauses' issue probabilities from the whole text's n-grams, each summed into the clause it lies
 * in (no second feature pass: what the classifier could afford inline). Otherwise each clause is scored as a text.
 */
const SINGLE_PASS = process.env.CLAUSES === 'single';
function clauseProbsSinglePass(model: LinearModel, norm: string): Array<{ text: string; p: number[] }> {
  const chars = Array.from(`^${norm}$`);
  const clauseOf = new Int32Array(chars.length);
  let clause = 0;
  for (let i = 0; i < chars.length; i++) {
    if (CLAUSE_BREAK.test(chars[i])) {
      clauseOf[i] = -1;
      if (i > 0 && clauseOf[i - 1] !== -1) clause++;
    } else clauseOf[i] = clause;
  }
  const texts: string[] = [];
  const grams: number[][] = [];
  for (let i = 0; i < chars.length; i++) if (clauseOf[i] >= 0) (texts[clauseOf[i]] ??= ''), (texts[clauseOf[i]] += chars[i]);
  visitFeatures(norm, undefined, model.file.features, {
    gram(prefix, cs, from, n) {
      const c = clauseOf[from];
      if (c < 0 || clauseOf[from + n - 1] !== c) return; // spans a break
      const ids = model.idsOf((sink) => sink.gram(prefix, cs, from, n));
      if (ids.length) (grams[c] ??= []).includes(ids[0]) || grams[c].push(ids[0]);
    },
    feature() {},
  });
  const head = model.issue;
  const k = head.classes.length;
  return texts.map((text, c) => {
    const ids = grams[c] ?? [];
    const logits = Float64Array.from(head.bias);
    if (ids.length) {
      const value = head.featureValue(ids.length);
      for (const id of ids) for (let j = 0; j < k; j++) logits[j] += head.weights[id * k + j] * value;
    }
    return { text: text.replace(/[\^$]/g, ''), p: Array.from(softmax(logits)) };
  }).filter((c) => c.text.trim());
}

function scoreFold(train: LabelledText[], test: LabelledText[], dev: boolean, out: Scored[]): void {
  const model = new LinearModel(trainModel(train, DEFAULT_TRAIN));
  const classifier = new LocalClassifier(model);
  const issues = model.issue.classes;
  for (const l of test) {
    const p = classifier.classify({ text: l.text });
    const norm = normalizeText(l.text);
    out.push({
      dev,
      want: issues.indexOf(`${l.category}.${l.subcategory}`),
      pred: issues.indexOf(`${p.category}.${p.subcategory}`),
      foodSafety: p.foodSafety,
      issues,
      full: issueProbs(model, norm),
      clauses: SINGLE_PASS ? clauseProbsSinglePass(model, norm) : norm.split(CLAUSE_BREAK).filter((s) => s.trim()).map((s) => ({ text: s, p: issueProbs(model, s) })),
    });
  }
}

/** What the reranker knows of one issue in one text. */
function issueFeatures(r: Scored, i: number): number[] {
  const n = Math.max(1, r.clauses.length);
  const ps = r.clauses.map((c) => c.p[i]);
  const tops = r.clauses.map((c) => c.p.indexOf(Math.max(...c.p)));
  const first = ps.findIndex((p) => p > 0.3);
  const last = ps.length - 1 - [...ps].reverse().findIndex((p) => p > 0.3);
  const total = r.clauses.reduce((s, c) => s + c.text.length, 0) || 1;
  const own = r.clauses.reduce((s, c, j) => s + (ps[j] > 0.3 ? c.text.length : 0), 0);
  return [
    Math.log(r.full[i] + 1e-4),
    Math.max(0, ...ps),
    ps.reduce((a, b) => a + b, 0) / n,
    tops.filter((t) => t === i).length / n,
    first < 0 ? 1 : first / n,
    first === 0 ? 1 : 0,
    first >= 0 && last === r.clauses.length - 1 ? 1 : 0,
    own / total,
    first > 0 && CONTRAST.test(r.clauses[first].text) ? 1 : 0,
    ...CATEGORIES.map((c) => (r.issues[i].startsWith(`${c}.`) ? 1 : 0)),
  ];
}

function pairOf(r: Scored): { b: number; x: number[] } {
  let b = -1;
  for (let i = 0; i < r.full.length; i++) if (i !== r.pred && (b < 0 || r.full[i] > r.full[b])) b = i;
  const fa = issueFeatures(r, r.pred);
  const fb = issueFeatures(r, b);
  return { b, x: [1, ...fb.map((v, j) => v - fa[j]), r.clauses.length > 1 ? 1 : 0] };
}

const all = trainingLabels();
const { dev, extra } = splitDev(all);
const k = 5;
const scored: Scored[] = [];
const extraFold = foldsOf(extra.length, k, DEFAULT_TRAIN.seed ^ 0xbeef);
for (let f = 0; f < k; f++) scoreFold(extra.filter((_, i) => extraFold[i] !== f), extra.filter((_, i) => extraFold[i] === f), false, scored);
const devFold = foldsOf(dev.length, k, DEFAULT_TRAIN.seed ^ 0xd5);
for (let f = 0; f < k; f++) scoreFold([...extra, ...dev.filter((_, i) => devFold[i] !== f)], dev.filter((_, i) => devFold[i] === f), true, scored);

// The reranker: logistic regression on the extra labels whose primary is a or b (food-safety answers are left alone).
const train = scored.filter((r) => !r.dev && !r.foodSafety).flatMap((r) => {
  const { b, x } = pairOf(r);
  return r.want === r.pred || r.want === b ? [{ x, y: r.want === b ? 1 : 0 }] : [];
});
const w = fitLogistic(train, { epochs: 300, rate: 0.5, l2: 1e-4 });
console.log(`reranker trained on ${train.length} pairs; weights ${Array.from(w, (v) => v.toFixed(2)).join(' ')}`);
const category = (r: Scored, i: number) => r.issues[i].slice(0, r.issues[i].indexOf('.'));
for (const onDev of [false, true]) {
  for (const bar of [0.5, 0.6, 0.7]) {
    const rows = scored.filter((r) => r.dev === onDev);
    let sub = 0, subAfter = 0, cat = 0, catAfter = 0, switched = 0;
    for (const r of rows) {
      let pick = r.pred;
      if (!r.foodSafety) {
        const { b, x } = pairOf(r);
        if (sigmoid(x.reduce((s, v, j) => s + v * w[j], 0)) > bar) (pick = b), switched++;
      }
      sub += +(r.pred === r.want);
      subAfter += +(pick === r.want);
      cat += +(category(r, r.pred) === category(r, r.want));
      catAfter += +(category(r, pick) === category(r, r.want));
    }
    const f = (x: number) => (x / rows.length).toFixed(3);
    console.log(`${onDev ? 'labels-dev' : 'extra     '} bar ${bar}: subcategory ${f(sub)} -> ${f(subAfter)}, category ${f(cat)} -> ${f(catAfter)}, switched ${switched} of ${rows.length}`);
  }
}
