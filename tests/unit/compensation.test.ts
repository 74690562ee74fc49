import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { validate } from '../../shared/api/validate';
import { STAFF_ROLES } from '../../shared/auth/roles';
import {
  COMPENSATION_MOVES,
  COMPENSATION_STATUSES,
  COMPENSATION_STATUS_LABELS,
  COMPENSATION_TYPE_LABELS,
  COMPENSATION_TYPES,
  DEFAULT_APPROVAL_LIMITS,
  DEFAULT_COMPENSATION_RULES,
  approvalExplanation,
  buildOffer,
  canApprove,
  canMoveCompensation,
  compensationInputSchema,
  compensationKey,
  describeOffer,
  findConflictingCompensation,
  formatYuan,
  initialCompensationStatus,
  pointsToFen,
  qcReviewRequired,
  requiredApprover,
  suggestCompensation,
  type CompensationFacts,
  type ExistingCompensation,
} from '../../shared/compensation';

const PROMISED = new Date('2026-11-20T18:00:00+08:00');
const after = (minutes: number) => new Date(PROMISED.getTime() + minutes * 60_000);

// ¥39.80 × 2 sausages + ¥45 hotpot base = ¥124.60.
const ITEMS = [
  { productId: 'sausage-classic', qty: 2, priceFen: 3980 },
  { productId: 'hotpot-beef-tallow', qty: 1, priceFen: 4500 },
];
const order = (deliveredAfterMinutes?: number) => ({
  totalFen: 12460,
  items: ITEMS,
  promisedBy: PROMISED,
  deliveredAt: deliveredAfterMinutes === undefined ? undefined : after(deliveredAfterMinutes),
});
const late = (minutes: number) => suggestCompensation({ category: 'delivery', subcategory: 'late', foodSafety: false, order: order(minutes) });
const cold = (minutesAbove: number, f: Partial<CompensationFacts> = {}) =>
  suggestCompensation({
    category: 'delivery',
    subcategory: 'cold_chain',
    foodSafety: false,
    order: order(0),
    coldChain: { minutesAbove, thresholdCelsius: -15, missingData: false },
    ...f,
  });

describe('late delivery: ¥5 per started hour from 1 h, capped at ¥30, automatic', () => {
  test('59 minutes late: nothing', () => {
    expect(late(59)).toEqual([]);
  });

  test('60 minutes: ¥5', () => {
    expect(late(60)).toEqual([
      { offer: { type: 'coupon', amountFen: 500, valueFen: 500 }, rule: '配送延迟 1 小时：每开始 1 小时 ¥5 优惠券，最高 ¥30', automatic: true, requiresQcReview: false },
    ]);
  });

  test('61 minutes: the second hour has started, ¥10', () => {
    expect(late(61)[0]).toMatchObject({ offer: { amountFen: 1000 }, rule: '配送延迟 1 小时 1 分钟：每开始 1 小时 ¥5 优惠券，最高 ¥30' });
  });

  test('3 hours: ¥15; 6 hours: ¥30; 10 hours: still ¥30', () => {
    expect(late(180)[0]).toMatchObject({ offer: { amountFen: 1500 }, rule: '配送延迟 3 小时：每开始 1 小时 ¥5 优惠券，最高 ¥30' });
    expect(late(360)[0].offer.valueFen).toBe(3000);
    expect(late(600)[0]).toMatchObject({ offer: { amountFen: 3000 }, automatic: true });
  });

  test('only proven by the order: not delivered yet, early, or no order → nothing', () => {
    expect(late(-30)).toEqual([]);
    expect(suggestCompensation({ category: 'delivery', subcategory: 'late', foodSafety: false, order: order() })).toEqual([]);
    expect(suggestCompensation({ category: 'delivery', subcategory: 'late', foodSafety: false })).toEqual([]);
  });

  test('another issue on a late order does not get the late-delivery coupon', () => {
    expect(suggestCompensation({ category: 'delivery', subcategory: 'courier', foodSafety: false, order: order(300) })).toEqual([]);
  });

  test('the amounts are data', () => {
    const rules = { ...DEFAULT_COMPENSATION_RULES, lateDelivery: { ...DEFAULT_COMPENSATION_RULES.lateDelivery, perStartedHourFen: 800, capFen: 2000, automatic: false } };
    expect(suggestCompensation({ category: 'delivery', subcategory: 'late', foodSafety: false, order: order(150) }, rules)).toEqual([
      { offer: { type: 'coupon', amountFen: 2000, valueFen: 2000 }, rule: '配送延迟 2 小时 30 分钟：每开始 1 小时 ¥8 优惠券，最高 ¥20', automatic: false, requiresQcReview: false },
    ]);
  });
});

describe('cold chain: tiers by minutes above the threshold', () => {
  test('30 minutes: ¥10 coupon, for the agent to offer', () => {
    expect(cold(30)).toEqual([
      { offer: { type: 'coupon', amountFen: 1000, valueFen: 1000 }, rule: '冷链超温 30 分钟（高于 −15 °C，≤ 30 分钟）：¥10 优惠券', automatic: false, requiresQcReview: false },
    ]);
  });

  test('31 and 120 minutes: half the order value back', () => {
    for (const minutes of [31, 120]) {
      expect(cold(minutes)).toEqual([
        {
          offer: { type: 'refund', amountFen: 6230, valueFen: 6230 },
          rule: `冷链超温 ${minutes} 分钟（高于 −15 °C，≤ 120 分钟）：退还受影响订单金额的 50%`,
          automatic: false,
          requiresQcReview: false,
        },
      ]);
    }
  });

  test('121 minutes: full refund or replacement (alternatives)', () => {
    const s = cold(121);
    expect(s.map((x) => x.offer)).toEqual([
      { type: 'refund', amountFen: 12460, valueFen: 12460 },
      { type: 'replacement', items: [{ productId: 'sausage-classic', qty: 2 }, { productId: 'hotpot-beef-tallow', qty: 1 }], valueFen: 12460 },
    ]);
    expect(s.every((x) => x.alternativeGroup === 'cold_chain' && x.rule === '冷链超温 121 分钟（高于 −15 °C，超过 120 分钟）：全额退款或补发')).toBe(true);
  });

  test('half a minute over a boundary is over it', () => {
    expect(cold(30.5)[0].offer.type).toBe('refund');
  });

  test('no minutes above, or no temperature data: nothing from the rules', () => {
    expect(cold(0)).toEqual([]);
    expect(cold(45, { coldChain: undefined })).toEqual([]);
  });

  test('incomplete temperature data says so in the rule', () => {
    expect(cold(20, { coldChain: { minutesAbove: 20, thresholdCelsius: -15, missingData: true } })[0].rule).toBe(
      '冷链超温 20 分钟（高于 −15 °C，≤ 30 分钟）：¥10 优惠券（温度记录不完整，请人工核实）',
    );
  });

  test('a coupon tier needs no order; a refund tier does', () => {
    expect(cold(10, { order: undefined })).toHaveLength(1);
    expect(cold(60, { order: undefined })).toEqual([]);
  });
});

describe('food safety: full refund plus replacement, always with QC review', () => {
  test('the whole order by default', () => {
    const s = suggestCompensation({ category: 'quality', subcategory: 'foreign_object', foodSafety: true, order: order(0) });
    expect(s.map((x) => [x.offer.type, x.offer.valueFen])).toEqual([
      ['refund', 12460],
      ['replacement', 12460],
    ]);
    for (const x of s) {
      expect(x).toMatchObject({ rule: '食品安全问题：全额退款并补发，须质检复核', automatic: false, requiresQcReview: true });
      expect(x.alternativeGroup).toBeUndefined();
    }
  });

  test('only the product complained about, when it is in the order', () => {
    const s = suggestCompensation({ category: 'quality', subcategory: 'spoiled', foodSafety: true, productId: 'sausage-classic', order: order(0) });
    expect(s.map((x) => x.offer)).toEqual([
      { type: 'refund', amountFen: 7960, valueFen: 7960 },
      { type: 'replacement', items: [{ productId: 'sausage-classic', qty: 2 }], valueFen: 7960 },
    ]);
  });

  test('it replaces the other rules (a thawed and spoiled order is not paid twice)', () => {
    const s = cold(200, { foodSafety: true });
    expect(s.every((x) => x.requiresQcReview && x.alternativeGroup === undefined)).toBe(true);
    expect(s).toHaveLength(2);
  });

  test('without an order the rules cannot price it, but QC review is still required', () => {
    expect(suggestCompensation({ category: 'quality', subcategory: 'spoiled', foodSafety: true })).toEqual([]);
    expect(qcReviewRequired({ foodSafety: true })).toBe(true);
    expect(qcReviewRequired({ foodSafety: false })).toBe(false);
  });
});

test('a taste dispute (or a rude courier) gets nothing from the rules', () => {
  expect(suggestCompensation({ category: 'quality', subcategory: 'taste', foodSafety: false, order: order(120) })).toEqual([]);
  expect(suggestCompensation({ category: 'service', subcategory: 'attitude', foodSafety: false })).toEqual([]);
});

describe('approval limits', () => {
  test('who must approve what an agent proposes, at the boundaries', () => {
    expect(requiredApprover(5000)).toBe('none');
    expect(requiredApprover(5001)).toBe('head');
    expect(requiredApprover(20000)).toBe('head');
    expect(requiredApprover(20001)).toBe('manager');
    expect(requiredApprover(Number.NaN)).toBe('manager');
  });

  test('who may approve', () => {
    const table = STAFF_ROLES.map((role) => [role, [5000, 5001, 20000, 20001].map((v) => canApprove(role, v))]);
    expect(table).toEqual([
      ['agent', [true, false, false, false]],
      ['head', [true, true, true, false]],
      ['manager', [true, true, true, true]],
      ['admin', [true, true, true, true]],
    ]);
  });

  test('explanations for the UI', () => {
    expect(approvalExplanation(5000)).toBe('¥50 以内，专员可直接发放');
    expect(approvalExplanation(5001)).toBe('超过 ¥50 需部门主管审批');
    expect(approvalExplanation(20001)).toBe('超过 ¥200 需经理审批');
  });

  test('limits are data; a new record starts approved only within the proposer’s limit', () => {
    const limits = { ...DEFAULT_APPROVAL_LIMITS, agentMaxFen: 10000 };
    expect(requiredApprover(8000, limits)).toBe('none');
    expect(initialCompensationStatus('agent', 5000)).toBe('approved');
    expect(initialCompensationStatus('agent', 5001)).toBe('pending_approval');
    expect(initialCompensationStatus('head', 20000)).toBe('approved');
    expect(initialCompensationStatus('head', 20001)).toBe('pending_approval');
  });
});

describe('one compensation per order and issue', () => {
  const record = (r: Partial<ExistingCompensation>): ExistingCompensation => ({
    orderNo: 'SO20261117000146',
    subcategory: 'cold_chain',
    status: 'issued',
    complaintId: 'c-1',
    ticketNo: 'KS20261120-0007',
    ...r,
  });
  const candidate = { orderNo: 'SO20261117000146', subcategory: 'cold_chain', complaintId: 'c-2' };

  test('issued in another complaint: refused with a clear message', () => {
    expect(findConflictingCompensation([record({})], candidate)).toEqual({
      existing: record({}),
      message: '订单 SO20261117000146 的「冷链失效」问题已在工单 KS20261120-0007 中补偿过，同一订单同一问题只能补偿一次',
    });
  });

  test('pending in another complaint also blocks, and says it is pending', () => {
    expect(findConflictingCompensation([record({ status: 'pending_approval' })], candidate)?.message).toBe(
      '订单 SO20261117000146 的「冷链失效」问题已在工单 KS20261120-0007 中申请补偿（待审批），同一订单同一问题只能补偿一次',
    );
    expect(findConflictingCompensation([record({ status: 'used' })], candidate)).not.toBeNull();
    expect(findConflictingCompensation([record({ status: 'expired' })], candidate)).not.toBeNull();
  });

  test('rejected or cancelled records do not block', () => {
    expect(findConflictingCompensation([record({ status: 'rejected' }), record({ status: 'cancelled' })], candidate)).toBeNull();
  });

  test('the same complaint: more pending parts are fine, nothing after one was issued', () => {
    const same = { ...candidate, complaintId: 'c-1' };
    expect(findConflictingCompensation([record({ status: 'pending_approval' }), record({ status: 'approved' })], same)).toBeNull();
    expect(findConflictingCompensation([record({ status: 'issued' })], same)).not.toBeNull();
  });

  test('another order or another issue is not a conflict; order numbers compare trimmed', () => {
    expect(findConflictingCompensation([record({ orderNo: 'SO20261117000169' })], candidate)).toBeNull();
    expect(findConflictingCompensation([record({ subcategory: 'late' })], candidate)).toBeNull();
    expect(findConflictingCompensation([record({ orderNo: ' SO20261117000146 ' })], candidate)).not.toBeNull();
  });

  test('without an order number there is no order-level conflict', () => {
    expect(findConflictingCompensation([record({ orderNo: undefined })], { ...candidate, orderNo: undefined })).toBeNull();
    expect(findConflictingCompensation([record({})], { ...candidate, orderNo: '  ' })).toBeNull();
  });

  test('the issued one is named when several block; unknown codes are shown as they are', () => {
    const found = findConflictingCompensation([record({ status: 'approved', ticketNo: 'KS-A' }), record({ ticketNo: 'KS-B' })], candidate);
    expect(found?.existing.ticketNo).toBe('KS-B');
    expect(findConflictingCompensation([record({ subcategory: 'x' })], { ...candidate, subcategory: 'x' })?.message).toContain('「x」');
  });

  test('a deterministic key for a unique claim', () => {
    expect(compensationKey('SO20261117000146', 'cold_chain')).toBe('SO20261117000146:cold_chain');
    expect(compensationKey(' SO20261117000146 ', 'cold_chain')).toBe(compensationKey('SO20261117000146', 'cold_chain'));
    expect(compensationKey('SO20261117000146', 'late')).not.toBe(compensationKey('SO20261117000146', 'cold_chain'));
  });
});

describe('types, labels and status moves', () => {
  test('Chinese labels for every type and status', () => {
    expect(COMPENSATION_TYPES.map((t) => COMPENSATION_TYPE_LABELS[t])).toEqual(['优惠券', '退款', '补发', '积分']);
    for (const s of COMPENSATION_STATUSES) expect(COMPENSATION_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('the allowed moves', () => {
    expect(canMoveCompensation('pending_approval', 'approved')).toBe(true);
    expect(canMoveCompensation('pending_approval', 'rejected')).toBe(true);
    expect(canMoveCompensation('pending_approval', 'issued')).toBe(false);
    expect(canMoveCompensation('approved', 'issued')).toBe(true);
    expect(canMoveCompensation('approved', 'cancelled')).toBe(true);
    expect(canMoveCompensation('issued', 'cancelled')).toBe(false);
    expect(canMoveCompensation('issued', 'used', 'coupon')).toBe(true);
    expect(canMoveCompensation('issued', 'expired', 'points')).toBe(true);
    expect(canMoveCompensation('issued', 'used', 'refund')).toBe(false);
    expect(canMoveCompensation('issued', 'expired', 'replacement')).toBe(false);
  });

  test('final statuses go nowhere; nothing moves to itself', () => {
    for (const from of ['rejected', 'used', 'expired', 'cancelled'] as const) {
      for (const to of COMPENSATION_STATUSES) expect(canMoveCompensation(from, to)).toBe(false);
    }
    for (const s of COMPENSATION_STATUSES) expect(COMPENSATION_MOVES[s]).not.toContain(s);
  });
});

describe('offers and their value', () => {
  const pricing = { priceFen: (id: string) => ({ 'sausage-classic': 3980 })[id], pointsPerYuan: DEFAULT_COMPENSATION_RULES.pointsPerYuan };

  test('replacement is valued at price × qty, points at 100 = ¥1', () => {
    expect(buildOffer({ type: 'replacement', items: [{ productId: 'sausage-classic', qty: 3 }] }, pricing)).toEqual({
      ok: true,
      offer: { type: 'replacement', items: [{ productId: 'sausage-classic', qty: 3 }], valueFen: 11940 },
    });
    expect(buildOffer({ type: 'points', points: 500 }, pricing)).toEqual({ ok: true, offer: { type: 'points', points: 500, valueFen: 500 } });
    expect(pointsToFen(1, 300)).toBe(1);
  });

  test('an unknown product or a missing amount fails on its field', () => {
    expect(buildOffer({ type: 'replacement', items: [{ productId: 'nope', qty: 1 }] }, pricing)).toEqual({ ok: false, field: 'items.0.productId', message: '找不到这件商品' });
    expect(buildOffer({ type: 'refund' }, pricing)).toMatchObject({ ok: false, field: 'amountFen' });
  });

  test('for people', () => {
    expect(formatYuan(500)).toBe('¥5');
    expect(formatYuan(1250)).toBe('¥12.50');
    expect(describeOffer({ type: 'coupon', amountFen: 1000, valueFen: 1000 })).toBe('¥10 优惠券');
    expect(describeOffer({ type: 'refund', amountFen: 6230, valueFen: 6230 })).toBe('退款 ¥62.30');
    expect(describeOffer({ type: 'replacement', items: [{ productId: 'a', qty: 2 }, { productId: 'b', qty: 1 }], valueFen: 1 })).toBe('补发 3 件');
    expect(describeOffer({ type: 'points', points: 500, valueFen: 500 })).toBe('500 积分');
  });
});

describe('compensationInputSchema', () => {
  const fields = (input: unknown) => {
    const r = validate(compensationInputSchema, input);
    return r.ok ? undefined : r.error.fields;
  };

  test('valid inputs of every kind come back parsed', () => {
    expect(validate(compensationInputSchema, { type: 'coupon', amountFen: 1000, note: '  延迟补偿 ' })).toEqual({
      ok: true,
      data: { type: 'coupon', amountFen: 1000, note: '延迟补偿' },
    });
    expect(fields({ type: 'refund', amountFen: 10_000_000 })).toBeUndefined();
    expect(fields({ type: 'replacement', items: [{ productId: 'sausage-classic', qty: 99 }] })).toBeUndefined();
    expect(fields({ type: 'points', points: 500 })).toBeUndefined();
  });

  test('the field each kind needs is reported on that field', () => {
    expect(fields({ type: 'refund' })).toEqual({ amountFen: '请填写补偿金额' });
    expect(fields({ type: 'coupon' })).toEqual({ amountFen: '请填写补偿金额' });
    expect(fields({ type: 'replacement' })).toEqual({ items: '请选择补发的商品' });
    expect(fields({ type: 'points' })).toEqual({ points: '请填写积分数量' });
  });

  test('fields another kind needs are refused', () => {
    expect(fields({ type: 'replacement', amountFen: 100, items: [{ productId: 'a', qty: 1 }] })).toEqual({ amountFen: '补发不需要填写此项' });
    expect(fields({ type: 'coupon', amountFen: 100, points: 5 })).toEqual({ points: '优惠券不需要填写此项' });
  });

  test('amounts: whole fen, ¥0.01 to ¥100000', () => {
    expect(fields({ type: 'refund', amountFen: 0 })).toEqual({ amountFen: '金额至少 ¥0.01' });
    expect(fields({ type: 'refund', amountFen: 10_000_001 })).toEqual({ amountFen: '金额不能超过 ¥100000' });
    expect(fields({ type: 'refund', amountFen: 12.5 })).toEqual({ amountFen: '金额必须是整数（单位：分）' });
    expect(fields({ type: 'refund', amountFen: '50' })).toEqual({ amountFen: '金额必须是整数（单位：分）' });
  });

  test('replacement items', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ productId: `p${i}`, qty: 1 }));
    expect(fields({ type: 'replacement', items: many })).toEqual({ items: '一次最多补发 10 种商品' });
    expect(fields({ type: 'replacement', items: [] })).toEqual({ items: '请选择补发的商品' });
    expect(fields({ type: 'replacement', items: [{ productId: 'a', qty: 0 }] })).toEqual({ 'items.0.qty': '数量至少为 1' });
    expect(fields({ type: 'replacement', items: [{ productId: 'a', qty: 100 }] })).toEqual({ 'items.0.qty': '数量最多 99' });
    expect(fields({ type: 'replacement', items: [{ productId: 'x'.repeat(65), qty: 1 }] })).toEqual({ 'items.0.productId': '商品编号太长' });
    expect(fields({ type: 'replacement', items: [{ productId: 'a', qty: 1 }, { productId: 'a', qty: 2 }] })).toEqual({ 'items.1.productId': '同一商品请合并数量' });
  });

  test('nested in an action input, the field keeps its prefix', () => {
    const r = validate(z.strictObject({ compensation: z.optional(compensationInputSchema) }), { compensation: { type: 'refund' } });
    expect(!r.ok && r.error.fields).toEqual({ 'compensation.amountFen': '请填写补偿金额' });
  });

  test('points, note, type and unknown fields', () => {
    expect(fields({ type: 'points', points: 0 })).toEqual({ points: '积分至少为 1' });
    expect(fields({ type: 'points', points: 1.5 })).toEqual({ points: '积分必须是整数' });
    expect(fields({ type: 'coupon', amountFen: 100, note: '好'.repeat(201) })).toEqual({ note: '备注最多 200 个字' });
    expect(fields({ type: 'cash', amountFen: 100 })).toEqual({ type: '请选择补偿方式' });
    expect(fields({ amountFen: 100 })).toEqual({ type: '请选择补偿方式' });
    expect(fields({ type: 'coupon', amountFen: 100, orderNo: 'x' })).toEqual({ orderNo: '不支持的字段' });
  });
});
