import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * SLA alerts through the real sla timer: a warning when 20 % of a target remains, a breach to the assignee and
 * the head, escalation to the manager later, nothing twice across repeated or overlapping runs, nothing while
 * the ticket waits for the customer.
 */
let cloud: TestCloud;
let seq = 0;
const rid = () => `sla-${Date.now().toString(36)}-${seq++}`;

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

async function advance(minutes: number) {
  const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.status).toBe(200);
}

const alerts = (complaintId: string) =>
  cloud.database
    .find('outbox', { complaintId, kind: { $in: ['sla_warning', 'sla_breach', 'sla_escalation'] } }, { sort: { createdAt: 1 } })
    .map((m) => `${m.kind}→${m.to}`);

function timerRun() {
  return cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date().toISOString() }, { source: 'wx_trigger' });
}

describe('the sla timer', () => {
  test('food safety (1 h, around the clock): warning at 48 min, breach at 60, the manager two hours later — each once', async () => {
    const res = data(await cloud.call('complaint', 'submit', { description: '香肠里面发现一只虫子，吃了一半才看到', contactPhone: '13812348000' }, { openid: 'demo-customer-1', requestId: rid() }));
    expect(res).toMatchObject({ level: 'L1', department: 'qc' });
    await advance(47);
    expect(alerts(res.complaintId)).toEqual([]);
    await advance(2);
    expect(alerts(res.complaintId)).toEqual(['sla_warning→demo-agent-qc', 'sla_warning→demo-head-qc']);
    await advance(12);
    expect(alerts(res.complaintId)).toEqual(['sla_warning→demo-agent-qc', 'sla_warning→demo-head-qc', 'sla_breach→demo-agent-qc', 'sla_breach→demo-head-qc']);
    // Repeated and overlapping runs add nothing.
    await Promise.all([timerRun(), timerRun(), timerRun()]);
    await advance(5);
    expect(alerts(res.complaintId)).toHaveLength(4);
    await advance(120);
    expect(alerts(res.complaintId).slice(4)).toEqual(['sla_escalation→demo-manager']);
    const view = data(await cloud.call('ticket', 'get', { complaintId: res.complaintId }, { openid: 'demo-head-qc' }));
    expect(view.sla.slaState).toBe('breached');
    expect(view.events.filter((e) => e.action === 'sla_alert').map((e) => e.note)).toEqual([
      expect.stringContaining('首次响应即将超时'),
      expect.stringContaining('首次响应已超时'),
      expect.stringContaining('首次响应超时升级'),
    ]);
  });

  test('a first response in time stops the first-response alerts; waiting for the customer stops the clock', async () => {
    const res = data(await cloud.call('complaint', 'submit', { description: '水饺吃出了一根钢丝，差点划破嘴', contactPhone: '13812348000' }, { openid: 'demo-customer-2', requestId: rid() }));
    let view = data(await cloud.call('ticket', 'get', { complaintId: res.complaintId }, { openid: 'demo-agent-qc' }));
    data(await cloud.call('ticket', 'proposeSolution', { complaintId: res.complaintId, version: view.version, text: '非常抱歉，为您全额退款并补发一袋', compensation: { type: 'refund', amountFen: 3000 } }, { openid: 'demo-agent-qc' }));
    // 23 hours later the resolution target (24 h) would be in its warning window — but the clock is paused.
    await advance(23 * 60);
    expect(alerts(res.complaintId)).toEqual([]);
    view = data(await cloud.call('ticket', 'get', { complaintId: res.complaintId }, { openid: 'demo-agent-qc' }));
    expect(view.sla).toMatchObject({ paused: true, slaState: 'paused' });
  });

  test('the sweep reads only due tickets: tickets far from their promise are not touched', async () => {
    const res = data(await cloud.call('complaint', 'submit', { description: '价格比别家贵了不少', contactPhone: '13812348000' }, { openid: 'demo-customer-3', requestId: rid() }));
    const before = cloud.database.find('complaints', { _id: res.complaintId })[0];
    await advance(10);
    const after = cloud.database.find('complaints', { _id: res.complaintId })[0];
    expect(after.version).toBe(before.version);
  });
});
