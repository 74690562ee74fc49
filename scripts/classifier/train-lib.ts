/**
 * Training the complaint classifier: deterministic (seeded shuffles, no threads), small and fast enough to
 * run inside k-fold cross-validation. Linear models over sparse binary features scaled by 1/√n, trained with
 * AdaGrad and L2, then int8-quantized into the model file shared/classifier/model.ts reads.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES } from '../../shared/complaint/model';
import { allIssueCodes, type IssueCode } from '../../shared/complaint/taxonomy';
import { DEFAULT_FEATURES, extractFeatures, type FeatureConfig } from '../../shared/classifier/features';
import { FOOD_SAFETY_DEFINITE, FOOD_SAFETY_LEXICON } from '../../shared/classifier/lexicon';
import { normalizeText } from '../../shared/classifier/normalize';
import { mulberry32 } from '../../shared/random/mulberry32';
import { LocalClassifier } from '../../shared/classifier/classify';
import { sigmoid } from '../../shared/classifier/math';
import { encodeBase64, LinearModel, MODEL_FORMAT, type LinearHeadFile, type ModelFile } from '../../shared/classifier/model';
import type { RerankFile } from '../../shared/classifier/rerank';
import { labelsDevIds, praisedIds, type LabelledText } from './data';

export interface TrainOptions {
  features: FeatureConfig;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** N-grams seen in fewer training texts are dropped (1 = keep all: measured better than 2 in both CVs, vocabulary capped by maxVocab). */
  minDocFreq: number;
  maxVocab: number;
  /** Share of training texts that also get a category hint, and how many of those hints are wrong. */
  hintRate: number;
  wrongHintRate: number;
  /**
   * Food-safety thresholds: the most precise pair keeping out-of-fold recall at least this. The goal is 97 % on held-out
   * texts; with 12,516 labels, 0.96 gives 0.967 recall on the labels-dev folds (0.97: 0.983 recall but precision 0.62,
   * and every extra flag files a text under quality, costing category accuracy; 0.95: 0.958 / 0.83).
   */
  foodSafetyRecall: number;
  triage: number;
  secondary: number;
  /** Average the weights of the epochs from this share of training on (Polyak averaging); 1 = last epoch only. */
  averageFrom: number;
  /** Weight of a labels-dev example (the reference labeller the held-out set follows); 1 = like any other. */
  devWeight: number;
  /** Class-balanced example weights (n / count)^power, normalised to mean 1; 0 = none. */
  classBalance: number;
  /** Share of the target mass given to the text's secondary issues (soft targets); 0 = primary only. */
  secondaryTarget: number;
  /** Learning-rate multiplier per epoch (1 = plain AdaGrad). */
  lrDecay: number;
  /** Train a category head and mix it with the summed issue probabilities at this weight; 0 = no head. */
  categoryMix: number;
  /**
   * The primary-issue reranker (shared/classifier/rerank.ts): trained on the out-of-fold answers of this many folds
   * (0 = none), switching to the runner-up above `bar`.
   */
  rerank: { folds: number; bar: number };
  /** NBSVM-style input scaling: each feature's value for a class is |log-count ratio|^nbScale (0 = plain binary), for the issue head and for the food-safety head. */
  nbScale: { issue: number; foodSafety: number };
  /** Feature values 1/n^norm for a text of n features, per head (0.5 = 1/√n; 0 = plain binary: one strong phrase in a long text still counts). */
  norm: { issue: number; foodSafety: number; angry: number };
  /**
   * Whether positively rated reviews also train the food-safety and anger heads and their thresholds (false: only the
   * issue and category heads learn from them; true cost food-safety precision, 0.777 → 0.755 on the labels-dev folds).
   */
  praisedTrainFlags: boolean;
}

export const DEFAULT_TRAIN: TrainOptions = {
  features: DEFAULT_FEATURES,
  epochs: 25,
  learningRate: 1,
  l2: 1e-5,
  seed: 20261122,
  minDocFreq: 1,
  /** Keeps the model file near 1.6 MB (27 int8 weights per feature), under the 2 MB goal. */
  maxVocab: 36_000,
  hintRate: 0.4,
  wrongHintRate: 0.2,
  foodSafetyRecall: 0.96,
  triage: 0.5,
  secondary: 0.25,
  averageFrom: 1,
  devWeight: 1,
  classBalance: 0,
  secondaryTarget: 0,
  lrDecay: 1,
  categoryMix: 0.5,
  rerank: { folds: 5, bar: 0.6 },
  nbScale: { issue: 0, foodSafety: 0 },
  norm: { issue: 0.5, foodSafety: 0.5, angry: 0.5 },
  praisedTrainFlags: false,
};


export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const ISSUE_CODES = allIssueCodes();
/** A label's primary issue as an index into allIssueCodes(): the issue head's class. */
export function issueIndex(l: Pick<LabelledText, 'category' | 'subcategory'>): number {
  return ISSUE_CODES.indexOf(`${l.category}.${l.subcategory}` as IssueCode);
}

/** A k-fold split: each index's fold, from a seeded shuffle. */
export function foldsOf(n: number, k: number, seed: number): number[] {
  const fold = new Array<number>(n);
  shuffled(Array.from({ length: n }, (_, i) => i), mulberry32(seed)).forEach((idx, pos) => (fold[idx] = pos % k));
  return fold;
}

/** Fold f's items (`inside`, from the indices `at`) and the rest. */
export function split<T>(items: T[], fold: number[], f: number): { inside: T[]; outside: T[]; at: number[] } {
  const at = fold.flatMap((g, i) => (g === f ? [i] : []));
  return { inside: at.map((i) => items[i]), outside: items.filter((_, i) => fold[i] !== f), at };
}

/** Feature strings per training text; some texts get a category hint (sometimes a wrong one), as customers give. */
export function featurize(labels: LabelledText[], opts: TrainOptions): string[][] {
  const random = mulberry32(opts.seed ^ 0x5eed);
  return labels.map((l) => {
    let hint: string | undefined;
    if (random() < opts.hintRate) {
      hint = random() < opts.wrongHintRate ? CATEGORIES.filter((c) => c !== l.category)[Math.floor(random() * 3)] : l.category;
    }
    return extractFeatures(l.text, hint, opts.features);
  });
}

export function buildVocab(docs: string[][], opts: TrainOptions): string[] {
  const df = new Map<string, number>();
  for (const doc of docs) for (const f of doc) df.set(f, (df.get(f) ?? 0) + 1);
  const kept = [...df.entries()].filter(([f, n]) => n >= opts.minDocFreq || f.includes(':'));
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return kept.slice(0, opts.maxVocab).map(([f]) => f);
}

interface Trained {
  weights: Float64Array;
  bias: Float64Array;
  classes: number;
  norm: number;
}

/**
 * Multinomial logistic regression (classes > 1, soft targets summing to 1) or binary logistic regression
 * (classes = 1, target 0/1), AdaGrad with lazy L2 on the active features, per-example weights, and optional
 * averaging of the epoch-end weights (Polyak).
 */
export function trainLinear(X: Int32Array[], targets: Float64Array[], sampleWeight: Float64Array, nFeatures: number, classes: number, opts: TrainOptions, seed: number, norm: number, R?: Float64Array): Trained {
  const W = new Float64Array(nFeatures * classes);
  const G = new Float64Array(nFeatures * classes).fill(1e-8);
  const b = new Float64Array(classes);
  const Gb = new Float64Array(classes).fill(1e-8);
  const random = mulberry32(seed);
  const order = X.map((_, i) => i);
  const z = new Float64Array(classes);
  const avgStart = Math.min(opts.epochs - 1, Math.floor(opts.epochs * opts.averageFrom));
  const Wavg = avgStart < opts.epochs - 1 ? new Float64Array(W.length) : undefined;
  const bavg = new Float64Array(classes);
  let snapshots = 0;
  let lr = opts.learningRate;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      const x = X[i];
      const t = targets[i];
      const sw = sampleWeight[i];
      const v = x.length ? 1 / Math.pow(x.length, norm) : 0;
      for (let c = 0; c < classes; c++) z[c] = b[c];
      if (R) for (const f of x) for (let c = 0; c < classes; c++) z[c] += W[f * classes + c] * R[f * classes + c] * v;
      else for (const f of x) for (let c = 0; c < classes; c++) z[c] += W[f * classes + c] * v;
      // gradient of the loss with respect to each output
      if (classes === 1) {
        z[0] = (1 / (1 + Math.exp(-z[0])) - t[0]) * sw;
      } else {
        let max = -Infinity;
        for (let c = 0; c < classes; c++) max = Math.max(max, z[c]);
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
        for (let c = 0; c < classes; c++) z[c] = (z[c] / sum - t[c]) * sw;
      }
      for (let c = 0; c < classes; c++) {
        Gb[c] += z[c] * z[c];
        b[c] -= (lr * z[c]) / Math.sqrt(Gb[c]);
      }
      for (const f of x) {
        for (let c = 0; c < classes; c++) {
          const k = f * classes + c;
          const g = z[c] * v * (R ? R[k] : 1) + opts.l2 * W[k];
          G[k] += g * g;
          W[k] -= (lr * g) / Math.sqrt(G[k]);
        }
      }
    }
    lr *= opts.lrDecay;
    if (Wavg && epoch >= avgStart) {
      for (let k = 0; k < W.length; k++) Wavg[k] += W[k];
      for (let c = 0; c < classes; c++) bavg[c] += b[c];
      snapshots++;
    }
  }
  const out = Wavg ?? W;
  if (Wavg) {
    for (let k = 0; k < Wavg.length; k++) Wavg[k] /= snapshots;
    for (let c = 0; c < classes; c++) b[c] = bavg[c] / snapshots;
  }
  if (R) for (let k = 0; k < out.length; k++) out[k] *= R[k];
  return { weights: out, bias: b, classes, norm };
}

/**
 * NBSVM scaling (Wang & Manning 2012): per feature and class, |log((f in c + α)/|c| / (f elsewhere + α)/|rest|)|^power,
 * normalised to mean 1 over the features; the trained weights are multiplied by it, so the file stays plain linear.
 */
function nbRatios(X: Int32Array[], targets: Float64Array[], nFeatures: number, classes: number, power: number): Float64Array {
  const count = new Float64Array(nFeatures * classes);
  const total = new Float64Array(classes);
  const all = new Float64Array(nFeatures);
  let grand = 0;
  X.forEach((x, i) => {
    const t = targets[i];
    const tc = classes === 1 ? [t[0]] : t;
    for (let c = 0; c < classes; c++) {
      if (!tc[c]) continue;
      total[c] += tc[c] * x.length;
      for (const f of x) count[f * classes + c] += tc[c];
    }
    for (const f of x) all[f]++;
    grand += x.length;
  });
  const alpha = 1;
  const R = new Float64Array(nFeatures * classes);
  let sum = 0;
  for (let f = 0; f < nFeatures; f++) {
    for (let c = 0; c < classes; c++) {
      const k = f * classes + c;
      const inside = (count[k] + alpha) / (total[c] + alpha * nFeatures);
      const outside = (all[f] - count[k] + alpha) / (grand - total[c] + alpha * nFeatures);
      sum += R[k] = Math.pow(Math.abs(Math.log(inside / outside)) + 0.05, power);
    }
  }
  const mean = sum / (R.length || 1);
  for (let k = 0; k < R.length; k++) R[k] /= mean;
  return R;
}

/** A binary logistic head (the food-safety one, with NB scaling when configured). */
function trainBinary(X: Int32Array[], y: number[], sampleWeight: Float64Array, nFeatures: number, opts: TrainOptions, seed: number, norm: number): Trained {
  const targets = y.map((v) => Float64Array.of(v));
  return trainLinear(X, targets, sampleWeight, nFeatures, 1, opts, seed, norm, opts.nbScale.foodSafety ? nbRatios(X, targets, nFeatures, 1, opts.nbScale.foodSafety) : undefined);
}

function quantize(t: Trained, classNames: string[]): LinearHeadFile {
  let maxAbs = 1e-12;
  for (const w of t.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 127;
  const bytes = new Uint8Array(t.weights.length);
  for (let i = 0; i < t.weights.length; i++) bytes[i] = Math.round(t.weights[i] / scale) & 0xff;
  return {
    classes: classNames,
    bias: Array.from(t.bias, (x) => Math.round(x * 1e6) / 1e6),
    scale,
    weights: encodeBase64(bytes),
    ...(t.norm !== 0.5 ? { norm: t.norm } : {}),
  };
}

function scoreBinary(t: Trained, x: Int32Array): number {
  const v = x.length ? 1 / Math.pow(x.length, t.norm) : 0;
  let z = t.bias[0];
  for (const f of x) z += t.weights[f] * v;
  return 1 / (1 + Math.exp(-z));
}

/**
 * The most precise food-safety rule "score ≥ alone, or lexicon hit and score ≥ withLexicon" that still flags at
 * least `recall` of the positives, searched over every observed score (exact, not a grid). Each bar is set
 * halfway between the lowest score it must keep and the next lower observed score, a margin for unseen texts.
 */
export function foodSafetyBars(scores: number[], y: boolean[], lexicon: boolean[], recall: number): { alone: number; withLexicon: number; precision: number } {
  const positives = y.filter(Boolean).length;
  const need = Math.ceil(positives * recall - 1e-9);
  const levels = [...new Set(scores)].sort((a, b) => b - a); // descending
  const below = (t: number) => {
    const i = levels.indexOf(t);
    return i >= 0 && i + 1 < levels.length ? (t + levels[i + 1]) / 2 : t;
  };
  const lexLevels = [Infinity, ...new Set(scores.filter((_, i) => lexicon[i]).sort((a, b) => b - a))];
  let best = { alone: levels.length ? levels[levels.length - 1] : 0.5, withLexicon: 0, precision: -1 };
  // rows sorted by score, descending, for the sweep of the bar for texts without a lexicon hit
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  for (const t2 of lexLevels) {
    let tp = 0;
    let fp = 0;
    scores.forEach((s, i) => {
      if (lexicon[i] && s >= t2) y[i] ? tp++ : fp++;
    });
    if (tp >= need) {
      const precision = tp / (tp + fp || 1);
      if (precision > best.precision) best = { alone: Math.max(t2 === Infinity ? 1 : t2, levels[0] ?? 1) + 1e-9, withLexicon: below(t2), precision };
      continue;
    }
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (!(lexicon[i] && scores[i] >= t2)) y[i] ? tp++ : fp++;
      // take every row of the same score together
      if (j + 1 < order.length && scores[order[j + 1]] === scores[i]) continue;
      if (tp >= need) {
        const precision = tp / (tp + fp || 1);
        if (precision > best.precision) best = { alone: below(scores[i]), withLexicon: t2 === Infinity ? below(scores[i]) : Math.min(below(t2), below(scores[i])), precision };
        break;
      }
    }
  }
  return best;
}

/** Thresholds for the binary heads from out-of-fold scores on the training data itself (never on test data). */
function tuneThresholds(X: Int32Array[], fs: number[], angry: number[], lexicon: boolean[], definite: boolean[], sampleWeight: Float64Array, nFeatures: number, opts: TrainOptions) {
  const k = 5;
  const fold = foldsOf(X.length, k, opts.seed ^ 0xf01d);
  const fsScores = new Array<number>(X.length);
  const angryScores = new Array<number>(X.length);
  for (let f = 0; f < k; f++) {
    const train = X.map((_, i) => i).filter((i) => fold[i] !== f);
    const w = Float64Array.from(train, (i) => sampleWeight[i]);
    const fsModel = trainBinary(train.map((i) => X[i]), train.map((i) => fs[i]), w, nFeatures, opts, opts.seed + 11 * f, opts.norm.foodSafety);
    const angryModel = trainLinear(train.map((i) => X[i]), train.map((i) => Float64Array.of(angry[i])), w, nFeatures, 1, opts, opts.seed + 13 * f, opts.norm.angry);
    X.forEach((x, i) => {
      if (fold[i] !== f) return;
      fsScores[i] = scoreBinary(fsModel, x);
      angryScores[i] = scoreBinary(angryModel, x);
    });
  }
  // Texts with a definite health-risk word are flagged whatever their score: the bars are searched for the rest.
  const best = foodSafetyBars(fsScores.map((s, i) => (definite[i] ? 2 : s)), fs.map((y) => y === 1), lexicon, opts.foodSafetyRecall);
  // Anger: the threshold with the best F1.
  let angryThreshold = 0.5;
  let bestF1 = -1;
  for (let t = 0.1; t <= 0.9; t += 0.025) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    angryScores.forEach((s, i) => {
      if (s >= t && angry[i]) tp++;
      else if (s >= t) fp++;
      else if (angry[i]) fn++;
    });
    const f1 = (2 * tp) / (2 * tp + fp + fn || 1);
    if (f1 > bestF1) [bestF1, angryThreshold] = [f1, t];
  }
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return { foodSafety: r6(best.alone), foodSafetyWithLexicon: r6(best.withLexicon), angry: r4(angryThreshold) };
}

/** Per-example weights: labels-dev texts counted devWeight times, optional class balancing; mean 1. */
function exampleWeights(labels: LabelledText[], y: number[], classes: number, opts: TrainOptions): Float64Array {
  const w = new Float64Array(labels.length).fill(1);
  if (opts.devWeight !== 1) {
    const dev = labelsDevIds();
    labels.forEach((l, i) => dev.has(l.id) && (w[i] = opts.devWeight));
  }
  if (opts.classBalance) {
    const count = new Float64Array(classes);
    y.forEach((c) => count[c]++);
    y.forEach((c, i) => (w[i] *= Math.pow(labels.length / classes / count[c], opts.classBalance)));
  }
  const mean = w.reduce((a, b) => a + b, 0) / (w.length || 1);
  for (let i = 0; i < w.length; i++) w[i] /= mean;
  return w;
}

/** Train the whole model file from labelled texts. */
export function trainModel(labels: LabelledText[], opts: TrainOptions = DEFAULT_TRAIN, sources: string[] = []): ModelFile {
  const issues = allIssueCodes();
  const docs = featurize(labels, opts);
  const vocab = buildVocab(docs, opts);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const X = docs.map((doc) => Int32Array.from(doc.flatMap((f) => (index.has(f) ? [index.get(f)!] : []))));
  const yIssue = labels.map(issueIndex);
  const yFs = labels.map((l) => (l.food_safety ? 1 : 0));
  const yAngry = labels.map((l) => (l.angry ? 1 : 0));

  const sampleWeight = exampleWeights(labels, yIssue, issues.length, opts);
  const issueTargets = labels.map((l, i) => {
    const t = new Float64Array(issues.length);
    const secondary = (l.secondary ?? []).map((s) => issues.indexOf(s as (typeof issues)[number])).filter((s) => s >= 0 && s !== yIssue[i]);
    const share = secondary.length ? opts.secondaryTarget : 0;
    t[yIssue[i]] = 1 - share;
    for (const s of secondary) t[s] += share / secondary.length;
    return t;
  });

  const nb = (targets: Float64Array[], classes: number) => (opts.nbScale.issue ? nbRatios(X, targets, vocab.length, classes, opts.nbScale.issue) : undefined);
  const issue = trainLinear(X, issueTargets, sampleWeight, vocab.length, issues.length, opts, opts.seed, opts.norm.issue, nb(issueTargets, issues.length));
  // The flag heads and their thresholds learn from complaints only, unless opts.praisedTrainFlags.
  const praised = praisedIds();
  const rows = labels.flatMap((l, i) => (opts.praisedTrainFlags || !praised.has(l.id) ? [i] : []));
  const fX = rows.map((i) => X[i]);
  const fW = Float64Array.from(rows, (i) => sampleWeight[i]);
  const fFs = rows.map((i) => yFs[i]);
  const fAngry = rows.map((i) => yAngry[i]);
  const foodSafety = trainBinary(fX, fFs, fW, vocab.length, opts, opts.seed + 1, opts.norm.foodSafety);
  const angry = trainLinear(fX, fAngry.map((y) => Float64Array.of(y)), fW, vocab.length, 1, opts, opts.seed + 2, opts.norm.angry);
  let category: LinearHeadFile | undefined;
  if (opts.categoryMix > 0) {
    const cats = [...CATEGORIES];
    const targets = labels.map((l) => {
      const t = new Float64Array(cats.length);
      t[cats.indexOf(l.category as (typeof cats)[number])] = 1;
      return t;
    });
    category = quantize(trainLinear(X, targets, sampleWeight, vocab.length, cats.length, opts, opts.seed + 3, opts.norm.issue), cats);
  }
  const lexicon = rows.map((i) => FOOD_SAFETY_LEXICON.test(normalizeText(labels[i].text)));
  const definite = rows.map((i) => !!opts.features.definiteFoodSafety && FOOD_SAFETY_DEFINITE.test(normalizeText(labels[i].text)));
  const thresholds = tuneThresholds(fX, fFs, fAngry, lexicon, definite, fW, vocab.length, opts);

  const digest = createHash('sha256')
    .update(JSON.stringify({ opts, texts: labels.map((l) => [l.id, l.category, l.subcategory, l.food_safety, l.angry]) }))
    .digest('hex')
    .slice(0, 12);
  return {
    format: MODEL_FORMAT,
    version: `complaint-linear-${digest}`,
    trainedOn: { labels: labels.length, sources, builtAt: 'deterministic' },
    features: opts.features,
    vocab,
    heads: { issue: quantize(issue, issues), foodSafety: quantize(foodSafety, ['yes']), angry: quantize(angry, ['yes']), ...(category ? { category } : {}) },
    ...(category ? { categoryMix: opts.categoryMix } : {}),
    thresholds: { ...thresholds, triage: opts.triage, secondary: opts.secondary },
  };
}

/** One text's case for the reranker: its input, and whether the runner-up is the labelled primary issue. */
export interface RerankRow {
  x: number[];
  y: number;
}

/**
 * The reranker's training rows from one classifier over texts it was not trained on: texts whose label is the first
 * answer (y = 0) or the runner-up (y = 1). Food-safety answers and texts labelled with a third issue teach nothing.
 */
export function rerankRows(classifier: LocalClassifier, labels: LabelledText[]): RerankRow[] {
  return labels.flatMap((l) => {
    const c = classifier.rerankCase({ text: l.text });
    const want = issueIndex(l);
    return c && (want === c.answer || want === c.runnerUp) ? [{ x: c.x, y: want === c.runnerUp ? 1 : 0 }] : [];
  });
}

/** Logistic regression by full-batch gradient descent with L2 decay (a few thousand rows, a few inputs): deterministic. */
export function fitLogistic(rows: RerankRow[], { epochs, rate, l2 }: { epochs: number; rate: number; l2: number }): Float64Array {
  const width = rows[0]?.x.length ?? 0;
  const w = new Float64Array(width);
  const g = new Float64Array(width);
  for (let epoch = 0; epoch < epochs; epoch++) {
    g.fill(0);
    for (const { x, y } of rows) {
      let z = 0;
      for (let j = 0; j < width; j++) z += x[j] * w[j];
      const e = sigmoid(z) - y;
      for (let j = 0; j < width; j++) g[j] += e * x[j];
    }
    for (let j = 0; j < width; j++) w[j] -= (rate * g[j]) / rows.length + l2 * w[j];
  }
  return w;
}

/** The reranker's weights (fitLogistic), rounded for the file. */
export function fitReranker(rows: RerankRow[], bar: number): RerankFile {
  const w = fitLogistic(rows, { epochs: 300, rate: 0.5, l2: 1e-4 });
  return { weights: Array.from(w, (v) => Math.round(v * 1e4) / 1e4), bar };
}

/** Whether the options ask for a reranker: its training rows are out-of-fold answers, which need at least two folds. */
export function usesReranker(opts: TrainOptions): boolean {
  return opts.rerank.folds > 1;
}

/** The reranker trained on out-of-fold answers over `labels` (opts.rerank.folds models, each on the other folds). */
export function rerankerFromOutOfFold(labels: LabelledText[], opts: TrainOptions = DEFAULT_TRAIN): RerankFile {
  const k = opts.rerank.folds;
  const fold = foldsOf(labels.length, k, opts.seed ^ 0xbeef);
  const rows: RerankRow[] = [];
  for (let f = 0; f < k; f++) {
    const { inside, outside } = split(labels, fold, f);
    rows.push(...rerankRows(new LocalClassifier(new LinearModel(trainModel(outside, opts))), inside));
  }
  return fitReranker(rows, opts.rerank.bar);
}

/** rerankerFromOutOfFold when the options ask for a reranker, else none. */
export function optionalReranker(labels: LabelledText[], opts: TrainOptions = DEFAULT_TRAIN): RerankFile | undefined {
  return usesReranker(opts) ? rerankerFromOutOfFold(labels, opts) : undefined;
}

/** The product's model: every head on all labels, plus the reranker from out-of-fold answers when the options ask for one. */
export function trainProductModel(labels: LabelledText[], opts: TrainOptions = DEFAULT_TRAIN, sources: string[] = []): ModelFile {
  const file = trainModel(labels, opts, sources);
  if (!usesReranker(opts)) return file;
  const rerank = rerankerFromOutOfFold(labels, opts);
  // The version names the whole model: the reranker's weights too (they also depend on the code that computes its inputs).
  const digest = createHash('sha256').update(`${file.version}${JSON.stringify(rerank)}`).digest('hex').slice(0, 12);
  return { ...file, version: `complaint-linear-${digest}`, rerank };
}
