import { afterEach, describe, expect, test, vi } from 'vitest';
import { SCENE_RE } from '../../shared/api/common';
import { parseScene, type ShipmentDoc } from '../../shared/catalog/model';
import { COLLECTION_NAMES } from '../../shared/db/collections';
import { DEMO_CUSTOMERS, DEMO_IDENTITIES, DEMO_STAFF } from '../../shared/demo/identities';
import { chinaDate } from '../../shared/time/clock';
import { buildDemoData } from '../../scripts/seed/demo-data';

const NOW = new Date('2026-11-22T06:30:00.000Z');
const data = buildDemoData(NOW);
const HOUR = 3_600_000;

/** Minutes a shipment spent above its threshold, counting each 10-minute reading above it. */
const minutesAbove = (s: ShipmentDoc) => s.readings.filter((r) => r.celsius > s.thresholdCelsius).length * 10;

afterEach(() => vi.useRealTimers());

test('every key is a declared collection and every collection has unique _ids', () => {
  for (const [name, docs] of Object.entries(data)) {
    expect(COLLECTION_NAMES).toContain(name);
    const ids = (docs as Array<{ _id: string }>).map((d) => d._id);
    expect(new Set(ids).size, name).toBe(ids.length);
  }
});

describe('people', () => {
  test('every demo identity exists: staff by openid with role and department, customers with tier and city', () => {
    for (const person of DEMO_STAFF) {
      const staff = data.staff.find((s) => s._id === person.openid);
      expect(staff, person.openid).toMatchObject({ openid: person.openid, role: person.role, name: person.name, onDuty: true, active: true });
      expect(staff?.department).toBe(person.department);
      expect(staff?.skills.length).toBeGreaterThan(0);
    }
    for (const person of DEMO_CUSTOMERS) {
      expect(data.customers.find((c) => c._id === person.openid), person.openid).toMatchObject({ openid: person.openid, nickname: person.name });
    }
    expect(data.staff.length + data.customers.length).toBe(DEMO_IDENTITIES.length);
    expect(data.customers.find((c) => c.openid === 'demo-customer-2')?.tier).toBe('vip');
    expect(data.customers.filter((c) => c.tier === 'vip')).toHaveLength(1);
  });

  test('three departments, each headed by its demo head, with a webhook key name (not a URL)', () => {
    expect(data.departments.map((d) => [d._id, d.name])).toEqual([
      ['qc', '质检部'],
      ['logistics', '物流部'],
      ['cs', '客服部'],
    ]);
    for (const dept of data.departments) {
      expect(data.staff.find((s) => s.openid === dept.headOpenid)).toMatchObject({ role: 'head', department: dept._id });
      expect(dept.wecomWebhookKey).toMatch(/^[A-Z_]+$/);
    }
  });
});

describe('catalog', () => {
  test('at least 8 products with prices in fen, shelf life and a 麻辣度 1–5 with a plain note', () => {
    expect(data.products.length).toBeGreaterThanOrEqual(8);
    for (const p of data.products) {
      expect(Number.isInteger(p.priceFen) && p.priceFen > 0).toBe(true);
      expect(p.shelfLifeDays).toBeGreaterThan(0);
      expect([1, 2, 3, 4, 5]).toContain(p.spiceLevel);
      expect(p.spiceNote.length).toBeGreaterThan(2);
    }
    const names = data.products.map((p) => p.name).join(' ');
    for (const name of ['川味腊肠', '麻辣腊肠', '烟熏腊肉', '牛油火锅底料', '清油火锅底料', '汤圆', '红糖糍粑', '冷吃兔']) expect(names).toContain(name);
  });

  test('2–4 batches per product, dated from now, one already expired; 川味腊肠 has batch LC-20261101', () => {
    for (const p of data.products) {
      const count = data.batches.filter((b) => b.productId === p._id).length;
      expect(count, p._id).toBeGreaterThanOrEqual(2);
      expect(count, p._id).toBeLessThanOrEqual(4);
    }
    const today = chinaDate(NOW);
    for (const b of data.batches) {
      expect(b.productionDate < today).toBe(true);
      expect(b.batchNo).toBe(b.productionDate.replaceAll('-', ''));
      expect(b.expiryDate > b.productionDate).toBe(true);
    }
    expect(data.batches.some((b) => b.expiryDate < today)).toBe(true);
    expect(data.batches.find((b) => b._id === 'LC-20261101')).toMatchObject({ productId: 'sausage-classic', factory: '眉山东坡工厂' });
  });

  test('at least 5 stores in 成都, 重庆, 绵阳 and 乐山', () => {
    expect(data.stores.length).toBeGreaterThanOrEqual(5);
    expect(new Set(data.stores.map((s) => s.city))).toEqual(new Set(['成都', '重庆', '绵阳', '乐山']));
    for (const s of data.stores) expect(s.address).toContain(s.district);
  });

  test('QR scenes are unique, valid for wxacode.getUnlimited and parse back to their batch or store', () => {
    const scenes = [...data.batches.map((b) => b.scene), ...data.stores.map((s) => s.scene)];
    expect(new Set(scenes).size).toBe(scenes.length);
    for (const scene of scenes) expect(scene).toMatch(SCENE_RE);
    for (const b of data.batches) expect(parseScene(b.scene)).toEqual({ kind: 'package', batchId: b._id });
    for (const s of data.stores) expect(parseScene(s.scene)).toEqual({ kind: 'store', storeId: s._id });
  });
});

describe('orders and shipments', () => {
  test('at least 12 orders of the demo customers with unique order numbers and consistent items', () => {
    expect(data.orders.length).toBeGreaterThanOrEqual(12);
    const numbers = data.orders.map((o) => o.orderNo);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const o of data.orders) {
      expect(o.orderNo).toMatch(/^SO\d{14}$/);
      expect(o.orderNo.slice(2, 10)).toBe(chinaDate(o.paidAt).replaceAll('-', ''));
      expect(DEMO_CUSTOMERS.map((c) => c.openid)).toContain(o.customerOpenid);
      expect(o.paidAt).toBeInstanceOf(Date);
      expect(o.paidAt.getTime()).toBeLessThan(NOW.getTime());
      expect(o.totalFen).toBe(o.items.reduce((sum, i) => sum + i.qty * i.priceFen, 0));
      for (const item of o.items) {
        const product = data.products.find((p) => p._id === item.productId);
        expect(product, item.productId).toBeDefined();
        if (item.batchId) expect(data.batches.find((b) => b._id === item.batchId)?.productId).toBe(item.productId);
      }
      if (o.deliveredAt) expect(o.deliveredAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (o.channel === 'store') expect(data.stores.map((s) => s._id)).toContain(o.storeId);
    }
    for (const c of DEMO_CUSTOMERS) expect(data.orders.some((o) => o.customerOpenid === c.openid), c.openid).toBe(true);
  });

  test('at least one order was delivered more than 24 hours late', () => {
    expect(data.orders.some((o) => o.deliveredAt && o.deliveredAt.getTime() - o.promisedBy.getTime() > 24 * HOUR)).toBe(true);
  });

  test('every shipment belongs to an order; every delivered home delivery has exactly one', () => {
    for (const s of data.shipments) expect(data.orders.map((o) => o.orderNo)).toContain(s.orderNo);
    for (const o of data.orders.filter((o) => o.status === 'delivered' && o.channel !== 'store')) {
      expect(data.shipments.filter((s) => s.orderNo === o.orderNo), o.orderNo).toHaveLength(1);
    }
    for (const s of data.shipments) {
      const order = data.orders.find((o) => o.orderNo === s.orderNo)!;
      expect(s.deliveredAt?.getTime()).toBe(order.deliveredAt?.getTime());
      expect(s.dispatchedAt.getTime()).toBeGreaterThan(order.paidAt.getTime());
    }
  });

  test('readings every 10 minutes from dispatch to delivery, mostly around −18 °C', () => {
    for (const s of data.shipments) {
      const end = (s.deliveredAt ?? NOW).getTime();
      expect(s.readings[0].at.getTime()).toBe(s.dispatchedAt.getTime());
      expect(end - s.readings.at(-1)!.at.getTime()).toBeLessThan(10 * 60_000);
      s.readings.forEach((r, i) => i > 0 && expect(r.at.getTime() - s.readings[i - 1].at.getTime()).toBe(10 * 60_000));
      const cold = s.readings.filter((r) => r.celsius <= -17 && r.celsius >= -19).length;
      expect(cold / s.readings.length).toBeGreaterThan(0.9);
    }
  });

  test('cold-chain excursions: one of about 40 minutes above −15 °C and one of more than 120 minutes', () => {
    const excursions = data.shipments.map(minutesAbove).filter((m) => m > 0).sort((a, b) => a - b);
    expect(excursions).toHaveLength(2);
    expect(excursions[0]).toBeGreaterThanOrEqual(30);
    expect(excursions[0]).toBeLessThanOrEqual(50);
    expect(excursions[1]).toBeGreaterThan(120);
    for (const s of data.shipments) expect(s.thresholdCelsius).toBe(-15);
  });
});

test('at least 8 FAQ answers on the topics customers ask about', () => {
  expect(data.faqs.length).toBeGreaterThanOrEqual(8);
  const questions = data.faqs.map((f) => f.question).join(' ');
  for (const topic of ['退款', '回复', '化冻', '麻辣度', '批次', '发票', '配送', '营业时间']) expect(questions).toContain(topic);
  for (const faq of data.faqs) expect(faq.answer.length).toBeGreaterThan(40);
});

test('deterministic: the same now gives the same documents whatever the real time', () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
  const again = buildDemoData(new Date(NOW.getTime()));
  expect(again).toEqual(data);
  expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  const later = buildDemoData(new Date(NOW.getTime() + 24 * HOUR));
  expect(later.orders[0].paidAt.getTime() - data.orders[0].paidAt.getTime()).toBe(24 * HOUR);
});
