/**
 * Per-clause issue scores from the n-grams the model already looked up for the whole text: each n-gram found
 * inside one clause adds its issue weights to that clause's sum, so no clause is read twice. The primary-issue
 * reranker (rerank.ts) reads how the clauses spread over the model's two best answers — LABELING.md's "the
 * problem stressed most". The clauses are only mapped and summed when the reranker asks.
 */
import { CLAUSE_BREAK_CHARS } from './features';
import { softmax } from './math';
import type { LinearHead } from './model';

/** One clause of a text: its probabilities over the candidate issues from its own n-grams, and its length. */
export interface ClauseScore {
  /** Per issue; 0 for issues that were not candidates. */
  p: Float64Array;
  /** The clause's most likely candidate. */
  top: number;
  /** Characters, the ^ $ markers not counted. */
  length: number;
  /** The clause's text (built only when a rule reads it). */
  text(): string;
}

const IS_BREAK = new Uint8Array(0x10000);
for (const ch of CLAUSE_BREAK_CHARS) IS_BREAK[ch.charCodeAt(0)] = 1;

class Clause implements ClauseScore {
  constructor(
    readonly p: Float64Array,
    readonly top: number,
    readonly length: number,
    private readonly chars: readonly string[],
    private readonly start: number,
    private readonly end: number,
  ) {}

  text(): string {
    return this.chars.slice(this.start, this.end).join('');
  }
}

export class ClauseTracker {
  /** The text's characters (visitFeatures's `^text$`): the array of the first n-gram found. */
  private chars: readonly string[] | undefined;
  /** Per n-gram found in `chars`: its feature id, and its start * 4 + its length. */
  private found = new Int32Array(512);
  private nFound = 0;
  private mapped = false;
  /** Per character: its clause, or -1 for a break (or a run with nothing but the markers). */
  private clauseOf = new Int32Array(64);
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly lengths: number[] = [];
  private sums = new Int32Array(256);
  /** Per feature: the stamp of the clause that last counted it (de-duplication within a clause). */
  private readonly mark: Int32Array;
  private stamp = 0;

  constructor(vocabSize: number) {
    this.mark = new Int32Array(vocabSize);
  }

  reset(): void {
    this.chars = undefined;
    this.nFound = 0;
    this.mapped = false;
  }

  /** The n-gram `chars[from, from + n)` is feature `id`; n-grams of other arrays (the first clause's copy) are not the text's. */
  add(chars: readonly string[], id: number, from: number, n: number): void {
    if (this.chars === undefined) this.chars = chars;
    else if (chars !== this.chars) return;
    if (this.nFound * 2 + 2 > this.found.length) {
      const grown = new Int32Array(this.found.length * 2);
      grown.set(this.found);
      this.found = grown;
    }
    this.found[this.nFound * 2] = id;
    this.found[this.nFound * 2 + 1] = from * 4 + n;
    this.nFound++;
  }

  /**
   * Each clause's probabilities over the `candidates` (issue indices; the others get 0): the issue head's weights for
   * them over the clause's distinct n-grams, scaled as a text of that many features. A few candidates, not all 21
   * issues: the reranker only asks how the clauses lean among the text's likely issues, at a quarter of the sums.
   */
  scores(head: LinearHead, packed: Int8Array, width: number, candidates: readonly number[]): ClauseScore[] {
    this.map();
    const count = this.lengths.length;
    const k = candidates.length;
    if (this.sums.length < count * k) this.sums = new Int32Array(count * k * 2);
    const sums = this.sums.fill(0, 0, count * k);
    const features = new Int32Array(count);
    if (this.stamp > 0x7fffffff - count) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    const base = this.stamp + 1;
    this.stamp += count;
    const { clauseOf, found } = this;
    for (let f = 0; f < this.nFound; f++) {
      const from = found[f * 2 + 1] >> 2;
      const c = clauseOf[from];
      // n-grams spanning a break belong to no clause
      if (c < 0 || clauseOf[from + (found[f * 2 + 1] & 3) - 1] !== c) continue;
      const id = found[f * 2];
      if (this.mark[id] === base + c) continue;
      this.mark[id] = base + c;
      features[c]++;
      for (let j = 0, row = id * width, at = c * k; j < k; j++) sums[at + j] += packed[row + candidates[j]];
    }
    const out: ClauseScore[] = [];
    const logits = new Float64Array(k);
    for (let c = 0; c < count; c++) {
      const value = features[c] ? head.featureValue(features[c]) : 0;
      let top = 0;
      for (let j = 0; j < k; j++) {
        logits[j] = head.bias[candidates[j]] + sums[c * k + j] * value;
        if (logits[j] > logits[top]) top = j;
      }
      softmax(logits, logits);
      const p = new Float64Array(head.classes.length);
      for (let j = 0; j < k; j++) p[candidates[j]] = logits[j];
      out.push(new Clause(p, candidates[top], this.lengths[c], this.chars!, this.starts[c], this.ends[c]));
    }
    return out;
  }

  /** Numbers the runs of non-break characters that hold more than the ^ $ markers. */
  private map(): void {
    if (this.mapped) return;
    this.mapped = true;
    this.starts.length = this.ends.length = this.lengths.length = 0;
    const chars = this.chars;
    if (!chars) return;
    if (this.clauseOf.length < chars.length) this.clauseOf = new Int32Array(chars.length * 2);
    const last = chars.length - 1;
    let run = -1;
    for (let i = 0; i <= chars.length; i++) {
      if (i < chars.length && !IS_BREAK[chars[i].charCodeAt(0)]) {
        if (run < 0) run = i;
        this.clauseOf[i] = this.lengths.length;
        continue;
      }
      if (i < chars.length) this.clauseOf[i] = -1;
      if (run < 0) continue;
      // the run without the markers: ^ opens the text, $ closes it
      const start = run === 0 ? 1 : run;
      const end = i === chars.length ? last : i;
      if (end > start) {
        this.starts.push(start);
        this.ends.push(end);
        this.lengths.push(end - start);
      } else this.clauseOf.fill(-1, run, i);
      run = -1;
    }
  }
}
