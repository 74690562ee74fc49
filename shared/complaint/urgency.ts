import type { Category, Level } from './model';

/**
 * Urgency rules as data (DOMAIN.md "Urgency levels"): what sets a base level, what raises it, and by how much.
 * An administrator can change every threshold through the `urgency` configuration document.
 */
export interface UrgencyRules {
  /** Delivery counts as badly late (L2) beyond this many hours past the promised time. */
  lateHoursForL2: number;
  /** A VIP customer: annual purchases above this amount, in fen. */
  vipAnnualFen: number;
  /** A repeat complainant: this many complaints (this one included) within `repeatWindowDays`. */
  repeatCount: number;
  repeatWindowDays: number;
  /** A group complaint: at least this many distinct customers on one batch within `batchWindowHours`. */
  batchCustomers: number;
  batchWindowHours: number;
  /** How many levels the raisers may add together (DOMAIN.md: "raises the level by one"). */
  maxRaise: number;
  /** Categories whose complaints start at L2 rather than L3 (general quality problems). */
  l2Categories: Category[];
}

export const DEFAULT_URGENCY_RULES: UrgencyRules = {
  lateHoursForL2: 24,
  vipAnnualFen: 500_000,
  repeatCount: 3,
  repeatWindowDays: 30,
  batchCustomers: 3,
  batchWindowHours: 24,
  maxRaise: 1,
  l2Categories: ['quality'],
};

/** What is known about a complaint when its urgency is decided. */
export interface UrgencyFacts {
  category: Category;
  subcategory: string;
  foodSafety: boolean;
  angry: boolean;
  /** A major service incident declared by staff (e.g. a store closed, a mass outage). */
  majorIncident?: boolean;
  /** A batch surge open on this complaint's batch (analytics). */
  batchSurge?: boolean;
  /** Hours the order was delivered after its promised time (from order data), if known. */
  deliveryLateHours?: number;
  /** Customer's purchases over the last 12 months, in fen. */
  annualSpendFen?: number;
  /** Complaints by this customer within the repeat window, this one included. */
  recentComplaints?: number;
  /** Distinct customers who complained about the same batch within the batch window, this one included. */
  batchCustomers?: number;
}

export interface UrgencyDecision {
  level: Level;
  /** Why, for the audit trail and the staff screen: "L1: 食品安全", "L3 → L2: 顾客情绪激动". */
  reason: string;
  reasons: string[];
}

const ORDER: Level[] = ['L3', 'L2', 'L1'];

/** Decide the level: the strongest base rule, then at most `maxRaise` levels for the raisers. */
export function decideUrgency(facts: UrgencyFacts, rules: UrgencyRules = DEFAULT_URGENCY_RULES): UrgencyDecision {
  let base: Level = 'L3';
  let baseReason = '常规问题';
  if (facts.foodSafety) [base, baseReason] = ['L1', '食品安全'];
  else if (facts.batchSurge) [base, baseReason] = ['L1', '同批次集中投诉'];
  else if (facts.majorIncident) [base, baseReason] = ['L1', '重大服务事件'];
  else if (facts.category === 'delivery' && facts.subcategory === 'late' && (facts.deliveryLateHours ?? 0) > rules.lateHoursForL2)
    [base, baseReason] = ['L2', `配送超时 ${Math.floor(facts.deliveryLateHours ?? 0)} 小时`];
  else if (rules.l2Categories.includes(facts.category)) [base, baseReason] = ['L2', '产品质量问题'];

  const raisers: string[] = [];
  if (facts.angry) raisers.push('顾客情绪激动');
  if ((facts.annualSpendFen ?? 0) > rules.vipAnnualFen) raisers.push('VIP 顾客');
  if ((facts.recentComplaints ?? 0) >= rules.repeatCount) raisers.push(`${rules.repeatWindowDays} 天内第 ${facts.recentComplaints} 次投诉`);
  if ((facts.batchCustomers ?? 0) >= rules.batchCustomers) raisers.push(`同批次 ${facts.batchCustomers} 位顾客投诉`);

  const raised = Math.min(ORDER.indexOf(base) + Math.min(raisers.length, rules.maxRaise), ORDER.length - 1);
  const level = ORDER[raised];
  const reasons = [`${base}: ${baseReason}`, ...(level !== base ? [`${base} → ${level}: ${raisers.join('、')}`] : raisers.map((r) => `${r}（已是最高级）`))];
  return { level, reason: level === base ? `${level}: ${baseReason}` : `${base} → ${level}: ${raisers.join('、')}`, reasons };
}
