/** Percentiles over latency samples (milliseconds), nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (samples: number[]) => percentile(samples, 50);
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One benchmark figure per line, as JSON: easy to grep, diff and plot. */
export function emit(record: Record<string, unknown>): void {
  console.log(JSON.stringify(record));
}
