import type { ShipmentDoc, TemperatureReading } from '../catalog/model';
import { coldChainTier, DEFAULT_COMPENSATION_RULES, type CompensationRules } from '../compensation/rules';
import { toIso } from '../time/clock';
import { summarizeShipment, type ExcursionSummary } from './excursion';

/** What the agent's temperature chart draws, in JSON-safe form (ISO times with +08:00). */
export interface ColdChainEvidence {
  orderNo: string;
  carrier: string;
  trackingNo: string;
  dispatchedAt: string;
  deliveredAt?: string;
  thresholdCelsius: number;
  readingCount: number;
  minutesAbove: number;
  excursionCount: number;
  excursions: Array<{ start: string; end: string; minutes: number; peakCelsius: number; truncated: boolean }>;
  longest?: { start: string; end: string; minutes: number; peakCelsius: number; truncated: boolean };
  gaps: Array<{ from: string; to: string; minutes: number }>;
  missingData: boolean;
  minCelsius?: number;
  maxCelsius?: number;
  /** The curve, thinned for drawing (every reading above the threshold kept, so excursions keep their shape). */
  curve: Array<{ at: string; celsius: number }>;
  /** The DOMAIN.md tier the minutes fall in, as the rule's sentence; absent when the shipment stayed cold. */
  suggestedTier?: string;
}

/** A chart on a phone is ~300 px wide: about one point per 2–3 px is all it can show. */
export const CURVE_POINTS = 120;

/**
 * Keep about `max` points, evenly by index, always the first and last and every reading above the threshold or
 * next to one (so a crossing is drawn where it happened, not cut to the nearest kept sample).
 */
export function thinCurve(readings: readonly TemperatureReading[], thresholdCelsius: number, max = CURVE_POINTS): Array<{ at: string; celsius: number }> {
  const sorted = readings.filter((r) => r.at instanceof Date && Number.isFinite(r.at.getTime()) && Number.isFinite(r.celsius)).sort((a, b) => a.at.getTime() - b.at.getTime());
  const step = Math.max(1, Math.ceil(sorted.length / max));
  const up = (i: number) => i >= 0 && i < sorted.length && sorted[i].celsius > thresholdCelsius;
  return sorted.filter((_r, i) => i % step === 0 || i === sorted.length - 1 || up(i) || up(i - 1) || up(i + 1)).map((r) => ({ at: toIso(r.at), celsius: r.celsius }));
}

const excursionView = (e: ExcursionSummary['excursions'][number]) => ({ start: toIso(e.start), end: toIso(e.end), minutes: e.minutes, peakCelsius: e.peakCelsius, truncated: e.truncated });

/** The rule's sentence for these minutes (the same rule `suggestCompensation` applies to the ticket). */
export function suggestedTier(summary: Pick<ExcursionSummary, 'minutesAbove' | 'thresholdCelsius' | 'missingData'>, rules: CompensationRules = DEFAULT_COMPENSATION_RULES): string | undefined {
  return coldChainTier(summary, rules)?.sentence;
}

export function coldChainEvidence(
  shipment: Pick<ShipmentDoc, 'orderNo' | 'carrier' | 'trackingNo' | 'dispatchedAt' | 'deliveredAt' | 'thresholdCelsius' | 'readings'>,
  rules: CompensationRules = DEFAULT_COMPENSATION_RULES,
): { evidence: ColdChainEvidence; summary: ExcursionSummary } {
  const summary = summarizeShipment(shipment);
  const tier = suggestedTier(summary, rules);
  const evidence: ColdChainEvidence = {
    orderNo: shipment.orderNo,
    carrier: shipment.carrier,
    trackingNo: shipment.trackingNo,
    dispatchedAt: toIso(shipment.dispatchedAt),
    ...(shipment.deliveredAt ? { deliveredAt: toIso(shipment.deliveredAt) } : {}),
    thresholdCelsius: summary.thresholdCelsius,
    readingCount: summary.readingCount,
    minutesAbove: summary.minutesAbove,
    excursionCount: summary.excursionCount,
    excursions: summary.excursions.map(excursionView),
    ...(summary.longest ? { longest: excursionView(summary.longest) } : {}),
    gaps: summary.gaps.map((g) => ({ from: toIso(g.from), to: toIso(g.to), minutes: g.minutes })),
    missingData: summary.missingData,
    ...(summary.minCelsius !== undefined ? { minCelsius: summary.minCelsius, maxCelsius: summary.maxCelsius } : {}),
    curve: thinCurve(shipment.readings, summary.thresholdCelsius),
    ...(tier ? { suggestedTier: tier } : {}),
  };
  return { evidence, summary };
}

export const formatCelsius = (c: number) => `${c < 0 ? '−' : ''}${Math.abs(c)} °C`;
/** Whole minutes for customers; "不到 1 分钟" rather than a misleading 0. */
const plainMinutes = (m: number) => (m < 1 ? '不到 1 分钟' : `${Math.round(m)} 分钟`);

/**
 * One paragraph in plain Chinese for the customer's complaint page. It states what the log shows and never
 * promises compensation (the agent decides, with the rule and any gaps in view).
 */
export function customerColdChainSummary(summary: ExcursionSummary | undefined): string {
  if (!summary || summary.readingCount === 0) return '我们正在向物流调取这一单的运输温度记录，拿到后会在这里告诉您结果。';
  const threshold = formatCelsius(summary.thresholdCelsius);
  const gaps = summary.missingData ? '部分时段没有温度记录，专员会向物流核实。' : '';
  if (summary.minutesAbove <= 0) return `这一单运输途中共记录 ${summary.readingCount} 次温度，始终在 ${threshold} 及以下。${gaps}专员会结合您描述的情况继续处理。`;
  const several = summary.excursionCount > 1 && summary.longest ? `（共 ${summary.excursionCount} 次，最长一次 ${plainMinutes(summary.longest.minutes)}）` : '';
  const peak = summary.maxCelsius !== undefined ? `，最高 ${formatCelsius(summary.maxCelsius)}` : '';
  return `运输途中有 ${plainMinutes(summary.minutesAbove)}高于 ${threshold}${several}${peak}。${gaps}专员会按公司的冷链补偿规则为您处理。`;
}
