/**
 * Training the complaint classifier: deterministic (seeded shuffles, no threads), small and fast enough to
 * run inside k-fold cross-validation. Linear models over sparse binary features scaled by 1/√n, trained with
 * AdaGrad and L2, then int8-quantized into the model file shared/classifier/model.ts reads.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES } from '../../shared/complaint/model';
import { allIssueCodes } from '../../shared/complaint/taxonomy';
import { DEFAULT_FEATURES, extractFeatures, type FeatureConfig } from '../../shared/classifier/features';
import { FOOD_SAFETY_LEXICON } from '../../shared/classifier/lexicon';
import { normalizeText } from '../../shared/classifier/normalize';
import { encodeBase64, MODEL_FORMAT, type LinearHeadFile, type ModelFile } from '../../shared/classifier/model';
import type { LabelledText } from './data';

export interface TrainOptions {
  features: FeatureConfig;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** N-grams seen in fewer training texts are dropped (they would only memorise). */
  minDocFreq: number;
  maxVocab: number;
  /** Share of training texts that also get a category hint, and how many of those hints are wrong. */
  hintRate: number;
  wrongHintRate: number;
  /** Food-safety thresholds: the most precise pair keeping out-of-fold recall at least this. */
  foodSafetyRecall: number;
  triage: number;
  secondary: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  features: DEFAULT_FEATURES,
  epochs: 25,
  learningRate: 1,
  l2: 1e-5,
  seed: 20261122,
  minDocFreq: 2,
  maxVocab: 40_000,
  hintRate: 0.4,
  wrongHintRate: 0.2,
  foodSafetyRecall: 0.95,
  triage: 0.5,
  secondary: 0.25,
};

export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Feature strings per training text; some texts get a category hint (sometimes a wrong one), as customers give. */
function featurize(labels: LabelledText[], opts: TrainOptions): string[][] {
  const random = mulberry32(opts.seed ^ 0x5eed);
  return labels.map((l) => {
    let hint: string | undefined;
    if (random() < opts.hintRate) {
      hint = random() < opts.wrongHintRate ? CATEGORIES.filter((c) => c !== l.category)[Math.floor(random() * 3)] : l.category;
    }
    return extractFeatures(l.text, hint, opts.features);
  });
}

function buildVocab(docs: string[][], opts: TrainOptions): string[] {
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
}

/**
 * Multinomial logistic regression (classes > 1) or binary logistic regression (classes = 1, target 0/1),
 * AdaGrad with lazy L2 on the active features.
 */
function trainLinear(X: Int32Array[], y: number[], nFeatures: number, classes: number, opts: TrainOptions, seed: number): Trained {
  const W = new Float64Array(nFeatures * classes);
  const G = new Float64Array(nFeatures * classes).fill(1e-8);
  const b = new Float64Array(classes);
  const Gb = new Float64Array(classes).fill(1e-8);
  const random = mulberry32(seed);
  const order = X.map((_, i) => i);
  const z = new Float64Array(classes);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      const x = X[i];
      const v = x.length ? 1 / Math.sqrt(x.length) : 0;
      for (let c = 0; c < classes; c++) z[c] = b[c];
      for (const f of x) for (let c = 0; c < classes; c++) z[c] += W[f * classes + c] * v;
      // gradient of the loss with respect to each output
      if (classes === 1) {
        z[0] = 1 / (1 + Math.exp(-z[0])) - y[i];
      } else {
        let max = -Infinity;
        for (let c = 0; c < classes; c++) max = Math.max(max, z[c]);
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
        for (let c = 0; c < classes; c++) z[c] = z[c] / sum - (c === y[i] ? 1 : 0);
      }
      for (let c = 0; c < classes; c++) {
        Gb[c] += z[c] * z[c];
        b[c] -= (opts.learningRate * z[c]) / Math.sqrt(Gb[c]);
      }
      for (const f of x) {
        for (let c = 0; c < classes; c++) {
          const k = f * classes + c;
          const g = z[c] * v + opts.l2 * W[k];
          G[k] += g * g;
          W[k] -= (opts.learningRate * g) / Math.sqrt(G[k]);
        }
      }
    }
  }
  return { weights: W, bias: b, classes };
}

function quantize(t: Trained, classNames: string[]): LinearHeadFile {
  let maxAbs = 1e-12;
  for (const w of t.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 127;
  const bytes = new Uint8Array(t.weights.length);
  for (let i = 0; i < t.weights.length; i++) bytes[i] = Math.round(t.weights[i] / scale) & 0xff;
  return { classes: classNames, bias: Array.from(t.bias, (x) => Math.round(x * 1e6) / 1e6), scale, weights: encodeBase64(bytes) };
}

function scoreBinary(t: Trained, x: Int32Array): number {
  const v = x.length ? 1 / Math.sqrt(x.length) : 0;
  let z = t.bias[0];
  for (const f of x) z += t.weights[f] * v;
  return 1 / (1 + Math.exp(-z));
}

/** Thresholds for the binary heads from out-of-fold scores on the training data itself (never on test data). */
function tuneThresholds(X: Int32Array[], fs: number[], angry: number[], lexicon: boolean[], nFeatures: number, opts: TrainOptions) {
  const k = 5;
  const random = mulberry32(opts.seed ^ 0xf01d);
  const fold = shuffled(X.map((_, i) => i), random).reduce<number[]>((acc, idx, pos) => ((acc[idx] = pos % k), acc), []);
  const fsScores = new Array<number>(X.length);
  const angryScores = new Array<number>(X.length);
  for (let f = 0; f < k; f++) {
    const train = X.map((_, i) => i).filter((i) => fold[i] !== f);
    const fsModel = trainLinear(train.map((i) => X[i]), train.map((i) => fs[i]), nFeatures, 1, opts, opts.seed + 11 * f);
    const angryModel = trainLinear(train.map((i) => X[i]), train.map((i) => angry[i]), nFeatures, 1, opts, opts.seed + 13 * f);
    X.forEach((x, i) => {
      if (fold[i] !== f) return;
      fsScores[i] = scoreBinary(fsModel, x);
      angryScores[i] = scoreBinary(angryModel, x);
    });
  }
  // Food safety: the most precise (model-only, with-lexicon) pair of bars that still finds the target share.
  const positives = fs.reduce((n, y) => n + y, 0);
  let best = { precision: -1, alone: 0.5, withLexicon: 0.5 };
  for (let alone = 0.02; alone <= 0.9; alone += 0.02) {
    for (let withLexicon = 0; withLexicon <= alone; withLexicon += 0.01) {
      let tp = 0;
      let fp = 0;
      fsScores.forEach((score, i) => {
        if (score >= alone || (lexicon[i] && score >= withLexicon)) {
          if (fs[i]) tp++;
          else fp++;
        }
      });
      const precision = tp / (tp + fp || 1);
      if (tp >= positives * opts.foodSafetyRecall && precision > best.precision) best = { precision, alone, withLexicon };
    }
  }
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
  return { foodSafety: r4(best.alone), foodSafetyWithLexicon: r4(best.withLexicon), angry: r4(angryThreshold) };
}

/** Train the whole model file from labelled texts. */
export function trainModel(labels: LabelledText[], opts: TrainOptions = DEFAULT_TRAIN, sources: string[] = []): ModelFile {
  const issues = allIssueCodes();
  const docs = featurize(labels, opts);
  const vocab = buildVocab(docs, opts);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const X = docs.map((doc) => Int32Array.from(doc.flatMap((f) => (index.has(f) ? [index.get(f)!] : []))));
  const yIssue = labels.map((l) => issues.indexOf(`${l.category}.${l.subcategory}` as (typeof issues)[number]));
  const yFs = labels.map((l) => (l.food_safety ? 1 : 0));
  const yAngry = labels.map((l) => (l.angry ? 1 : 0));

  const issue = trainLinear(X, yIssue, vocab.length, issues.length, opts, opts.seed);
  const foodSafety = trainLinear(X, yFs, vocab.length, 1, opts, opts.seed + 1);
  const angry = trainLinear(X, yAngry, vocab.length, 1, opts, opts.seed + 2);
  const lexicon = labels.map((l) => FOOD_SAFETY_LEXICON.test(normalizeText(l.text)));
  const thresholds = tuneThresholds(X, yFs, yAngry, lexicon, vocab.length, opts);

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
    heads: { issue: quantize(issue, issues), foodSafety: quantize(foodSafety, ['yes']), angry: quantize(angry, ['yes']) },
    thresholds: { ...thresholds, triage: opts.triage, secondary: opts.secondary },
  };
}
