import { describe, expect, test } from 'vitest';
import type { Classification } from '../../shared/classifier/classify';
import { deliveryLateMinutes, inferChannel, planIntake, relatedFacts, type IntakeContext } from '../../shared/complaint/intake';
import { queueKey } from '../../shared/complaint/queue';
import type { AssignableStaff } from '../../shared/complaint/routing';
import { formatTicketNo, ticketCounterId, TICKET_NO_RE } from '../../shared/complaint/ticket-number';
import { DEFAULT_URGENCY_RULES } from '../../shared/complaint/urgency';
import { customerTimeline } from '../../shared/complaint/views';
import type { EventDoc } from '../../shared/complaint/document';

const now = new Date('2026-11-22T06:30:00Z'); // 14:30 in China
const HOUR = 3_600_000;

const classification = (over: Partial<Classification> = {}): Classification => ({
  category: 'quality',
  subcategory: 'taste',
  confidence: 0.81234,
  secondary: [],
  foodSafety: false,
  angry: false,
  needsTriage: false,
  candidates: [],
  foodSafetyScore: 0.1,
  angryScore: 0.1,
  model: 'complaint-linear-test',
  ...over,
});

const agent = (openid: string, department: 'qc' | 'logistics' | 'cs', skills: string[] = []): AssignableStaff => ({ openid, name: openid, role: 'agent', department, skills, onDuty: true, active: true });

const context = (over: Partial<IntakeContext> = {}): IntakeContext => ({
  now,
  customerOpenid: 'cust-1',
  related: [],
  staff: [agent('qc-a', 'qc', ['taste']), agent('qc-b', 'qc', ['taste']), agent('lg-a', 'logistics')],
  loads: {},
  ...over,
});

describe('planIntake', () => {
  test('a general quality complaint: L2, QC, least-loaded skilled agent, business-hours promise', () => {
    const plan = planIntake({ description: '太咸了' }, classification(), context({ loads: { 'qc-a': { open: 3 }, 'qc-b': { open: 1 } } }));
    expect(plan.complaint).toMatchObject({ status: 'assigned', level: 'L2', department: 'qc', assigneeOpenid: 'qc-b', channel: 'miniprogram', version: 1 });
    expect(plan.complaint.levelReason).toBe('L2: 产品质量问题');
    expect(plan.complaint.classification.confidence).toBe(0.812);
    // L2: 4 working hours from 14:30 → 18:30 the same day.
    expect(plan.complaint.sla.firstResponseDueAt.toISOString()).toBe('2026-11-22T10:30:00.000Z');
    expect(plan.complaint.nextDueAt).toEqual(plan.complaint.sla.firstResponseDueAt);
    expect(plan.complaint.queueKey).toBe(queueKey('L2', plan.complaint.sla.firstResponseDueAt));
  });

  test('ties rotate after the most recently assigned agent (round robin)', () => {
    const loads = { 'qc-a': { open: 1, lastAssignedAt: new Date(now.getTime() - HOUR) }, 'qc-b': { open: 1, lastAssignedAt: new Date(now.getTime() - 2 * HOUR) } };
    expect(planIntake({ description: 'x' }, classification(), context({ loads })).complaint.assigneeOpenid).toBe('qc-b');
    const swapped = { 'qc-a': { open: 1, lastAssignedAt: new Date(now.getTime() - 2 * HOUR) }, 'qc-b': { open: 1, lastAssignedAt: new Date(now.getTime() - HOUR) } };
    expect(planIntake({ description: 'x' }, classification(), context({ loads: swapped })).complaint.assigneeOpenid).toBe('qc-a');
  });

  test('repeat complainant and several customers on one batch raise the level, with the reason', () => {
    const batch = { _id: 'LC-1', productId: 'sausage', batchNo: '20261101', productionDate: '2026-11-01', expiryDate: '2027-05-01', factory: '成都', scene: 'b=LC-1' };
    const related = [
      { _id: 'c1', customerOpenid: 'cust-1', createdAt: new Date(now.getTime() - 5 * 24 * HOUR) },
      { _id: 'c2', customerOpenid: 'cust-1', createdAt: new Date(now.getTime() - 20 * 24 * HOUR) },
      { _id: 'c3', customerOpenid: 'cust-1', createdAt: new Date(now.getTime() - 40 * 24 * HOUR) },
    ];
    const plan = planIntake({ description: 'x', scene: 'b=LC-1' }, classification({ category: 'other', subcategory: 'price' }), context({ related, batch }));
    expect(plan.complaint.related).toEqual({ customerRecent: 3, sameOrder: [], batchCustomers: 1 });
    expect(plan.complaint).toMatchObject({ level: 'L2', channel: 'qr_package', batchId: 'LC-1', batchNo: '20261101' });
    expect(plan.complaint.levelReason).toContain('30 天内第 3 次投诉');
  });

  test('food safety: L1 with a one-hour promise around the clock, even at night', () => {
    const night = new Date('2026-11-22T17:00:00Z'); // 01:00 in China
    const plan = planIntake({ description: 'x' }, classification({ subcategory: 'spoiled', foodSafety: true }), context({ now: night }));
    expect(plan.complaint.level).toBe('L1');
    expect(plan.complaint.sla.firstResponseDueAt.getTime() - night.getTime()).toBe(HOUR);
  });

  test('nobody on duty in the department: left unassigned for the department to claim', () => {
    const plan = planIntake({ description: 'x' }, classification({ category: 'service', subcategory: 'attitude' }), context());
    expect(plan.complaint).toMatchObject({ status: 'submitted', department: 'cs' });
    expect(plan.complaint.assigneeOpenid).toBeUndefined();
  });

  test('a late order: delivery facts recorded, more than 24 h late raises a late complaint to L2', () => {
    const order = {
      _id: 'o1', orderNo: 'SO1', customerOpenid: 'cust-1', channel: 'miniprogram' as const, items: [], totalFen: 100, city: '成都', region: '成都片区',
      paidAt: new Date(now.getTime() - 72 * HOUR), promisedBy: new Date(now.getTime() - 50 * HOUR), deliveredAt: new Date(now.getTime() - 20 * HOUR), status: 'delivered' as const,
    };
    const plan = planIntake({ description: 'x', orderNo: 'SO1' }, classification({ category: 'delivery', subcategory: 'late' }), context({ order }));
    expect(plan.complaint.delivery).toMatchObject({ lateMinutes: 30 * 60 });
    expect(plan.complaint).toMatchObject({ level: 'L2', channel: 'order', orderNo: 'SO1', region: '成都片区' });
  });
});

describe('intake helpers', () => {
  test('late minutes: delivered late, not yet delivered, on time', () => {
    const promisedBy = new Date(now.getTime() - HOUR);
    expect(deliveryLateMinutes({ promisedBy, deliveredAt: now }, now)).toBe(60);
    expect(deliveryLateMinutes({ promisedBy }, now)).toBe(60);
    expect(deliveryLateMinutes({ promisedBy, deliveredAt: new Date(promisedBy.getTime() - 1) }, now)).toBeUndefined();
  });

  test('channel: as sent, else from the QR code or order', () => {
    expect(inferChannel({ description: '', channel: 'web' }, 'package')).toBe('web');
    expect(inferChannel({ description: '' }, 'store')).toBe('qr_store');
    expect(inferChannel({ description: '', orderNo: 'SO1' })).toBe('order');
    expect(inferChannel({ description: '' })).toBe('miniprogram');
  });

  test('related facts count distinct customers on a batch within the window, this one included', () => {
    const related = [
      { _id: 'a', customerOpenid: 'x', batchId: 'B', createdAt: new Date(now.getTime() - HOUR) },
      { _id: 'b', customerOpenid: 'x', batchId: 'B', createdAt: new Date(now.getTime() - 2 * HOUR) },
      { _id: 'c', customerOpenid: 'y', batchId: 'B', createdAt: new Date(now.getTime() - 30 * HOUR) },
    ];
    expect(relatedFacts(context({ related }), 'B', undefined, DEFAULT_URGENCY_RULES).batchCustomers).toBe(2);
  });

  test('ticket numbers: China date and a 4-digit sequence', () => {
    const late = new Date('2026-11-22T17:30:00Z'); // already the 23rd in China
    expect(formatTicketNo(late, 42)).toBe('KS20261123-0042');
    expect(ticketCounterId(late)).toBe('ticketNo-20261123');
    expect(TICKET_NO_RE.test(formatTicketNo(now, 12345))).toBe(true);
  });

  test('queue order: level first, then the earliest promise; nothing due sorts last', () => {
    const soon = new Date(now.getTime() + HOUR);
    const later = new Date(now.getTime() + 5 * HOUR);
    const keys = [queueKey('L2', later), queueKey('L1', later), queueKey('L2', soon), queueKey('L1'), queueKey('L3', soon)].sort();
    expect(keys).toEqual([queueKey('L1', later), queueKey('L1'), queueKey('L2', soon), queueKey('L2', later), queueKey('L3', soon)]);
  });
});

describe('customer timeline', () => {
  test('only customer-visible events, each with the status after it, oldest first', () => {
    const e = (i: number, over: Partial<EventDoc>): EventDoc => ({ _id: `e${i}`, complaintId: 'c', ticketNo: 'KS', at: new Date(now.getTime() + i * 60_000), actorOpenid: 'a', actorRole: 'agent', action: 'note', visibility: 'customer', ...over });
    const timeline = customerTimeline([
      e(2, { action: 'note', note: '内部', visibility: 'internal' }),
      e(0, { action: 'submit', to: 'submitted', note: '已收到' }),
      e(3, { action: 'propose', to: 'awaiting_customer', note: '方案' }),
      e(1, { action: 'route', to: 'assigned', note: '已接手' }),
    ]);
    expect(timeline.map((t) => [t.statusLabel, t.note])).toEqual([
      ['已受理', '已收到'],
      ['处理中', '已接手'],
      ['待您确认', '方案'],
    ]);
  });
});
