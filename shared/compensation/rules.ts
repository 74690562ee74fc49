import type { OrderItem } from '../catalog/model';
import type { ExcursionSummary } from '../coldchain/excursion';
import type { Category } from '../complaint/model';
import { couponOffer, formatYuan, refundOffer, replacementOffer } from './offer';
import type { CompensationOffer } from './types';

/** One remedy of a rule. A refund is a percentage of the affected order value; a replacement re-sends the affected items. */
export type RemedySpec = { kind: 'coupon'; amountFen: number } | { kind: 'refund'; percent: number } | { kind: 'replacement' };

/** `all`: the customer gets every remedy (refund plus replacement); `one_of`: the agent offers one of them. */
export type RemedyCombination = 'all' | 'one_of';

export interface ColdChainTier {
  /** Upper bound (inclusive) of minutes above the threshold; `null` for the open-ended last tier. */
  upToMinutes: number | null;
  remedies: RemedySpec[];
  combine: RemedyCombination;
}

export interface CompensationRules {
  version: string;
  /** Points per ¥1, to value a points offer for approval. */
  pointsPerYuan: number;
  lateDelivery: {
    enabled: boolean;
    subcategories: string[];
    minDelayMinutes: number;
    perStartedHourFen: number;
    capFen: number;
    /** Issued without an agent when the order's own timestamps prove the delay. */
    automatic: boolean;
  };
  coldChain: {
    enabled: boolean;
    subcategories: string[];
    tiers: ColdChainTier[];
  };
  /** Applies to any complaint flagged `foodSafety`, and then replaces the other rules (it already covers the order). */
  foodSafety: {
    enabled: boolean;
    remedies: RemedySpec[];
    combine: RemedyCombination;
    requiresQcReview: boolean;
  };
}

/** DOMAIN.md defaults; an administrator overrides them through the configuration document. */
export const DEFAULT_COMPENSATION_RULES: CompensationRules = {
  version: '2026-11-22',
  pointsPerYuan: 100,
  lateDelivery: { enabled: true, subcategories: ['late'], minDelayMinutes: 60, perStartedHourFen: 500, capFen: 3000, automatic: true },
  coldChain: {
    enabled: true,
    subcategories: ['cold_chain'],
    tiers: [
      { upToMinutes: 30, remedies: [{ kind: 'coupon', amountFen: 1000 }], combine: 'all' },
      { upToMinutes: 120, remedies: [{ kind: 'refund', percent: 50 }], combine: 'all' },
      { upToMinutes: null, remedies: [{ kind: 'refund', percent: 100 }, { kind: 'replacement' }], combine: 'one_of' },
    ],
  },
  foodSafety: { enabled: true, remedies: [{ kind: 'refund', percent: 100 }, { kind: 'replacement' }], combine: 'all', requiresQcReview: true },
};

export interface CompensationFacts {
  category: Category;
  subcategory: string;
  foodSafety: boolean;
  /** The product complained about (package QR, or chosen by the agent): food-safety remedies cover only it when it is in the order. */
  productId?: string;
  order?: {
    totalFen: number;
    items: Array<Pick<OrderItem, 'productId' | 'qty' | 'priceFen'>>;
    promisedBy: Date;
    deliveredAt?: Date;
  };
  coldChain?: Pick<ExcursionSummary, 'minutesAbove' | 'thresholdCelsius' | 'missingData'>;
}

export interface CompensationSuggestion {
  offer: CompensationOffer;
  /** The rule in one Chinese sentence, shown to the agent and kept with the record. */
  rule: string;
  automatic: boolean;
  requiresQcReview: boolean;
  /** Suggestions sharing this key are alternatives (offer one); without it they add up. */
  alternativeGroup?: string;
}

const HOUR_MS = 3_600_000;

/** Whether compensating this complaint needs a QC review, whatever the offer (also for offers made by hand). */
export function qcReviewRequired(facts: Pick<CompensationFacts, 'foodSafety'>, rules: CompensationRules = DEFAULT_COMPENSATION_RULES): boolean {
  return facts.foodSafety && rules.foodSafety.enabled && rules.foodSafety.requiresQcReview;
}

/** Compensation the rules suggest for a complaint; empty when no rule applies (a taste dispute, a rude courier…). */
export function suggestCompensation(facts: CompensationFacts, rules: CompensationRules = DEFAULT_COMPENSATION_RULES): CompensationSuggestion[] {
  if (facts.foodSafety && rules.foodSafety.enabled) return foodSafety(facts, rules);
  return [...lateDelivery(facts, rules), ...coldChain(facts, rules)];
}

function lateDelivery(facts: CompensationFacts, rules: CompensationRules): CompensationSuggestion[] {
  const rule = rules.lateDelivery;
  const order = facts.order;
  // Only the order's own timestamps prove a delay: without a delivery time there is nothing to compute.
  if (!rule.enabled || !rule.subcategories.includes(facts.subcategory) || !order?.deliveredAt) return [];
  const delayMs = order.deliveredAt.getTime() - order.promisedBy.getTime();
  if (!(delayMs >= rule.minDelayMinutes * 60_000)) return [];
  const startedHours = Math.ceil(delayMs / HOUR_MS);
  const amountFen = Math.min(rule.capFen, startedHours * rule.perStartedHourFen);
  return [
    {
      offer: couponOffer(amountFen),
      rule: `配送延迟 ${formatDelay(delayMs)}：每开始 1 小时 ${formatYuan(rule.perStartedHourFen)} 优惠券，最高 ${formatYuan(rule.capFen)}`,
      automatic: rule.automatic,
      requiresQcReview: false,
    },
  ];
}

/** The cold-chain tier the minutes fall in and its rule sentence (also shown on the agent's temperature chart). */
export function coldChainTier(evidence: NonNullable<CompensationFacts['coldChain']>, rules: CompensationRules = DEFAULT_COMPENSATION_RULES): { tier: ColdChainTier; sentence: string } | undefined {
  const rule = rules.coldChain;
  if (!rule.enabled || !(evidence.minutesAbove > 0)) return undefined;
  const tiers = [...rule.tiers].sort((a, b) => (a.upToMinutes ?? Infinity) - (b.upToMinutes ?? Infinity));
  const index = tiers.findIndex((t) => t.upToMinutes === null || evidence.minutesAbove <= t.upToMinutes);
  if (index < 0) return undefined;
  const tier = tiers[index];
  const band = tier.upToMinutes === null ? `超过 ${tiers[index - 1]?.upToMinutes ?? 0} 分钟` : `≤ ${tier.upToMinutes} 分钟`;
  const caveat = evidence.missingData ? '（温度记录不完整，请人工核实）' : '';
  return { tier, sentence: `冷链超温 ${evidence.minutesAbove} 分钟（高于 ${formatCelsius(evidence.thresholdCelsius)}，${band}）：${describeRemedies(tier.remedies, tier.combine)}${caveat}` };
}

function coldChain(facts: CompensationFacts, rules: CompensationRules): CompensationSuggestion[] {
  const evidence = facts.coldChain;
  if (!rules.coldChain.subcategories.includes(facts.subcategory) || !evidence) return [];
  const found = coldChainTier(evidence, rules);
  if (!found) return [];
  const { tier, sentence } = found;
  return remedies(facts, tier.remedies, 'cold_chain').map((offer, _i, all) => ({
    offer,
    rule: sentence,
    automatic: false,
    requiresQcReview: false,
    ...(tier.combine === 'one_of' && all.length > 1 ? { alternativeGroup: 'cold_chain' } : {}),
  }));
}

function foodSafety(facts: CompensationFacts, rules: CompensationRules): CompensationSuggestion[] {
  const rule = rules.foodSafety;
  const sentence = `食品安全问题：${describeRemedies(rule.remedies, rule.combine)}${rule.requiresQcReview ? '，须质检复核' : ''}`;
  return remedies(facts, rule.remedies, 'food_safety').map((offer, _i, all) => ({
    offer,
    rule: sentence,
    automatic: false,
    requiresQcReview: rule.requiresQcReview,
    ...(rule.combine === 'one_of' && all.length > 1 ? { alternativeGroup: 'food_safety' } : {}),
  }));
}

/**
 * Offers for remedies. Cold chain affects the whole shipment, so the whole order; food safety only the product
 * complained about when it is known and in the order. Remedies that need an order are skipped without one.
 */
function remedies(facts: CompensationFacts, specs: RemedySpec[], scope: 'cold_chain' | 'food_safety'): CompensationOffer[] {
  const order = facts.order;
  let items = order?.items ?? [];
  let affectedFen = order?.totalFen ?? 0;
  if (scope === 'food_safety' && facts.productId && items.some((i) => i.productId === facts.productId)) {
    items = items.filter((i) => i.productId === facts.productId);
    // Never more than was paid (the order total is after discounts).
    affectedFen = Math.min(affectedFen, items.reduce((sum, i) => sum + i.priceFen * i.qty, 0));
  }
  const offers: CompensationOffer[] = [];
  for (const spec of specs) {
    if (spec.kind === 'coupon') offers.push(couponOffer(spec.amountFen));
    else if (spec.kind === 'refund') {
      const amountFen = Math.round((affectedFen * spec.percent) / 100);
      if (amountFen > 0) offers.push(refundOffer(amountFen));
    } else if (items.length > 0) offers.push(replacementOffer(items));
  }
  return offers;
}

function describeRemedies(specs: RemedySpec[], combine: RemedyCombination): string {
  const parts = specs.map((s) => {
    if (s.kind === 'coupon') return `${formatYuan(s.amountFen)} 优惠券`;
    if (s.kind === 'replacement') return '补发';
    return s.percent >= 100 ? '全额退款' : `退还受影响订单金额的 ${s.percent}%`;
  });
  return parts.join(combine === 'one_of' ? '或' : '并');
}

/** `3 小时`, `1 小时 1 分钟`, in whole minutes (the rule counts started hours, so seconds do not matter to people). */
function formatDelay(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

const formatCelsius = (c: number) => `${c < 0 ? '−' : ''}${Math.abs(c)} °C`;
