import { afterAll, beforeAll, expect, test } from 'vitest';
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
