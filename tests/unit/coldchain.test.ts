import { describe, expect, test } from 'vitest';
import type { TemperatureReading } from '../../shared/catalog/model';
import { DEFAULT_THRESHOLD_CELSIUS, summarizeExcursions, summarizeShipment } from '../../shared/coldchain';

const T0 = new Date('2026-11-20T08:00:00+08:00').getTime();
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

/** One reading every `step` minutes from T0. */
const series = (temps: number[], step = 10): TemperatureReading[] => temps.map((celsius, i) => ({ at: at(i * step), celsius }));

// Exactly −15 °C is "at or below": these curves touch the threshold on a sample, so the crossings are exact.
const FORTY = [-18, -17, -15, -12, -10, -12, -15, -17, -18];
const ONE_FIFTY = [-18, -15, -12, -9, -7, -5, -4, -3, -4, -5, -6, -7, -8, -9, -10, -12, -15, -18];

describe('cold-chain excursions from temperature samples', () => {
  test('no readings: missing data, nothing measured', () => {
    const s = summarizeExcursions([]);
    expect(s).toMatchObject({ thresholdCelsius: -15, readingCount: 0, minutesAbove: 0, excursionCount: 0, excursions: [], missingData: true, gaps: [] });
    expect(s.longest).toBeUndefined();
    expect(s.minCelsius).toBeUndefined();
    expect(s.meanCelsius).toBeUndefined();
    expect(DEFAULT_THRESHOLD_CELSIUS).toBe(-15);
  });

  test('all cold: zero minutes, statistics of the samples', () => {
    const s = summarizeExcursions(series([-18, -17.5, -18.3, -16.2, -19]));
    expect(s).toMatchObject({ readingCount: 5, minutesAbove: 0, excursionCount: 0, missingData: false, minCelsius: -19, maxCelsius: -16.2, meanCelsius: -17.8 });
    expect(s.longest).toBeUndefined();
    expect(s.firstAt).toEqual(at(0));
    expect(s.lastAt).toEqual(at(40));
  });

  test('one 40-minute excursion', () => {
    const s = summarizeExcursions(series(FORTY));
    expect(s.minutesAbove).toBe(40);
    expect(s.excursionCount).toBe(1);
    expect(s.longest).toEqual({ start: at(20), end: at(60), minutes: 40, peakCelsius: -10, truncated: false });
    expect(s.maxCelsius).toBe(-10);
  });

  test('one 150-minute excursion', () => {
    const s = summarizeExcursions(series(ONE_FIFTY));
    expect(s.minutesAbove).toBe(150);
    expect(s.longest).toMatchObject({ start: at(10), end: at(160), minutes: 150, peakCelsius: -3 });
  });

  test('crossings inside an interval are interpolated linearly', () => {
    // −16 → −14 crosses −15 half-way (5 min), −14 → −17 a third of the way (3⅓ min).
    const s = summarizeExcursions(series([-16, -14, -17]));
    expect(s.minutesAbove).toBe(8.3);
    expect(s.longest?.start).toEqual(at(5));
    expect(s.longest?.end.getTime()).toBe(T0 + Math.round((10 + 10 / 3) * MIN));
  });

  test('two excursions: counted separately, the longest one reported, minutes added up', () => {
    const s = summarizeExcursions(series([-18, -15, -13, -15, -18, -18, -15, -12, -11, -12, -15, -18]));
    expect(s.excursionCount).toBe(2);
    expect(s.excursions.map((e) => e.minutes)).toEqual([20, 40]);
    expect(s.minutesAbove).toBe(60);
    expect(s.longest).toMatchObject({ start: at(60), end: at(100), minutes: 40, peakCelsius: -11 });
  });

  test('the first of two equally long excursions is the longest', () => {
    const s = summarizeExcursions(series([-18, -15, -13, -15, -18, -15, -12, -15, -18]));
    expect(s.longest).toMatchObject({ start: at(10), peakCelsius: -13 });
  });

  test('unsorted input gives the same answer', () => {
    const sorted = series(FORTY);
    const shuffled = [sorted[5], sorted[0], sorted[8], sorted[2], sorted[7], sorted[1], sorted[4], sorted[3], sorted[6]];
    expect(summarizeExcursions(shuffled)).toEqual(summarizeExcursions(sorted));
  });

  test('a gap longer than the maximum is missing data (still interpolated, and listed)', () => {
    const readings = [...series([-18, -17, -16]), { at: at(80), celsius: -17 }, { at: at(90), celsius: -18 }];
    const s = summarizeExcursions(readings);
    expect(s.missingData).toBe(true);
    expect(s.gaps).toEqual([{ from: at(20), to: at(80), minutes: 60 }]);
    expect(s.minutesAbove).toBe(0);
    // The same data is complete when an hour without a reading is tolerated.
    expect(summarizeExcursions(readings, { maxGapMinutes: 60 }).missingData).toBe(false);
  });

  test('warm on both sides of a gap: the gap counts as above, and the data is flagged', () => {
    const s = summarizeExcursions([...series([-18, -15, -10]), { at: at(80), celsius: -10 }, { at: at(90), celsius: -15 }]);
    expect(s.minutesAbove).toBe(80);
    expect(s.missingData).toBe(true);
  });

  test('expected coverage: readings that start late or stop early are gaps', () => {
    const s = summarizeExcursions(series([-18, -18, -18]), { from: at(-60), to: at(25) });
    expect(s.gaps).toEqual([{ from: at(-60), to: at(0), minutes: 60 }]);
    expect(summarizeExcursions([], { from: at(0), to: at(120) }).gaps).toEqual([{ from: at(0), to: at(120), minutes: 120 }]);
  });

  test('an excursion at the edge of the data is marked truncated', () => {
    const s = summarizeExcursions(series([-12, -13, -15, -18, -15, -11]));
    expect(s.excursions).toEqual([
      { start: at(0), end: at(20), minutes: 20, peakCelsius: -12, truncated: true },
      { start: at(40), end: at(50), minutes: 10, peakCelsius: -11, truncated: true },
    ]);
  });

  test('a single reading measures no time: missing data', () => {
    const s = summarizeExcursions(series([-10]));
    expect(s).toMatchObject({ readingCount: 1, minutesAbove: 0, excursionCount: 1, missingData: true });
  });

  test('unreadable readings are ignored and counted', () => {
    const s = summarizeExcursions([...series([-18, -17]), { at: new Date('nope'), celsius: 3 }, { at: at(20), celsius: Number.NaN }]);
    expect(s).toMatchObject({ readingCount: 2, ignoredReadings: 2, minutesAbove: 0 });
  });

  test('another threshold (chilled goods at 4 °C)', () => {
    const s = summarizeExcursions(series([2, 4, 6, 4, 2]), { thresholdCelsius: 4 });
    expect(s).toMatchObject({ thresholdCelsius: 4, minutesAbove: 20, excursionCount: 1 });
  });

  test('a stored shipment: its own threshold, dispatch → delivery as the expected coverage', () => {
    const readings = series(FORTY);
    const shipment = { readings, thresholdCelsius: -15, dispatchedAt: at(0), deliveredAt: at(80) };
    expect(summarizeShipment(shipment)).toMatchObject({ minutesAbove: 40, missingData: false });
    expect(summarizeShipment({ ...shipment, deliveredAt: at(200) }).gaps).toEqual([{ from: at(80), to: at(200), minutes: 120 }]);
    expect(summarizeShipment({ ...shipment, thresholdCelsius: -11 }).minutesAbove).toBe(10);
  });

  test('the demo "excursion_40" curve comes to about 43 minutes above −15 °C', () => {
    const s = summarizeExcursions(series([-18, -15.8, -13.9, -12.4, -11.8, -13.1, -15.6, -16.9]));
    expect(s.minutesAbove).toBe(43.4);
    expect(s.longest?.peakCelsius).toBe(-11.8);
  });

  // Edge cases from logistics imports: loggers re-send, clocks collide, files arrive out of order.
  test('two readings at the same instant (a re-sent sample with another value) do not break the arithmetic', () => {
    const s = summarizeExcursions([...series([-18, -14, -18]), { at: at(10), celsius: -16 }]);
    expect(Number.isFinite(s.minutesAbove)).toBe(true);
    expect(s.minutesAbove).toBeGreaterThan(0);
    expect(s.minutesAbove).toBeLessThanOrEqual(20);
    expect(s.excursions.every((e) => Number.isFinite(e.start.getTime()) && Number.isFinite(e.end.getTime()))).toBe(true);
  });

  test('readings exactly at the threshold all the way: nothing above', () => {
    expect(summarizeExcursions(series([-15, -15, -15, -15]))).toMatchObject({ minutesAbove: 0, excursionCount: 0, missingData: false });
  });

  test('warm for the whole trip: one truncated excursion over all of it', () => {
    const s = summarizeExcursions(series([-5, -4, -6, -5]));
    expect(s.excursions).toEqual([{ start: at(0), end: at(30), minutes: 30, peakCelsius: -4, truncated: true }]);
    expect(s.minutesAbove).toBe(30);
  });

  test('unsorted readings with a gap: sorted first, the gap found between the right neighbours', () => {
    const readings = [{ at: at(90), celsius: -18 }, { at: at(0), celsius: -18 }, { at: at(80), celsius: -17 }, { at: at(10), celsius: -18 }];
    const s = summarizeExcursions(readings);
    expect(s.gaps).toEqual([{ from: at(10), to: at(80), minutes: 70 }]);
    expect(s.firstAt).toEqual(at(0));
    expect(s.lastAt).toEqual(at(90));
  });

  test('a crossing inside a gap is interpolated across the gap (and flagged)', () => {
    const s = summarizeExcursions([{ at: at(0), celsius: -18 }, { at: at(60), celsius: -12 }, { at: at(70), celsius: -18 }]);
    // −18 → −12 over 60 min crosses −15 half-way: 30 min above, then −12 → −18 over 10 min crosses after 5 min.
    expect(s.minutesAbove).toBe(35);
    expect(s.missingData).toBe(true);
  });

  test('no readings for a delivered shipment: the whole trip is one gap, nothing above', () => {
    const s = summarizeShipment({ readings: [], thresholdCelsius: -15, dispatchedAt: at(0), deliveredAt: at(600) });
    expect(s).toMatchObject({ readingCount: 0, minutesAbove: 0, missingData: true, gaps: [{ from: at(0), to: at(600), minutes: 600 }] });
  });

  test('a shipment still on the road (no delivery time) is not short of data at its end', () => {
    const s = summarizeShipment({ readings: series([-18, -18, -18]), thresholdCelsius: -15, dispatchedAt: at(0) });
    expect(s.missingData).toBe(false);
  });
});
