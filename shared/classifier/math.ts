/** The link functions of the classifier's heads. */

/** Softmax of `logits` into `out` (which may be `logits` itself). */
export function softmax(logits: Float64Array, out = new Float64Array(logits.length)): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
