import { describe, expect, test } from 'vitest';
import { decideSurge } from '../../shared/surge/decide';
import { batchDaysInPeriod, checkWindow, DEFAULT_SURGE_RULES, detectSurge, poissonUpperTail, type SurgeRules } from '../../shared/surge/detector';
import { canHandleIncidents, canSeeIncidents, incidentIdFor, incidentMoves, linkedLevelReason, newIncident } from '../../shared/surge/incident';
import { baselinesFrom, normalTraffic, replaySurges, syntheticCatalogue, type SimComplaint, type SimProduct } from '../../shared/surge/simulate';
import { mulberry32 } from '../../shared/random/mulberry32';

const DAY = 86_400_000;
const START = new Date('2026-09-01T00:00:00+08:00');

/** 56 days of history (the baseline) and then `days` of traffic, for a catalogue. */
function scenario(seed: number, products: SimProduct[], days = 30) {
  const history = normalTraffic({ seed, start: START, days: 56, products, dayVariation: 0.4 });
  const month = normalTraffic({ seed: seed + 1000, start: new Date(START.getTime() + 56 * DAY), days, products, dayVariation: 0.4 });
  return { baselines: baselinesFrom(history, products, 56), month };
}

/** Five complaints from five customers on one batch within 24 h, starting at `t0`. */
function surgeOn(batchId: string, productId: string, t0: number, rand: () => number): SimComplaint[] {
  return Array.from({ length: 5 }, () => t0 + rand() * 23 * 3_600_000)
    .sort((a, b) => a - b)
    .map((at, i) => ({ _id: `surge-${i + 1}`, customerOpenid: `surge-customer-${i}`, createdAt: new Date(at), productId, batchId }));
}

describe('the Poisson tail', () => {
  test('matches the closed forms', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
    // Tiny tails keep their precision (no 1 − Σ cancellation).
    const series = Math.exp(-0.1) * (0.1 ** 5 / 120) * (1 + 0.1 / 6 + 0.01 / 42 + 0.001 / 336 + 0.0001 / 3024);
    expect(Math.abs(poissonUpperTail(5, 0.1) - series) / series).toBeLessThan(1e-9);
    expect(poissonUpperTail(3, 0)).toBe(0);
  });
});

describe('the detector', () => {
  test('DOMAIN.md: 腊肠 batch 20261101 gets 5 complaints in 24 h when the product normally gets under 1 a day over 3 batches', () => {
    const v = detectSurge({ batchNo: '20261101', customers: 5, complaints: 5, baseline: { complaints: 45, batchDays: 168 } });
    expect(v.surge).toBe(true);
    expect(v.pValue).toBeLessThan(1e-4);
    expect(v.reason).toBe('批次 20261101 24 小时内 5 件投诉（5 位顾客），平时约 0.3 件/天（p<0.0001）');
  });

  test('a busy product (3 a day per batch) does not alarm on 5', () => {
    const v = detectSurge({ batchNo: '20261101', customers: 5, complaints: 5, baseline: { complaints: 3 * 56, batchDays: 56 } });
    expect(v.surge).toBe(false);
    expect(v.reason).toContain('平时约 3 件/天');
  });

  test('a brand-new product (no baseline) uses the floor: 2 or 4 complaints never alarm, 5 do', () => {
    expect(detectSurge({ customers: 2, complaints: 2 }).surge).toBe(false);
    expect(detectSurge({ customers: 4, complaints: 4 }).surge).toBe(false);
    expect(detectSurge({ customers: 5, complaints: 5 }).surge).toBe(true);
    expect(detectSurge({ customers: 5, complaints: 5, baseline: { complaints: 0, batchDays: 0 } }).ratePerDay).toBe(DEFAULT_SURGE_RULES.floorPerBatchDay);
  });

  test('one customer complaining five times is not a surge (distinct customers count)', () => {
    const now = new Date(START.getTime() + 10 * DAY);
    const mine = Array.from({ length: 5 }, (_, i) => ({ _id: `m${i}`, customerOpenid: 'same', createdAt: new Date(now.getTime() - i * 3_600_000) }));
    expect(checkWindow('20261101', mine, undefined, now).verdict).toMatchObject({ surge: false, count: 1 });
  });

  test('thresholds are data', () => {
    const strict: SurgeRules = { ...DEFAULT_SURGE_RULES, minCount: 8 };
    expect(detectSurge({ customers: 6, complaints: 6 }, strict).surge).toBe(false);
    const loose: SurgeRules = { ...DEFAULT_SURGE_RULES, minCount: 3, windowHours: 48, maxPValue: 0.01 };
    const v = detectSurge({ batchNo: 'X', customers: 3, complaints: 3 }, loose);
    expect(v.surge).toBe(true);
    expect(v.reason).toContain('48 小时内');
  });

  test('the window slides: complaints older than 24 h do not count', () => {
    const now = new Date(START.getTime() + 10 * DAY);
    const list = Array.from({ length: 6 }, (_, i) => ({ _id: `c${i}`, customerOpenid: `u${i}`, createdAt: new Date(now.getTime() - (i < 3 ? 1 : 30) * 3_600_000 - i) }));
    expect(checkWindow(undefined, list, undefined, now).window.map((c) => c._id)).toEqual(['c2', 'c1', 'c0']);
  });

  test('batch-days count the days each batch was on the market within the period', () => {
    const from = new Date('2026-10-01T00:00:00+08:00');
    const to = new Date('2026-10-31T00:00:00+08:00');
    expect(batchDaysInPeriod([{ productionDate: '2026-09-01', expiryDate: '2027-03-01' }, { productionDate: '2026-10-21' }, { productionDate: '2026-01-01', expiryDate: '2026-09-30' }], from, to, DEFAULT_SURGE_RULES)).toBe(40);
  });
});

describe('decisions on submit', () => {
  const now = new Date(START.getTime() + 10 * DAY);
  const earlier = Array.from({ length: 4 }, (_, i) => ({ _id: `e${i}`, customerOpenid: `u${i}`, createdAt: new Date(now.getTime() - (i + 1) * 3_600_000) }));
  const self = { _id: 'new', customerOpenid: 'u9', createdAt: now };

  test('the 5th customer opens an incident linking the window, this complaint included', () => {
    const d = decideSurge({ complaint: self, batchNo: '20261101', onBatch: earlier }, DEFAULT_SURGE_RULES);
    expect(d.kind).toBe('open');
    if (d.kind === 'open') expect(d.window.map((c) => c._id)).toEqual(['e3', 'e2', 'e1', 'e0', 'new']);
  });

  test('an open incident is joined; complaints of a closed one do not count again', () => {
    const incident = newIncident({ batchId: 'LC-20261101', complaintIds: ['e0'], windowStart: now, lastComplaintAt: now, verdict: detectSurge({ customers: 5, complaints: 5 }), windowHours: 24, now, openedBy: 'submit' });
    expect(decideSurge({ complaint: self, onBatch: [], openIncident: incident }, DEFAULT_SURGE_RULES)).toMatchObject({ kind: 'join' });
    const linked = earlier.map((c) => ({ ...c, incidentId: 'old' }));
    expect(decideSurge({ complaint: self, onBatch: linked }, DEFAULT_SURGE_RULES).kind).toBe('none');
  });

  test('incident ids, reasons and permissions', () => {
    expect(incidentIdFor('LC-20261101', new Date(0))).toBe('SG-LC-20261101-0');
    expect(linkedLevelReason({ reason: '批次 20261101 …' })).toBe('L1: 批次异常（批次 20261101 …）');
    expect(linkedLevelReason({ reason: '批次 20261101 …' }, { level: 'L2', levelReason: 'L2: 产品质量问题' })).toBe('L1: 批次异常（批次 20261101 …）');
    expect(linkedLevelReason({ reason: '批次 20261101 …' }, { level: 'L1', levelReason: 'L1: 食品安全' })).toBe('L1: 食品安全；批次异常（批次 20261101 …）');
    expect(linkedLevelReason({ reason: '批次 20261101 …' }, { level: 'L1', levelReason: 'L2 → L1: 同批次 3 位顾客投诉' })).toBe('L1: 批次异常（批次 20261101 …）');
    expect(canSeeIncidents({ kind: 'agent', department: 'qc' })).toBe(true);
    expect(canSeeIncidents({ kind: 'agent', department: 'cs' })).toBe(false);
    expect(canHandleIncidents({ kind: 'head', department: 'qc' })).toBe(true);
    expect(canHandleIncidents({ kind: 'head', department: 'logistics' })).toBe(false);
    expect(canHandleIncidents({ kind: 'manager' })).toBe(true);
    expect(incidentMoves('closed')).toEqual([]);
  });
});

describe('synthetic streams', () => {
  test('a month of normal traffic on 3 catalogues (60 products, ~180 batches, under 1 complaint a day each) raises no alarm', () => {
    let batches = 0;
    for (const seed of [11, 12, 13]) {
      const products = syntheticCatalogue(mulberry32(seed), 20);
      batches += products.reduce((n, p) => n + p.batches, 0);
      const { baselines, month } = scenario(seed, products);
      expect(month.length).toBeGreaterThan(200);
      expect(replaySurges(month, baselines, DEFAULT_SURGE_RULES)).toEqual([]);
    }
    expect(batches).toBeGreaterThan(150);
  });

  test('5 complaints in 24 h on one batch (product under 1 a day) are detected by the 5th, on top of normal traffic', () => {
    const fired: number[] = [];
    for (let seed = 1; seed <= 50; seed++) {
      const rand = mulberry32(seed);
      const products: SimProduct[] = [{ id: 'lc', ratePerDay: 0.3 + 0.6 * rand(), batches: 3 }];
      const { baselines, month } = scenario(seed, products, 20);
      const t0 = START.getTime() + (56 + 10) * DAY;
      const surge = surgeOn('lc-b0', 'lc', t0, rand);
      const stream = [...month, ...surge].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const alarms = replaySurges(stream, baselines, DEFAULT_SURGE_RULES).filter((a) => a.batchId === 'lc-b0' && a.at.getTime() >= t0);
      expect(alarms).toHaveLength(1);
      // Raised by one of the surge's complaints (or a normal one landing in the same window), never later than the 5th.
      expect(alarms[0].at.getTime()).toBeLessThanOrEqual(surge[4].createdAt.getTime());
      fired.push(surge.findIndex((c) => c._id === alarms[0].complaintId) + 1);
    }
    expect(fired.every((n) => n === 0 || (n >= 3 && n <= 5))).toBe(true);
  });
});
