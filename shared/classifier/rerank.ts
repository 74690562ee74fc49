/**
 * The primary-issue reranker: a second stage between the model's answer (a) and the next most likely issue (b).
 * LABELING.md's rule for a text with several problems is "the problem stressed most"; a bag of n-grams sees every
 * clause at once, so the reranker compares how the clauses, scored one by one (clause-scores.ts), spread over a
 * and b: which one owns more of the text, comes first, is stressed with 关键/竟然/最…. A logistic model over the
 * differences of those features, trained on out-of-fold answers (scripts/classifier/train-lib.ts), decides.
 */
import type { ClauseScore } from './clause-scores';
import { sigmoid } from './math';

export interface RerankFile {
  /** Logistic weights over pairFeatures. */
  weights: number[];
  /** Switch to the runner-up when the reranker's probability for it exceeds this. */
  bar: number;
}

/** Words that stress a clause as the main grievance when it is not the first. */
const STRESS = /不说|就算了|算了|关键|最重要|最可气|最气|竟然|居然|而且|还有|更|再说/;
const CATEGORY_ORDER = ['quality', 'delivery', 'service', 'other'];
/** A clause counts as about an issue when it gives the issue at least this probability. */
const ABOUT = 0.3;
/** pairFeatures's layout: bias, log-probability, the clause features, the categories, several clauses. */
const CLAUSE_FROM = 2;
const CLAUSE_FEATURES = 8;
const CATEGORY_FROM = CLAUSE_FROM + CLAUSE_FEATURES;
const SEVERAL = CATEGORY_FROM + CATEGORY_ORDER.length;

/** How issue `i` spreads over the clauses; each value in [0, 1]. */
function clauseFeatures(clauses: ClauseScore[], i: number): number[] {
  const n = Math.max(1, clauses.length);
  let max = 0;
  let sum = 0;
  let tops = 0;
  let first = -1;
  let last = -1;
  let own = 0;
  let total = 0;
  clauses.forEach((c, j) => {
    const p = c.p[i];
    max = Math.max(max, p);
    sum += p;
    if (c.top === i) tops++;
    if (p > ABOUT) {
      if (first < 0) first = j;
      last = j;
      own += c.length;
    }
    total += c.length;
  });
  return [
    max,
    sum / n,
    tops / n,
    first < 0 ? 1 : first / n,
    first === 0 ? 1 : 0,
    first >= 0 && last === clauses.length - 1 ? 1 : 0,
    own / (total || 1),
    first > 0 && STRESS.test(clauses[first].text()) ? 1 : 0,
  ];
}

const categoryOf = (issue: string) => CATEGORY_ORDER.map((c) => (issue.startsWith(`${c}.`) ? 1 : 0));

/** b's log-probability minus a's (floored, so that a zero probability stays finite). */
const logRatio = (full: ArrayLike<number>, a: number, b: number) => Math.log(full[b] + 1e-4) - Math.log(full[a] + 1e-4);

/** b's category indicators minus a's, in CATEGORY_ORDER. */
function categoryDiff(issues: readonly string[], a: number, b: number): number[] {
  const ga = categoryOf(issues[a]);
  return categoryOf(issues[b]).map((v, j) => v - ga[j]);
}

/**
 * The reranker's input for the pair (a, b): a bias, b's log-probability, clause features and category minus a's,
 * and whether the text has several clauses.
 */
export function pairFeatures(full: ArrayLike<number>, clauses: ClauseScore[], issues: readonly string[], a: number, b: number): number[] {
  const ca = clauseFeatures(clauses, a);
  const cb = clauseFeatures(clauses, b);
  return [1, logRatio(full, a, b), ...cb.map((v, j) => v - ca[j]), ...categoryDiff(issues, a, b), clauses.length > 1 ? 1 : 0];
}

/** The reranker's probability that b, not a, is the primary issue. */
export function runnerUpProbability(rerank: RerankFile, x: number[]): number {
  let z = 0;
  for (let j = 0; j < x.length; j++) z += x[j] * (rerank.weights[j] ?? 0);
  return sigmoid(z);
}

/**
 * Whether the reranker switches the answer from a to b. The clauses are scored only when they could tip the
 * balance: the clause features are differences within [-1, 1] (and "several clauses" 0 or 1), so when the rest of
 * the sum plus their largest possible weight stays under the bar, the answer stays without them — exactly as if
 * they had been computed.
 */
export function switchesToRunnerUp(rerank: RerankFile, full: ArrayLike<number>, issues: readonly string[], a: number, b: number, clauses: () => ClauseScore[]): boolean {
  const w = rerank.weights;
  const categories = categoryDiff(issues, a, b);
  let z = w[0] + w[1] * logRatio(full, a, b);
  for (let j = 0; j < categories.length; j++) z += w[CATEGORY_FROM + j] * categories[j];
  let reach = Math.max(0, w[SEVERAL]);
  for (let j = CLAUSE_FROM; j < CATEGORY_FROM; j++) reach += Math.abs(w[j]);
  if (sigmoid(z + reach) <= rerank.bar) return false;
  return runnerUpProbability(rerank, pairFeatures(full, clauses(), issues, a, b)) > rerank.bar;
}

/** How many issues the clauses are scored over: a, b and the next most likely. */
export const CLAUSE_CANDIDATES = 5;

/** The issues the clauses are scored over: a, b, then the most likely others. */
export function clauseCandidates(probs: ArrayLike<number>, a: number, b: number): number[] {
  const out = [a, b];
  while (out.length < Math.min(CLAUSE_CANDIDATES, probs.length)) {
    let next = -1;
    for (let i = 0; i < probs.length; i++) if (!out.includes(i) && (next < 0 || probs[i] > probs[next])) next = i;
    out.push(next);
  }
  return out;
}

/** The most likely issue other than `a`. */
export function runnerUp(probs: ArrayLike<number>, a: number): number {
  let b = -1;
  for (let i = 0; i < probs.length; i++) if (i !== a && (b < 0 || probs[i] > probs[b])) b = i;
  return b;
}
