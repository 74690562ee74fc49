/**
 * Experiment: does a hidden layer over the n-gram features help the issue head? Compares the linear issue head, a
 * network with one hidden layer of ReLU units over the same features (embeddings summed and scaled by 1/√n, or
 * max-pooled), and their mix (weighted mean log-probability), on the labels-dev folds (MODE=dev: each trained on
 * every extra label plus the other dev folds) or 5 folds over all labels (MODE=all). Issue head only: no category
 * head, no food-safety rule, no reranker. QUANT=global|unit rounds the embeddings to int8 as a model file would.
 *   MODE=all HIDDEN='{"d":32,"features":6000}' npx tsx scripts/classifier/experiments/hidden.ts
 * Measured at stop 16 (all labels, 1 split; linear 0.890 / 0.771): 32 units over the 6,000 most frequent features,
 * mixed at 0.7: 0.901 / 0.794 (all features: 0.899 / 0.790; 64 units: 0.902 / 0.791; int8 costs nothing). In the
 * product pipeline (category head, reranker retrained) the gain shrank to +0.9 subcategory over all labels and
 * none on the labels-dev folds (0.905 / 0.787 against 0.913 / 0.791), at 17–18k texts/s: not shipped.
 */
import { allIssueCodes } from '../../../shared/complaint/taxonomy';
import { extractFeatures } from '../../../shared/classifier/features';
import { softmax } from '../../../shared/classifier/math';
import { mulberry32 } from '../../../shared/random/mulberry32';
import { DEFAULT_TRAIN, featurize, issueIndex, shuffled } from '../train-lib';
import { experimentFolds, linearIssueHead } from './folds';

interface HiddenOptions {
  d: number;
  epochs: number;
  lr: number;
  dropout: number;
  /** How the feature embeddings become the hidden layer's input: their (1/√n scaled) sum, or the max per unit. */
  pool: 'sum' | 'max' | 'both';
  l2: number;
  seed: number;
  /** Share of a text's features dropped at random per training step. */
  wordDropout: number;
  /** Only the first N features (the most frequent) feed the network; 0 = all. */
  features: number;
}
const H: HiddenOptions = { d: 64, epochs: 10, lr: 0.05, dropout: 0.2, pool: 'sum', l2: 0, seed: 7, wordDropout: 0, features: 0, ...JSON.parse(process.env.HIDDEN ?? '{}') };

interface Net {
  E: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
  d: number;
  width: number;
  C: number;
  pool: HiddenOptions['pool'];
}

/** Hidden pre-activations of a text (sum and/or max pool of the feature embeddings); argmax per unit for max pooling. */
function pooled(net: Net, x: Int32Array, keep: Uint8Array | undefined, a: Float32Array, arg: Int32Array): void {
  const { E, b1, d, pool } = net;
  let n = 0;
  for (let k = 0; k < x.length; k++) if (!keep || keep[k]) n++;
  const v = n ? 1 / Math.sqrt(n) : 0;
  if (pool !== 'max') {
    for (let j = 0; j < d; j++) a[j] = b1[j];
    for (let k = 0; k < x.length; k++) {
      if (keep && !keep[k]) continue;
      const row = x[k] * d;
      for (let j = 0; j < d; j++) a[j] += E[row + j] * v;
    }
  }
  if (pool !== 'sum') {
    const off = pool === 'both' ? d : 0;
    for (let j = 0; j < d; j++) {
      a[off + j] = n ? -Infinity : 0;
      arg[j] = -1;
    }
    for (let k = 0; k < x.length; k++) {
      if (keep && !keep[k]) continue;
      const row = x[k] * d;
      for (let j = 0; j < d; j++) {
        const e = E[row + j];
        if (e > a[off + j]) {
          a[off + j] = e;
          arg[j] = x[k];
        }
      }
    }
  }
}

function forward(net: Net, x: Int32Array, keep: Uint8Array | undefined, a: Float32Array, arg: Int32Array, h: Float32Array, z: Float64Array, mask?: Float32Array): void {
  pooled(net, x, keep, a, arg);
  for (let j = 0; j < net.width; j++) h[j] = a[j] > 0 ? a[j] * (mask ? mask[j] : 1) : 0;
  const { W2, b2, C, width } = net;
  for (let c = 0; c < C; c++) z[c] = b2[c];
  for (let j = 0; j < width; j++) {
    const hj = h[j];
    if (!hj) continue;
    for (let c = 0; c < C; c++) z[c] += hj * W2[j * C + c];
  }
}

function trainNet(X: Int32Array[], y: number[], nFeatures: number, C: number, o: HiddenOptions): Net {
  const random = mulberry32(o.seed);
  const d = o.d;
  const width = o.pool === 'both' ? 2 * d : d;
  const r1 = 0.1;
  const r2 = Math.sqrt(6 / (width + C));
  const net: Net = {
    E: Float32Array.from({ length: nFeatures * d }, () => (random() * 2 - 1) * r1),
    b1: new Float32Array(d),
    W2: Float32Array.from({ length: width * C }, () => (random() * 2 - 1) * r2),
    b2: new Float32Array(C),
    d,
    width,
    C,
    pool: o.pool,
  };
  // AdaGrad accumulators
  const gE = new Float32Array(net.E.length).fill(1e-6);
  const gb1 = new Float32Array(d).fill(1e-6);
  const gW2 = new Float32Array(net.W2.length).fill(1e-6);
  const gb2 = new Float32Array(C).fill(1e-6);
  const a = new Float32Array(width);
  const arg = new Int32Array(d);
  const h = new Float32Array(width);
  const z = new Float64Array(C);
  const mask = new Float32Array(width);
  const da = new Float32Array(width);
  const order = X.map((_, i) => i);
  const keepBuf = new Uint8Array(4096);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      const x = X[i];
      let keep: Uint8Array | undefined;
      if (o.wordDropout) {
        keep = keepBuf.subarray(0, x.length);
        for (let k = 0; k < x.length; k++) keep[k] = random() >= o.wordDropout ? 1 : 0;
      }
      for (let j = 0; j < width; j++) mask[j] = random() >= o.dropout ? 1 / (1 - o.dropout) : 0;
      forward(net, x, keep, a, arg, h, z, mask);
      softmax(z, z);
      z[y[i]] -= 1;
      // output layer
      for (let j = 0; j < width; j++) {
        let s = 0;
        const hj = h[j];
        for (let c = 0; c < C; c++) {
          const k = j * C + c;
          s += net.W2[k] * z[c];
          if (hj) {
            const g = hj * z[c] + o.l2 * net.W2[k];
            gW2[k] += g * g;
            net.W2[k] -= (o.lr * g) / Math.sqrt(gW2[k]);
          }
        }
        da[j] = a[j] > 0 ? s * mask[j] : 0;
      }
      for (let c = 0; c < C; c++) {
        gb2[c] += z[c] * z[c];
        net.b2[c] -= (o.lr * z[c]) / Math.sqrt(gb2[c]);
      }
      // hidden layer
      let n = 0;
      for (let k = 0; k < x.length; k++) if (!keep || keep[k]) n++;
      const v = n ? 1 / Math.sqrt(n) : 0;
      if (o.pool !== 'max') {
        for (let j = 0; j < d; j++) {
          const g = da[j];
          gb1[j] += g * g;
          net.b1[j] -= (o.lr * g) / Math.sqrt(gb1[j]);
        }
        for (let k = 0; k < x.length; k++) {
          if (keep && !keep[k]) continue;
          const row = x[k] * d;
          for (let j = 0; j < d; j++) {
            const g = da[j] * v;
            if (!g) continue;
            gE[row + j] += g * g;
            net.E[row + j] -= (o.lr * g) / Math.sqrt(gE[row + j]);
          }
        }
      }
      if (o.pool !== 'sum') {
        const off = o.pool === 'both' ? d : 0;
        for (let j = 0; j < d; j++) {
          const g = da[off + j];
          if (!g || arg[j] < 0) continue;
          const k = arg[j] * d + j;
          gE[k] += g * g;
          net.E[k] -= (o.lr * g) / Math.sqrt(gE[k]);
        }
      }
    }
  }
  return net;
}

function predictNet(net: Net, x: Int32Array): Float64Array {
  const a = new Float32Array(net.width);
  const h = new Float32Array(net.width);
  const z = new Float64Array(net.C);
  forward(net, x, undefined, a, new Int32Array(net.d), h, z);
  softmax(z, z);
  return z;
}

const issues = allIssueCodes();
const opts = DEFAULT_TRAIN;
const mode = process.env.MODE ?? 'dev';
const repeats = Number(process.env.REPEATS ?? 1);
const mixes = [0, 0.3, 0.5, 0.7, 1];
const hits = mixes.map(() => ({ cat: 0, sub: 0 }));
let total = 0;
const t0 = Date.now();
for (const { train, test } of experimentFolds(mode, repeats, opts.seed)) {
  const y = train.map(issueIndex);
  const { vocab, X, toX, probabilities } = linearIssueHead(featurize(train, opts), y, opts);
  const cut = (x: Int32Array) => (H.features ? x.filter((f) => f < H.features) : x);
  const net = trainNet(X.map(cut), y, vocab.length, issues.length, H);
  if (process.env.QUANT === 'global') {
    let max = 0;
    for (const e of net.E) max = Math.max(max, Math.abs(e));
    const scale = max / 127;
    for (let i = 0; i < net.E.length; i++) net.E[i] = Math.round(net.E[i] / scale) * scale;
    console.log('max', max);
  } else if (process.env.QUANT === 'unit') {
    for (let j = 0; j < net.d; j++) {
      let max = 0;
      for (let i = j; i < net.E.length; i += net.d) max = Math.max(max, Math.abs(net.E[i]));
      const scale = max / 127;
      for (let i = j; i < net.E.length; i += net.d) net.E[i] = Math.round(net.E[i] / scale) * scale;
    }
  }
  for (const l of test) {
    const x = toX(extractFeatures(l.text));
    const zl = probabilities(x);
    const pn = predictNet(net, cut(x));
    const want = issueIndex(l);
    mixes.forEach((m, mi) => {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < issues.length; c++) {
        const s = (1 - m) * Math.log(zl[c] + 1e-12) + m * Math.log(pn[c] + 1e-12);
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      if (best === want) hits[mi].sub++;
      if (issues[best].split('.')[0] === l.category) hits[mi].cat++;
    });
    total++;
  }
}
console.log(JSON.stringify({ mode, repeats, H, seconds: Math.round((Date.now() - t0) / 1000) }));
mixes.forEach((m, mi) => console.log(`net share ${m.toFixed(1)}: cat ${(hits[mi].cat / total).toFixed(3)} sub ${(hits[mi].sub / total).toFixed(3)}`));
