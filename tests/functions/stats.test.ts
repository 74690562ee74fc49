import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syntheticComplaints } from '../../scripts/seed/synthetic-complaints';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ demoComplaints: true });
});
afterAll(() => cloud?.close());

test('the manager sees every department; the figures follow the demo complaints', async () => {
  const o = data(await cloud.call('stats', 'overview', {}, { openid: 'demo-manager' }));
  const total = cloud.database.count('complaints');
  expect(o.total).toBe(total);
  expect(o.range.days).toBe(30);
  expect(o.volumeByDay.reduce((n, d) => n + d.count, 0)).toBe(total);
  expect(o.byCategory.reduce((n, c) => n + c.count, 0)).toBe(total);
  expect(o.slaByDepartment.map((d) => d.department)).toEqual(['qc', 'logistics', 'cs']);
  expect(o.satisfaction).toMatchObject({ ratings: 1, meanStars: 4, promoters: 0, passives: 1, detractors: 0, nps: 0 });
  expect(o.topBatches[0].count).toBe(3);
  expect(o.alerts.some((a) => a.kind === 'batch_cluster')).toBe(true);
  expect(o.keywords.map((k) => k.word)).toContain('发霉');
  expect(JSON.stringify(o)).not.toMatch(/1[3-9]\d{9}/);
});

test('a head sees only their department; agents and customers not at all', async () => {
  const o = data(await cloud.call('stats', 'overview', {}, { openid: 'demo-head-qc' }));
  expect(o.total).toBe(cloud.database.count('complaints', { department: 'qc' }));
  expect(await cloud.call('stats', 'overview', { department: 'cs' }, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await cloud.call('stats', 'overview', {}, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await cloud.call('stats', 'overview', {}, { openid: 'demo-customer-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await cloud.call('stats', 'overview', { from: '2026-12-01', to: '2026-11-01' }, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

async function advance(minutes: number) {
  const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.status).toBe(200);
}
/** The figures without their freshness note, to compare two answers. */
const figures = ({ freshness: _f, ...o }: { freshness: unknown }) => o;

/** The default 30 days as a fixed window, for figures compared across clock moves (which may cross midnight, China time). */
function fixedWindow(): { from: string; to: string } {
  const day = (offsetDays: number) => new Date(cloud.clock.nowMs() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: day(-29), to: day(1) };
}

describe('day rollups', () => {
  test('the stats timer builds the day rollups; the figures stay the same and changes since show at once', async () => {
    const window = fixedWindow();
    const before = data(await cloud.call('stats', 'overview', window, { openid: 'demo-manager' }));
    expect(before.freshness).toMatchObject({ partial: false });
    expect(before.freshness.rolledUpAt).toBeUndefined();
    await advance(5);
    const meta = cloud.database.find('statsDaily', { _id: 'meta' })[0] as { dirty: string[]; builtAt: Date };
    expect(meta.dirty).toEqual([]);
    expect(cloud.database.count('statsDaily')).toBeGreaterThan(1);
    const after = data(await cloud.call('stats', 'overview', window, { openid: 'demo-manager' }));
    expect(after.freshness.rolledUpAt).toBeDefined();
    expect(after.freshness.liveRows).toBe(0);
    expect(figures(after)).toEqual(figures(before));
    const status = data(await cloud.call('stats', 'rollupStatus', {}, { openid: 'demo-head-qc' }));
    expect(status).toMatchObject({ dirtyDays: 0, rebuilding: false });

    // A complaint filed after the rollup ran is in the figures at once (read live on top of the rollup).
    data(await cloud.call('complaint', 'submit', { description: '收到的腊肠包装破了，油漏了一箱子', contactPhone: '13800001111' }, { openid: 'demo-customer-3', requestId: 'stats-live-1' }));
    const live = data(await cloud.call('stats', 'overview', window, { openid: 'demo-manager' }));
    expect(live.total).toBe(after.total + 1);
    expect(live.freshness.liveRows).toBe(1);
    // The next run takes it into its day; the overlay is empty again.
    await advance(5);
    const rolled = data(await cloud.call('stats', 'overview', window, { openid: 'demo-manager' }));
    expect(rolled.total).toBe(live.total);
    expect(figures(rolled)).toEqual(figures(live));
  });

  test('filters: product, region, store, tier; heads stay in their department', async () => {
    const now = new Date(cloud.clock.nowMs());
    const docs = syntheticComplaints({ now, count: 300, days: 20, openShare: 0.3, idPrefix: 'flt', seed: 3 }).map((d, i) => ({ ...d, updatedAt: now, ...(i % 5 === 0 ? { storeId: 'store-test', storeName: '测试门店' } : {}) }));
    cloud.database.insertMany('complaints', docs);
    const count = (q: object) => cloud.database.count('complaints', q);
    const call = async (input: object, openid = 'demo-manager') => data(await cloud.call('stats', 'overview', input, { openid }));
    expect((await call({ productId: 'sausage-mala' })).total).toBe(count({ productId: 'sausage-mala' }));
    expect((await call({ region: '成都片区' })).total).toBe(count({ region: '成都片区' }));
    expect((await call({ storeId: 'store-test' })).total).toBe(60);
    expect((await call({ tier: 'vip' })).total).toBe(count({ customerTier: 'vip' }));
    const head = await call({ productId: 'sausage-mala' }, 'demo-head-logistics');
    expect(head.total).toBe(count({ productId: 'sausage-mala', department: 'logistics' }));
    expect(head.slaByDepartment.filter((d) => d.department !== 'logistics').every((d) => d.tickets === 0)).toBe(true);
    const all = await call({});
    expect(all.options.products.map((p) => p.id)).toContain('sausage-mala');
    expect(all.options.stores).toContainEqual({ id: 'store-test', name: '测试门店' });
    // After the timer the same answers come from the rollup.
    await advance(5);
    const rolled = await call({ tier: 'vip' });
    expect(rolled.freshness.liveRows).toBe(0);
    expect(rolled.total).toBe(count({ customerTier: 'vip' }));
    expect(await cloud.call('stats', 'overview', { productId: { $ne: null } } as never, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('complaints written outside the functions count after stats.rebuild (managers and admins only)', async () => {
    const now = new Date(cloud.clock.nowMs());
    const window = fixedWindow();
    const total = (await cloud.call('stats', 'overview', window, { openid: 'demo-manager' })) as { ok: true; data: { total: number } };
    // Imported with their old change times: the incremental rollup cannot see them.
    cloud.database.insertMany('complaints', syntheticComplaints({ now: new Date(now.getTime() - 86_400_000), count: 50, days: 5, openShare: 0.5, idPrefix: 'imp', seed: 9 }));
    await advance(5);
    expect(data(await cloud.call('stats', 'overview', window, { openid: 'demo-manager' })).total).toBe(total.data.total);
    expect(await cloud.call('stats', 'rebuild', {}, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await cloud.call('stats', 'rebuild', {}, { openid: 'demo-manager' }))).toMatchObject({ dirtyDays: 0, rebuilding: false });
    expect(data(await cloud.call('stats', 'overview', window, { openid: 'demo-manager' })).total).toBe(total.data.total + 50);
  });
});

describe('weekly report', () => {
  test('the top 3 problems of a week with counts, change and example texts; CSV for Excel', async () => {
    // The week holding the middle of the synthetic complaints (1 to 6 days ago), not today's: run just after midnight
    // on a Monday, today's week would have nothing in it yet.
    const now = new Date(cloud.clock.nowMs());
    const today = new Date(now.getTime() - 3.5 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const report = data(await cloud.call('stats', 'weeklyReport', { week: today }, { openid: 'demo-manager' }));
    expect(report.week.to >= today && report.week.from <= today).toBe(true);
    expect(report.problems.length).toBe(3);
    expect(report.problems[0].count).toBeGreaterThanOrEqual(report.problems[1].count);
    expect(report.total).toBe(cloud.database.count('complaints', { createdAt: { $gte: new Date(`${report.week.from}T00:00:00+08:00`), $lt: new Date(new Date(`${report.week.to}T00:00:00+08:00`).getTime() + 86_400_000) } }));
    for (const p of report.problems) {
      expect(p.examples.length).toBeGreaterThan(0);
      expect(p.label).not.toBe(p.subcategory);
    }
    expect(JSON.stringify(report)).not.toMatch(/1[3-9]\d{9}/);
    const head = data(await cloud.call('stats', 'weeklyReport', { week: today }, { openid: 'demo-head-cs' }));
    expect(head.problems.every((p) => p.category === 'service' || p.category === 'other')).toBe(true);
    expect(await cloud.call('stats', 'weeklyReport', { department: 'qc' }, { openid: 'demo-head-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const file = data(await cloud.call('stats', 'exportWeeklyReport', { week: today }, { openid: 'demo-manager' }));
    expect(file.filename).toBe(`投诉周报_${report.week.from}_${report.week.to}.csv`);
    const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = bytes.toString('utf8');
    expect(text).toContain('排名,类别,细类,本周投诉,上周投诉,环比');
    expect(text).toContain(report.problems[0].label);
  });
});

describe('customer watch', () => {
  test('repeat complainants, churn risk and VIP with open complaints — masked, pseudonymous, linked to tickets', async () => {
    const now = new Date(cloud.clock.nowMs());
    const base = syntheticComplaints({ now, count: 6, days: 10, openShare: 1, idPrefix: 'watch', seed: 17 });
    const mine = base.map((d, i) => ({
      _id: d._id as string,
      ticketNo: d.ticketNo as string,
      ...d,
      customerOpenid: i < 4 ? 'watch-repeat' : 'watch-vip',
      customerTier: i < 4 ? 'regular' : 'vip',
      department: 'logistics',
      category: 'delivery',
      subcategory: 'late',
      status: 'investigating',
      contactPhoneMasked: i < 4 ? '139****0004' : '137****0008',
      updatedAt: now,
    }));
    cloud.database.insertMany('complaints', mine);
    cloud.database.insertMany('tasks', [
      { _id: 'churn:watch-repeat:x', dedupeKey: 'churn:watch-repeat:x', kind: 'churn_risk', department: 'cs', complaintId: mine[0]._id, ticketNo: mine[0].ticketNo, customerOpenid: 'watch-repeat', note: '流失预警', status: 'open', createdAt: now },
    ]);
    const w = data(await cloud.call('stats', 'customerWatch', {}, { openid: 'demo-manager' }));
    const repeat = w.repeat.find((c) => c.phoneMasked === '139****0004');
    expect(repeat).toMatchObject({ complaints: 4, tier: 'regular' });
    expect(repeat!.tickets.map((t) => t.complaintId).sort()).toEqual(mine.slice(0, 4).map((d) => d._id).sort());
    expect(w.churnRisk.map((c) => c.key)).toContain(repeat!.key);
    expect(w.vipOpen.find((c) => c.phoneMasked === '137****0008')).toMatchObject({ tier: 'vip', complaints: 2 });
    const text = JSON.stringify(w);
    expect(text).not.toContain('watch-repeat');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    // Heads: their department's complaints; churn-risk tasks belong to customer service.
    const qc = data(await cloud.call('stats', 'customerWatch', {}, { openid: 'demo-head-qc' }));
    expect(qc.repeat.some((c) => c.key === repeat!.key)).toBe(false);
    expect(qc.churnRisk).toEqual([]);
    expect(data(await cloud.call('stats', 'customerWatch', {}, { openid: 'demo-head-cs' })).churnRisk.map((c) => c.key)).toContain(repeat!.key);
    expect(await cloud.call('stats', 'customerWatch', { department: 'qc' }, { openid: 'demo-head-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('stats', 'customerWatch', {}, { openid: 'demo-agent-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
