/**
 * Batch surge detection (DOMAIN.md "Batch surge"): are the complaints on one product batch within a sliding window
 * more than the product's normal rate can explain? A Poisson upper-tail test against the expected count in the
 * window, with a minimum count so that two or three complaints never alarm however quiet the product usually is.
 * Pure: the complaint function asks it on every submit (from what its one context query read) and the sla timer
 * asks it again for every batch with fresh complaints.
 */

/** Thresholds as data (configuration document `surge` may override them). Tuned by `tests/unit/surge.test.ts`. */
export interface SurgeRules {
  /** The sliding window the complaints are counted in. */
  windowHours: number;
  /** At least this many distinct customers on the batch within the window (one angry customer is not a surge). */
  minCount: number;
  /** Fire when P(X ≥ count | expected) is below this. */
  maxPValue: number;
  /** The product's normal rate is measured over this many days before the current window. */
  baselineDays: number;
  /**
   * The least normal rate assumed per batch-day: a new product with no history (or a product that never had a
   * complaint) would otherwise make any count infinitely surprising.
   */
  floorPerBatchDay: number;
  /** How many days a batch counts as on the market when it has no expiry date (batch-days of the baseline). */
  defaultMarketDays: number;
}

/**
 * 24 h window, 5 distinct customers, p < 1e-4, 56 days of baseline, floor 0.1/batch-day. With these, 5 complaints in
 * 24 h fire whenever the batch's normal rate is below ~0.4/day (a product under 1/day spread over its batches on the
 * market). Simulated months of Poisson traffic (products at 0.2–0.95/day over 2–4 batches, ±40 % day-to-day swing):
 * a minimum of 4 raised ~1 false alarm per 250 batch-months, 5 about 1 per 2,400, with detection still by the 5th
 * complaint (see tests/unit/surge.test.ts and `npm run bench -- surge`).
 */
export const DEFAULT_SURGE_RULES: SurgeRules = {
  windowHours: 24,
  minCount: 5,
  maxPValue: 1e-4,
  baselineDays: 56,
  floorPerBatchDay: 0.1,
  defaultMarketDays: 180,
};

/** A product's normal complaint rate, kept per product by the timer (collection `surgeBaselines`). */
export interface ProductBaseline {
  productId: string;
  /** Complaints on the product's batches in the baseline period, surge-linked ones excluded. */
  complaints: number;
  /** Sum over the product's batches of the days each was on the market within the baseline period. */
  batchDays: number;
  computedAt: Date;
}

export interface SurgeInput {
  batchNo?: string;
  /** Distinct customers who complained about the batch within the window, the new complaint included. */
  customers: number;
  /** Complaints on the batch within the window (shown, not tested: the test counts customers). */
  complaints: number;
  baseline?: Pick<ProductBaseline, 'complaints' | 'batchDays'>;
}

export interface SurgeVerdict {
  surge: boolean;
  count: number;
  /** Expected count in one window at the normal rate (floored). */
  expected: number;
  /** Normal complaints per batch per day (floored), as shown to people. */
  ratePerDay: number;
  pValue: number;
  /** `批次 20261101 24 小时内 5 件投诉，平时约 0.3 件/天（p<0.0001）`. */
  reason: string;
}

/** P(X ≥ k) for X ~ Poisson(mu), summed upwards from k (no cancellation for the tiny tails that matter here). */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  let term = Math.exp(-mu);
  for (let i = 1; i <= k; i++) term *= mu / i;
  let sum = 0;
  for (let i = k; i < k + 200 && term > sum * 1e-15; i++) {
    sum += term;
    term *= mu / (i + 1);
  }
  return Math.min(1, sum);
}

/** Normal complaints per batch per day: the product's baseline, never below the floor. */
export function normalRatePerBatchDay(baseline: SurgeInput['baseline'], rules: SurgeRules): number {
  const measured = baseline && baseline.batchDays > 0 ? baseline.complaints / baseline.batchDays : 0;
  return Math.max(measured, rules.floorPerBatchDay);
}

export function formatPValue(p: number): string {
  if (p < 1e-4) return 'p<0.0001';
  if (p < 0.001) return `p≈${p.toExponential(1)}`;
  return `p≈${p.toFixed(3)}`;
}

const oneDecimal = (x: number) => (x >= 0.1 ? String(Math.round(x * 10) / 10) : '0.1 以下');

/** The test: enough distinct customers, and a count the normal rate makes improbable. */
export function detectSurge(input: SurgeInput, rules: SurgeRules = DEFAULT_SURGE_RULES): SurgeVerdict {
  const ratePerDay = normalRatePerBatchDay(input.baseline, rules);
  const expected = (ratePerDay * rules.windowHours) / 24;
  const count = input.customers;
  const pValue = poissonUpperTail(count, expected);
  const surge = count >= rules.minCount && pValue < rules.maxPValue;
  const who = input.batchNo ? `批次 ${input.batchNo}` : '该批次';
  const reason = `${who} ${rules.windowHours} 小时内 ${input.complaints} 件投诉（${count} 位顾客），平时约 ${oneDecimal(ratePerDay)} 件/天（${formatPValue(pValue)}）`;
  return { surge, count, expected, ratePerDay, pValue, reason };
}

/** The complaints a window check counts: those on the batch within the window before `now`. */
export interface WindowComplaint {
  _id: string;
  customerOpenid: string;
  createdAt: Date;
}

export function inWindow<T extends WindowComplaint>(complaints: T[], now: Date, rules: SurgeRules): T[] {
  const since = now.getTime() - rules.windowHours * 3_600_000;
  const seen = new Set<string>();
  return complaints
    .filter((c) => c.createdAt.getTime() > since && c.createdAt.getTime() <= now.getTime())
    .filter((c) => !seen.has(c._id) && (seen.add(c._id), true))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export function checkWindow(batchNo: string | undefined, complaints: WindowComplaint[], baseline: SurgeInput['baseline'], now: Date, rules: SurgeRules = DEFAULT_SURGE_RULES) {
  const window = inWindow(complaints, now, rules);
  const verdict = detectSurge({ batchNo, customers: new Set(window.map((c) => c.customerOpenid)).size, complaints: window.length, ...(baseline ? { baseline } : {}) }, rules);
  return { window, verdict };
}

/**
 * The baseline from the timer's counts: complaints on the product's batches in [now − window − baselineDays,
 * now − window) over the days each batch was on the market in that period (production date to expiry).
 */
export function batchDaysInPeriod(batches: Array<{ productionDate: string; expiryDate?: string }>, from: Date, to: Date, rules: SurgeRules): number {
  const DAY = 86_400_000;
  let days = 0;
  for (const b of batches) {
    const start = Date.parse(`${b.productionDate}T00:00:00+08:00`);
    const end = b.expiryDate ? Date.parse(`${b.expiryDate}T00:00:00+08:00`) + DAY : start + rules.defaultMarketDays * DAY;
    const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
    if (overlap > 0) days += overlap / DAY;
  }
  return Math.round(days * 10) / 10;
}
