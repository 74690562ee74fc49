import { describe, expect, test } from 'vitest';
import { DEFAULT_URGENCY_RULES, decideUrgency, type UrgencyFacts } from '../../shared/complaint/urgency';

const facts = (f: Partial<UrgencyFacts>): UrgencyFacts => ({ category: 'other', subcategory: 'unspecified', foodSafety: false, angry: false, ...f });

describe('urgency (DOMAIN.md rules as data)', () => {
  test('food safety is L1, whatever else', () => {
    expect(decideUrgency(facts({ category: 'quality', subcategory: 'spoiled', foodSafety: true }))).toMatchObject({ level: 'L1', reason: 'L1: 食品安全' });
  });

  test('general quality problems are L2, routine ones L3', () => {
    expect(decideUrgency(facts({ category: 'quality', subcategory: 'taste' })).level).toBe('L2');
    expect(decideUrgency(facts({ category: 'service', subcategory: 'refund' }))).toMatchObject({ level: 'L3', reason: 'L3: 常规问题' });
  });

  test('delivery delayed more than 24 h (from order data) is L2', () => {
    expect(decideUrgency(facts({ category: 'delivery', subcategory: 'late', deliveryLateHours: 27.5 }))).toMatchObject({ level: 'L2', reason: 'L2: 配送超时 27 小时' });
    expect(decideUrgency(facts({ category: 'delivery', subcategory: 'late', deliveryLateHours: 3 })).level).toBe('L3');
  });

  test('angry, VIP, repeat and group raise one level — once, not per reason, by default', () => {
    expect(decideUrgency(facts({ angry: true }))).toMatchObject({ level: 'L2', reason: 'L3 → L2: 顾客情绪激动' });
    const many = decideUrgency(facts({ angry: true, annualSpendFen: 800_000, recentComplaints: 3, batchCustomers: 4 }));
    expect(many.level).toBe('L2');
    expect(many.reason).toBe('L3 → L2: 顾客情绪激动、VIP 顾客、30 天内第 3 次投诉、同批次 4 位顾客投诉');
    expect(decideUrgency(facts({ angry: true, annualSpendFen: 800_000 }), { ...DEFAULT_URGENCY_RULES, maxRaise: 2 }).level).toBe('L1');
  });

  test('L1 stays L1 and says why the raisers did not matter', () => {
    const d = decideUrgency(facts({ category: 'quality', subcategory: 'foreign_object', foodSafety: true, angry: true }));
    expect(d).toMatchObject({ level: 'L1', reason: 'L1: 食品安全' });
    expect(d.reasons).toEqual(['L1: 食品安全', '顾客情绪激动（已是最高级）']);
  });

  test('batch surge and major incidents are L1', () => {
    expect(decideUrgency(facts({ batchSurge: true })).reason).toBe('L1: 同批次集中投诉');
    expect(decideUrgency(facts({ majorIncident: true })).reason).toBe('L1: 重大服务事件');
  });
});
