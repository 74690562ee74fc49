/**
 * The classifier's model file: a vocabulary of features and linear heads with int8-quantized weights
 * (one scale per head), so a model of tens of thousands of features stays well under 2 MB and loads in
 * milliseconds. Built by scripts/classifier/train.ts from the labelled data; deterministic.
 */
import { ClauseTracker, type ClauseScore } from './clause-scores';
import { gramText, type FeatureConfig, type FeatureSink, type GramPrefix } from './features';
import type { RerankFile } from './rerank';

export { sigmoid, softmax } from './math';

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
  /** Optional: the second stage that may swap the primary issue for the runner-up, from the clauses' scores. */
  rerank?: RerankFile;
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
  readonly bias: Float64Array;
  readonly weights: Int8Array;
  readonly scale: number;
  readonly norm: number;

  constructor(file: LinearHeadFile) {
    this.norm = file.norm ?? 0.5;
    this.classes = file.classes;
    this.bias = Float64Array.from(file.bias);
    const bytes = decodeBase64(file.weights);
    this.weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.scale = file.scale;
  }

  /** What one active feature is worth in a text with n of them (int8 weight × this: binary features scaled by 1/n^norm, as in training). */
  featureValue(n: number): number {
    return this.scale / (this.norm === 0.5 ? Math.sqrt(n) : Math.pow(n, this.norm));
  }
}

/** Every head's raw scores for one text. */
export interface HeadScores {
  issue: Float64Array;
  foodSafety: number;
  angry: number;
  category?: Float64Array;
}

const GRAM_PREFIXES: GramPrefix[] = ['', 'p:', '1:'];

/**
 * Feature ids of n-grams of one to three BMP characters, keyed by their code points (16 bits each) with the prefix
 * and length: an open-addressing table on typed arrays, so a lookup builds no string and allocates nothing.
 */
class GramTable {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.ids = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  set(hi: number, lo: number, id: number): void {
    let at = slot(hi, lo) & this.mask;
    while (this.ids[at] >= 0 && !(this.hi[at] === hi && this.lo[at] === lo)) at = (at + 1) & this.mask;
    this.hi[at] = hi;
    this.lo[at] = lo;
    this.ids[at] = id;
  }

  /** The id, or -1. */
  get(hi: number, lo: number): number {
    for (let at = slot(hi, lo) & this.mask; this.ids[at] >= 0; at = (at + 1) & this.mask) {
      if (this.hi[at] === hi && this.lo[at] === lo) return this.ids[at];
    }
    return -1;
  }

  /** The id of the n-gram `codes[from, from + n)` with its prefix: -1 when unknown, -2 when it cannot be keyed. */
  find(prefix: GramPrefix, codes: readonly number[], from: number, n: number): number {
    return this.keyOf(prefix, codes, from, n) ? this.get(this.keyHi, this.keyLo) : -2;
  }

  /** False when the n-gram cannot be keyed. */
  insert(prefix: GramPrefix, codes: readonly number[], id: number): boolean {
    if (!this.keyOf(prefix, codes, 0, codes.length)) return false;
    this.set(this.keyHi, this.keyLo, id);
    return true;
  }

  private keyHi = 0;
  private keyLo = 0;

  /** Puts the key in keyHi/keyLo (prefix and length, first of three code points | the other code points); false for characters beyond the BMP or more than 3. */
  private keyOf(prefix: GramPrefix, codes: readonly number[], from: number, n: number): boolean {
    if (n < 1 || n > 3) return false;
    let hi = (GRAM_PREFIXES.indexOf(prefix) * 4 + n) << 16;
    let lo = 0;
    for (let j = 0; j < n; j++) {
      const c = codes[from + j];
      if (c > 0xffff) return false;
      if (n === 3 && j === 0) hi |= c;
      else lo = ((lo << 16) | c) >>> 0;
    }
    this.keyHi = hi >>> 0;
    this.keyLo = lo;
    return true;
  }
}

/**
 * The sink LinearModel.idsOf hands to feature extraction: looks each feature up and keeps its id once; the n-grams
 * of the text itself (not the first clause's copy) also go to the clause tracker.
 */
class IdCollector implements FeatureSink {
  readonly ids: number[] = [];
  codesOf: readonly string[] | undefined;
  private codes: number[] = [];

  constructor(
    private readonly index: Map<string, number>,
    private readonly grams: GramTable,
    private readonly seen: Uint8Array,
    readonly clauses: ClauseTracker,
  ) {}

  gram(prefix: GramPrefix, chars: readonly string[], from: number, n: number): void {
    if (chars !== this.codesOf) {
      this.codesOf = chars;
      this.codes = chars.map((ch) => ch.codePointAt(0)!);
    }
    let id = this.grams.find(prefix, this.codes, from, n);
    if (id === -2) id = this.index.get(gramText(prefix, chars, from, n)) ?? -1;
    if (id < 0) return;
    this.take(id);
    if (prefix !== '1:') this.clauses.add(chars, id, from, n);
  }

  feature(name: string): void {
    this.take(this.index.get(name));
  }

  private take(id: number | undefined): void {
    if (id !== undefined && !this.seen[id]) {
      this.seen[id] = 1;
      this.ids.push(id);
    }
  }
}

function slot(hi: number, lo: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 13);
}

/** A loaded model: build once per function instance, use for every complaint. */
export class LinearModel {
  readonly version: string;
  readonly thresholds: ModelFile['thresholds'];
  readonly issue: LinearHead;
  readonly foodSafety: LinearHead;
  readonly angry: LinearHead;
  readonly category?: LinearHead;
  private readonly index: Map<string, number>;
  /** The same ids for n-grams of up to three BMP characters, found by code points. */
  private readonly grams: GramTable;
  /** Per feature id: set while one text's ids are collected (de-duplication without a Set of strings). */
  private readonly seen: Uint8Array;
  /** The heads in scoring order, their first column in `packed`, and the columns per feature. */
  private readonly heads: LinearHead[];
  private readonly offsets: number[];
  private readonly width: number;
  private readonly collector: IdCollector;
  /** Every head's int8 weights, one row of `width` per feature. */
  private readonly packed: Int8Array;
  private readonly sums: Int32Array;

  constructor(readonly file: ModelFile) {
    if (file.format !== MODEL_FORMAT) throw new Error(`unsupported model format ${String(file.format)}`);
    this.version = file.version;
    this.thresholds = file.thresholds;
    // N-grams go into the code-point table; the string map keeps the rest (rule features, characters beyond the
    // BMP). A name can read two ways ("p:x" is the trigram p, :, x and the praise unigram x): it is found by both.
    this.index = new Map();
    this.grams = new GramTable(file.vocab.length * 2);
    this.seen = new Uint8Array(file.vocab.length);
    this.collector = new IdCollector(this.index, this.grams, this.seen, new ClauseTracker(file.vocab.length));
    const codes: number[] = [];
    file.vocab.forEach((name, id) => {
      let keyed = false;
      for (const prefix of GRAM_PREFIXES) {
        if (!name.startsWith(prefix) || name.length - prefix.length > 3) continue;
        codes.length = 0;
        for (let i = prefix.length; i < name.length; i++) codes.push(name.charCodeAt(i));
        // A surrogate half is not a character: such names stay in the string map.
        if (codes.every((c) => c < 0xd800 || c > 0xdfff)) keyed = this.grams.insert(prefix, codes, id) || keyed;
      }
      if (!keyed) this.index.set(name, id);
    });
    this.issue = new LinearHead(file.heads.issue);
    this.foodSafety = new LinearHead(file.heads.foodSafety);
    this.angry = new LinearHead(file.heads.angry);
    if (file.heads.category) this.category = new LinearHead(file.heads.category);
    this.heads = [this.issue, this.foodSafety, this.angry, ...(this.category ? [this.category] : [])];
    this.offsets = [];
    let width = 0;
    for (const head of this.heads) {
      this.offsets.push(width);
      width += head.classes.length;
    }
    this.width = width;
    this.sums = new Int32Array(width);
    this.packed = new Int8Array(file.vocab.length * width);
    this.heads.forEach((head, h) => {
      const k = head.classes.length;
      const w = head.weights;
      for (let f = 0, from = 0, to = this.offsets[h]; f < file.vocab.length; f++, to += width - k) {
        for (let c = 0; c < k; c++) this.packed[to++] = w[from++];
      }
    });
  }

  /**
   * The ids of the features `produce` hands to the sink that this model knows (unknown ones carry no weight), each
   * once, in the order first seen. N-grams of up to three BMP characters are found by their code points, without
   * building their strings. (One collector per model, reused: classify is synchronous.)
   */
  idsOf(produce: (sink: FeatureSink) => void): Int32Array {
    const collector = this.collector;
    collector.ids.length = 0;
    collector.codesOf = undefined;
    collector.clauses.reset();
    produce(collector);
    for (const id of collector.ids) this.seen[id] = 0;
    return Int32Array.from(collector.ids);
  }

  /** The probabilities over `candidates` (issue indices) of each clause of the text idsOf read last, from the n-grams it found in them. */
  clauseScores(candidates: readonly number[]): ClauseScore[] {
    return this.collector.clauses.scores(this.issue, this.packed, this.width, candidates);
  }

  /**
   * All heads in one pass over the active features: their int8 weights sit side by side per feature, are summed as
   * integers, and are scaled once per head.
   */
  scores(ids: Int32Array): HeadScores {
    const { packed, width, sums } = this;
    sums.fill(0);
    for (let f = 0; f < ids.length; f++) {
      const row = ids[f] * width;
      for (let c = 0; c < width; c++) sums[c] += packed[row + c];
    }
    const logits = (head: LinearHead, offset: number): Float64Array => {
      const out = head.bias.slice();
      if (ids.length === 0) return out;
      const value = head.featureValue(ids.length);
      for (let c = 0; c < out.length; c++) out[c] += sums[offset + c] * value;
      return out;
    };
    const [issue, foodSafety, angry, category] = this.heads.map((head, h) => logits(head, this.offsets[h]));
    return { issue, foodSafety: foodSafety[0], angry: angry[0], ...(category ? { category } : {}) };
  }
}
