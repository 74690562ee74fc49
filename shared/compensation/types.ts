/** Compensation kinds, offers and statuses (DOMAIN.md "Compensation"). Money is always in fen. */

export const COMPENSATION_TYPES = ['coupon', 'refund', 'replacement', 'points'] as const;
export type CompensationType = (typeof COMPENSATION_TYPES)[number];

export const COMPENSATION_TYPE_LABELS: Record<CompensationType, string> = {
  coupon: '优惠券',
  refund: '退款',
  replacement: '补发',
  points: '积分',
};

export interface ReplacementItem {
  productId: string;
  qty: number;
}

/**
 * What is offered to the customer. `valueFen` is its money value, the one approval limits compare:
 * the amount for coupon/refund, price × qty for a replacement, the converted points for points.
 */
export type CompensationOffer =
  | { type: 'coupon'; amountFen: number; valueFen: number }
  | { type: 'refund'; amountFen: number; valueFen: number }
  | { type: 'replacement'; items: ReplacementItem[]; valueFen: number }
  | { type: 'points'; points: number; valueFen: number };

export const COMPENSATION_STATUSES = ['pending_approval', 'approved', 'rejected', 'issued', 'used', 'expired', 'cancelled'] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

export const COMPENSATION_STATUS_LABELS: Record<CompensationStatus, string> = {
  pending_approval: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  issued: '已发放',
  used: '已使用',
  expired: '已过期',
  cancelled: '已取消',
};

/**
 * Allowed moves. A rejected or cancelled record is final: a revised offer is a new record.
 * Once issued, money or goods have left, so it cannot be cancelled; only a coupon or points can then be used or expire.
 */
export const COMPENSATION_MOVES: Record<CompensationStatus, readonly CompensationStatus[]> = {
  pending_approval: ['approved', 'rejected', 'cancelled'],
  approved: ['issued', 'cancelled'],
  rejected: [],
  issued: ['used', 'expired'],
  used: [],
  expired: [],
  cancelled: [],
};

/** Kinds whose issue is the end of the story (a refund paid, goods re-sent): nothing to use or let expire. */
const DONE_WHEN_ISSUED: readonly CompensationType[] = ['refund', 'replacement'];

/** Whether a record may move `from` → `to`; with `type`, refunds and replacements stop at `issued`. */
export function canMoveCompensation(from: CompensationStatus, to: CompensationStatus, type?: CompensationType): boolean {
  if (!COMPENSATION_MOVES[from]?.includes(to)) return false;
  if (from === 'issued' && type && DONE_WHEN_ISSUED.includes(type)) return false;
  return true;
}

/** Statuses that still hold the "one compensation per order and issue" slot. */
export const LIVE_COMPENSATION_STATUSES: readonly CompensationStatus[] = ['pending_approval', 'approved', 'issued', 'used', 'expired'];
/** Statuses reached only after the compensation went out to the customer. */
export const ISSUED_COMPENSATION_STATUSES: readonly CompensationStatus[] = ['issued', 'used', 'expired'];
