/**
 * The fold split the issue-head experiments share (hidden.ts, words.ts): MODE=dev gives the labels-dev folds, each
 * trained on every other training label plus the other dev folds; MODE=all gives 5 folds over all training labels.
 */
import { allIssueCodes } from '../../../shared/complaint/taxonomy';
import { splitDev, trainingLabels, type LabelledText } from '../data';
import { softmax } from '../../../shared/classifier/math';
import { buildVocab, foldsOf, split, trainLinear, type TrainOptions } from '../train-lib';

const issues = allIssueCodes();

/** Every (train, test) pair of `repeats` fold shuffles. */
export function experimentFolds(mode: string, repeats: number, seed: number, k = 5): Array<{ train: LabelledText[]; test: LabelledText[] }> {
  const all = trainingLabels();
  const { dev, extra } = splitDev(all);
  const pool = mode === 'dev' ? dev : all;
  const out: Array<{ train: LabelledText[]; test: LabelledText[] }> = [];
  for (let r = 0; r < repeats; r++) {
    const fold = foldsOf(pool.length, k, (seed ^ 0xd5) + r);
    for (let f = 0; f < k; f++) {
      const { inside, outside } = split(pool, fold, f);
      out.push({ train: mode === 'dev' ? [...extra, ...outside] : outside, test: inside });
    }
  }
  return out;
}

/** The linear issue head over the training texts' feature strings: their ids (X), the lookup for any text, its probabilities. */
export function linearIssueHead(docs: string[][], y: number[], opts: TrainOptions) {
  const vocab = buildVocab(docs, opts);
  const index = new Map(vocab.map((s, i) => [s, i]));
  const toX = (doc: string[]) => Int32Array.from(doc.flatMap((s) => (index.has(s) ? [index.get(s)!] : [])));
  const X = docs.map(toX);
  const C = issues.length;
  const targets = y.map((c) => Float64Array.from({ length: C }, (_, j) => (j === c ? 1 : 0)));
  const linear = trainLinear(X, targets, new Float64Array(docs.length).fill(1), vocab.length, C, opts, opts.seed, 0.5);
  const probabilities = (x: Int32Array): Float64Array => {
    const v = x.length ? 1 / Math.sqrt(x.length) : 0;
    const z = Float64Array.from(linear.bias);
    for (const feat of x) for (let c = 0; c < C; c++) z[c] += linear.weights[feat * C + c] * v;
    return softmax(z, z);
  };
  return { vocab, X, toX, probabilities };
}
