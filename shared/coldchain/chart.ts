import type { ColdChainEvidence } from './evidence';

/** Where things go on the hand-drawn temperature chart, in percent of the plot (left from the start, bottom up). */
export interface TemperatureChartLayout {
  yMin: number;
  yMax: number;
  /** Height of the threshold line. */
  thresholdPct: number;
  points: Array<{ leftPct: number; bottomPct: number; over: boolean; at: string; celsius: number }>;
  /** Excursions, shaded. */
  excursions: Array<{ leftPct: number; widthPct: number; minutes: number }>;
  /** Stretches without readings, hatched. */
  gaps: Array<{ leftPct: number; widthPct: number; minutes: number }>;
  from: string;
  to: string;
}

const clamp = (n: number) => Math.max(0, Math.min(100, n));
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The y axis spans the readings and the threshold with at least 5 °C either side, in whole 5 °C steps, so the
 * threshold line never sits on an edge; the x axis runs from dispatch (or the first reading) to delivery (or the
 * last), so late starts and early stops show as the gaps they are.
 */
export function temperatureChartLayout(e: Pick<ColdChainEvidence, 'curve' | 'thresholdCelsius' | 'excursions' | 'gaps' | 'dispatchedAt' | 'deliveredAt'>): TemperatureChartLayout {
  const temps = e.curve.map((p) => p.celsius);
  const yMin = Math.floor((Math.min(e.thresholdCelsius - 5, ...temps) - 1) / 5) * 5;
  const yMax = Math.ceil((Math.max(e.thresholdCelsius + 5, ...temps) + 1) / 5) * 5;
  const times = e.curve.map((p) => Date.parse(p.at));
  const from = Math.min(Date.parse(e.dispatchedAt), ...times);
  const to = Math.max(e.deliveredAt ? Date.parse(e.deliveredAt) : -Infinity, ...times, from + 60_000);
  const x = (iso: string) => clamp(((Date.parse(iso) - from) / (to - from)) * 100);
  const y = (c: number) => clamp(((c - yMin) / (yMax - yMin)) * 100);
  const span = (start: string, end: string) => ({ leftPct: round2(x(start)), widthPct: round2(Math.max(0.5, x(end) - x(start))) });
  return {
    yMin,
    yMax,
    thresholdPct: round2(y(e.thresholdCelsius)),
    points: e.curve.map((p) => ({ leftPct: round2(x(p.at)), bottomPct: round2(y(p.celsius)), over: p.celsius > e.thresholdCelsius, at: p.at, celsius: p.celsius })),
    excursions: e.excursions.map((ex) => ({ ...span(ex.start, ex.end), minutes: ex.minutes })),
    gaps: e.gaps.map((g) => ({ ...span(g.from, g.to), minutes: g.minutes })),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  };
}
