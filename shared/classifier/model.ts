/**
 * The classifier's model file: a vocabulary of features and linear heads with int8-quantized weights
 * (one scale per head), so a model of tens of thousands of features stays well under 2 MB and loads in
 * milliseconds. Built by scripts/classifier/train.ts from the labelled data; deterministic.
 */
import type { FeatureConfig } from './features';

export const MODEL_FORMAT = 'kousu-linear-v1';

export interface LinearHeadFile {
  /** Output classes; a binary head has one class, read through a sigmoid. */
  classes: string[];
  bias: number[];
  /** weights[feature * classes.length + class] = int8 * scale. */
  scale: number;
  /** Base64 of the int8 weights. */
  weights: string;
  /** Feature values are 1 / n^norm for a text with n active features; absent = 0.5 (1/√n). */
  norm?: number;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: string;
  trainedOn: { labels: number; sources: string[]; builtAt: string };
  features: FeatureConfig;
  vocab: string[];
  heads: {
    issue: LinearHeadFile;
    foodSafety: LinearHeadFile;
    angry: LinearHeadFile;
    /** Optional: a softmax over the categories, mixed with the summed issue probabilities (weight `categoryMix`). */
    category?: LinearHeadFile;
  };
  /** Weight of the category head against the summed issue probabilities (0–1; absent = no category head). */
  categoryMix?: number;
  thresholds: {
    /** Model probability above which a text is a food-safety case on its own (tuned with the next one for recall). */
    foodSafety: number;
    /** Lower bar when the food-safety lexicon also fires. */
    foodSafetyWithLexicon: number;
    angry: number;
    /** Below this confidence the complaint goes to human triage. */
    triage: number;
    /** Other issues at or above this probability are reported as secondary. */
    secondary: number;
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Uint8Array(128);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Base64 → bytes without Buffer or atob (this module runs in functions and could run in the app). */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = B64_INDEX[clean.charCodeAt(i)];
    const b = B64_INDEX[clean.charCodeAt(i + 1)];
    const c = B64_INDEX[clean.charCodeAt(i + 2)];
    const d = B64_INDEX[clean.charCodeAt(i + 3)];
    out[o++] = (a << 2) | (b >> 4);
    if (o < out.length) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (o < out.length) out[o++] = ((c & 3) << 6) | d;
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

export class LinearHead {
  readonly classes: string[];
  private readonly bias: Float64Array;
  private readonly weights: Int8Array;
  private readonly scale: number;
  private readonly norm: number;

  constructor(file: LinearHeadFile) {
    this.norm = file.norm ?? 0.5;
    this.classes = file.classes;
    this.bias = Float64Array.from(file.bias);
    const bytes = decodeBase64(file.weights);
    this.weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.scale = file.scale;
  }

  /** Raw scores for the active features (binary features, scaled by 1/n^norm as in training). */
  logits(features: Int32Array): Float64Array {
    const k = this.classes.length;
    const out = Float64Array.from(this.bias);
    if (features.length === 0) return out;
    const value = this.scale / (this.norm === 0.5 ? Math.sqrt(features.length) : Math.pow(features.length, this.norm));
    for (let f = 0; f < features.length; f++) {
      const row = features[f] * k;
      for (let c = 0; c < k; c++) out[c] += this.weights[row + c] * value;
    }
    return out;
  }
}

export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** A loaded model: build once per function instance, use for every complaint. */
export class LinearModel {
  readonly version: string;
  readonly thresholds: ModelFile['thresholds'];
  readonly issue: LinearHead;
  readonly foodSafety: LinearHead;
  readonly angry: LinearHead;
  readonly category?: LinearHead;
  private readonly index: Map<string, number>;

  constructor(readonly file: ModelFile) {
    if (file.format !== MODEL_FORMAT) throw new Error(`unsupported model format ${String(file.format)}`);
    this.version = file.version;
    this.thresholds = file.thresholds;
    this.index = new Map(file.vocab.map((f, i) => [f, i]));
    this.issue = new LinearHead(file.heads.issue);
    this.foodSafety = new LinearHead(file.heads.foodSafety);
    this.angry = new LinearHead(file.heads.angry);
    if (file.heads.category) this.category = new LinearHead(file.heads.category);
  }

  /** Feature strings → the ids this model knows (unknown n-grams carry no weight). */
  featureIds(features: string[]): Int32Array {
    const ids: number[] = [];
    for (const f of features) {
      const id = this.index.get(f);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  }
}
