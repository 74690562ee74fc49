import type { ShipmentDoc, TemperatureReading } from '../catalog/model';

/** Frozen goods must stay at or below −15 °C (DOMAIN.md "Compensation"); exactly −15 °C is not an excursion. */
export const DEFAULT_THRESHOLD_CELSIUS = -15;
/** Loggers sample every ~10 min; more than 30 min without a reading means at least two samples are missing. */
export const DEFAULT_MAX_GAP_MINUTES = 30;

const MINUTE_MS = 60_000;

export interface ExcursionOptions {
  thresholdCelsius?: number;
  maxGapMinutes?: number;
  /**
   * The period the readings should cover (dispatch → delivery). When given, a first reading later than `from`
   * (or a last one earlier than `to`) by more than `maxGapMinutes` counts as a gap.
   */
  from?: Date;
  to?: Date;
}

/** One continuous period above the threshold. */
export interface Excursion {
  start: Date;
  end: Date;
  minutes: number;
  peakCelsius: number;
  /** It runs into the first or last reading, so the real excursion may have been longer. */
  truncated: boolean;
}

export interface DataGap {
  from: Date;
  to: Date;
  minutes: number;
}

export interface ExcursionSummary {
  thresholdCelsius: number;
  readingCount: number;
  /** Readings dropped because their time or temperature was not a number. */
  ignoredReadings: number;
  /** Total minutes above the threshold, to 0.1 min (rule tiers compare this). */
  minutesAbove: number;
  excursionCount: number;
  excursions: Excursion[];
  /** The longest excursion (the first one on a tie); absent when the shipment stayed cold. */
  longest?: Excursion;
  /** Plain statistics of the samples, °C to 0.1; absent without readings. */
  minCelsius?: number;
  maxCelsius?: number;
  meanCelsius?: number;
  firstAt?: Date;
  lastAt?: Date;
  /** No readings, a single reading (no time can be measured), or gaps longer than `maxGapMinutes`. */
  missingData: boolean;
  gaps: DataGap[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const minutesOf = (ms: number) => round1(ms / MINUTE_MS);

/**
 * Time above the threshold, from samples.
 *
 * Between two consecutive readings the temperature is taken to change linearly, so an interval that crosses the
 * threshold counts only its part above it (crossing time by linear interpolation). This neither rewards nor
 * penalises the 10-minute sampling: counting whole intervals would add up to 10 min per excursion edge, counting
 * only samples would drop them. Gaps are interpolated the same way (it is still the best estimate) but reported in
 * `gaps`/`missingData`, so a person checks before compensating on them.
 */
export function summarizeExcursions(readings: readonly TemperatureReading[], options: ExcursionOptions = {}): ExcursionSummary {
  const threshold = options.thresholdCelsius ?? DEFAULT_THRESHOLD_CELSIUS;
  const maxGapMs = (options.maxGapMinutes ?? DEFAULT_MAX_GAP_MINUTES) * MINUTE_MS;

  const valid = readings
    .filter((r) => r && r.at instanceof Date && Number.isFinite(r.at.getTime()) && Number.isFinite(r.celsius))
    .map((r) => ({ t: r.at.getTime(), c: r.celsius }))
    .sort((a, b) => a.t - b.t);

  const summary: ExcursionSummary = {
    thresholdCelsius: threshold,
    readingCount: valid.length,
    ignoredReadings: readings.length - valid.length,
    minutesAbove: 0,
    excursionCount: 0,
    excursions: [],
    missingData: valid.length < 2,
    gaps: [],
  };

  const gap = (from: number, to: number) => {
    if (to - from > maxGapMs) summary.gaps.push({ from: new Date(from), to: new Date(to), minutes: minutesOf(to - from) });
  };

  if (valid.length === 0) {
    if (options.from && options.to) gap(options.from.getTime(), options.to.getTime());
    return summary;
  }

  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of valid) {
    sum += r.c;
    min = Math.min(min, r.c);
    max = Math.max(max, r.c);
  }
  summary.minCelsius = round1(min);
  summary.maxCelsius = round1(max);
  // A plain sample mean: the readings are (nearly) evenly spaced, and it is what the curve shows.
  summary.meanCelsius = round1(sum / valid.length);
  summary.firstAt = new Date(valid[0].t);
  summary.lastAt = new Date(valid[valid.length - 1].t);

  if (options.from) gap(options.from.getTime(), valid[0].t);

  const runs: Array<{ start: number; end: number; peak: number; truncated: boolean }> = [];
  let open: (typeof runs)[number] | undefined;
  const above = (c: number) => c > threshold;

  if (above(valid[0].c)) open = { start: valid[0].t, end: valid[0].t, peak: valid[0].c, truncated: true };

  let aboveMs = 0;
  for (let i = 1; i < valid.length; i++) {
    const a = valid[i - 1];
    const b = valid[i];
    gap(a.t, b.t);
    const aUp = above(a.c);
    const bUp = above(b.c);
    if (aUp && bUp) {
      aboveMs += b.t - a.t;
      open!.peak = Math.max(open!.peak, b.c);
    } else if (aUp || bUp) {
      // The interval crosses the threshold once: find where by linear interpolation.
      const cross = a.t + ((threshold - a.c) / (b.c - a.c)) * (b.t - a.t);
      if (bUp) {
        aboveMs += b.t - cross;
        open = { start: cross, end: cross, peak: b.c, truncated: false };
      } else {
        aboveMs += cross - a.t;
        open!.end = cross;
        runs.push(open!);
        open = undefined;
      }
    }
  }
  if (open) {
    open.end = valid[valid.length - 1].t;
    open.truncated = true;
    runs.push(open);
  }

  if (options.to) gap(valid[valid.length - 1].t, options.to.getTime());

  summary.excursions = runs.map((r) => ({
    start: new Date(Math.round(r.start)),
    end: new Date(Math.round(r.end)),
    minutes: minutesOf(r.end - r.start),
    peakCelsius: round1(r.peak),
    truncated: r.truncated,
  }));
  summary.excursionCount = runs.length;
  summary.minutesAbove = minutesOf(aboveMs);
  summary.longest = summary.excursions.reduce<Excursion | undefined>((best, e) => (!best || e.minutes > best.minutes ? e : best), undefined);
  summary.missingData = summary.missingData || summary.gaps.length > 0;
  return summary;
}

/** The same for a stored shipment: its own threshold, and its dispatch → delivery period as the expected coverage. */
export function summarizeShipment(
  shipment: Pick<ShipmentDoc, 'readings' | 'thresholdCelsius' | 'dispatchedAt' | 'deliveredAt'>,
  options: Pick<ExcursionOptions, 'maxGapMinutes'> = {},
): ExcursionSummary {
  return summarizeExcursions(shipment.readings, {
    thresholdCelsius: Number.isFinite(shipment.thresholdCelsius) ? shipment.thresholdCelsius : DEFAULT_THRESHOLD_CELSIUS,
    maxGapMinutes: options.maxGapMinutes,
    from: shipment.dispatchedAt,
    to: shipment.deliveredAt,
  });
}
