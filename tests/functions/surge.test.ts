import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SubmitOutput } from '../../shared/api/functions/complaint';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Batch surges through the real functions: complaints on one batch from different customers within 24 h open exactly
 * one L1 QC incident (on submit, or by the sla timer when submit could not), the linked tickets are raised to L1, QC's
 * head and the manager hear of it once — with concurrent submits and repeated timer runs — and QC handles it.
 */
let cloud: TestCloud;
let seq = 0;
const rid = () => `surge-${Date.now().toString(36)}-${seq++}`;
type Batch = { _id: string; scene: string; batchNo: string; productId: string };
let batches: Batch[];

const TEXTS = ['腊肠切开里面有霉点，不敢吃', '这批腊肠闻着发酸，像是坏了', '腊肠表面发白发黏', '包装鼓起来了，打开有股怪味', '颜色发暗，味道不对', '吃了以后肚子不舒服'];

async function submit(scene: string, customer: string): Promise<SubmitOutput> {
  return data(await cloud.call('complaint', 'submit', { description: TEXTS[seq % TEXTS.length], contactPhone: '13800001234', scene }, { openid: customer, requestId: rid() }));
}

type StoredIncident = { _id: string; complaintIds: string[]; reason: string; [k: string]: unknown };
const incidentsOf = (batchId: string) => cloud.database.find('incidents', { batchId }) as StoredIncident[];
const surgeAlerts = (incidentId: string) => cloud.database.find('outbox', { kind: 'staff_batch_surge', dedupeKey: { $regex: `^incident:${incidentId}:` } }).map((m) => `${m.audience}→${m.to}`).sort();

async function advance(minutes: number) {
  const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.status).toBe(200);
}

function timerRun() {
  return cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date().toISOString() }, { source: 'wx_trigger' });
}

beforeAll(async () => {
  cloud = await startTestCloud();
  // One batch per product, so the tests do not share a product's baseline or a batch's window.
  const seen = new Set<string>();
  batches = (cloud.database.find('batches', {}) as Batch[]).filter((b) => !seen.has(b.productId) && seen.add(b.productId));
  expect(batches.length).toBeGreaterThanOrEqual(5);
  // Warm the functions (cold starts are not what is measured).
  await timerRun();
});
afterAll(() => cloud?.close());

describe('batch surge on submit', () => {
  test('normal traffic raises nothing, and a submit stays at six database calls', async () => {
    const b = batches[0];
    // Four customers a day on one batch, for three days: never five within 24 h.
    await submit(b.scene, 'normal-customer-0');
    const calls = await cloud.dbCalls(() => submit(b.scene, 'normal-customer-1'));
    expect(calls).toBeLessThanOrEqual(6);
    for (let day = 0; day < 3; day++) {
      await submit(b.scene, `normal-customer-${day}-a`);
      await submit(b.scene, `normal-customer-${day}-b`);
      await advance(25 * 60);
    }
    await timerRun();
    expect(incidentsOf(b._id)).toEqual([]);
    expect(cloud.database.count('complaints', { batchId: b._id, incidentId: { $exists: true } })).toBe(0);
  });

  test('the 5th customer within 24 h opens one L1 QC incident, links and raises the earlier four, and alerts QC head and manager once', async () => {
    const b = batches[1];
    const first: SubmitOutput[] = [];
    for (let i = 0; i < 4; i++) {
      first.push(await submit(b.scene, `surge-a-${i}`));
      await advance(90);
    }
    expect(incidentsOf(b._id)).toEqual([]);
    const fifth = await submit(b.scene, 'surge-a-4');
    expect(fifth.level).toBe('L1');
    const [incident] = incidentsOf(b._id);
    expect(incidentsOf(b._id)).toHaveLength(1);
    expect(incident).toMatchObject({ status: 'open', level: 'L1', department: 'qc', openKey: b._id, openedBy: 'submit', batchNo: b.batchNo });
    expect(incident.reason).toMatch(new RegExp(`^批次 ${b.batchNo} 24 小时内 5 件投诉（5 位顾客），平时约 .+ 件/天（p<0\\.0001）$`));
    expect([...incident.complaintIds].sort()).toEqual([...first, fifth].map((c) => c.complaintId).sort());
    for (const c of [...first, fifth]) {
      const [doc] = cloud.database.find('complaints', { _id: c.complaintId });
      expect(doc).toMatchObject({ incidentId: incident._id, level: 'L1' });
      expect(doc.levelReason).toMatch(/^L1: /);
      expect(doc.levelReason).toContain(`批次异常（${incident.reason}）`);
    }
    expect(surgeAlerts(incident._id)).toEqual(['staff→demo-head-qc', 'staff→demo-manager']);
    // The notify drain (every minute) posts them to WeCom, mentioning the head and the manager.
    await advance(1);
    const posts = ((await (await fetch(`${cloud.url}/__local/messages?channel=wecom`)).json()) as Array<{ data: { markdown?: { content: string } } }>)
      .map((m) => m.data.markdown?.content ?? '')
      .filter((text) => text.includes(`批次异常\n> 事项：<font color="warning">${incident.reason}`));
    expect(posts.map((text) => text.split('\n').pop()).sort()).toEqual(['@冯经理', '@周主管']);
    expect(cloud.database.count('outbox', { kind: 'staff_batch_surge', status: 'sent' })).toBe(2);

    // Repeated timer runs change nothing; a later complaint joins the open incident at L1.
    await timerRun();
    await advance(1);
    await advance(1);
    const sixth = await submit(b.scene, 'surge-a-5');
    expect(sixth.level).toBe('L1');
    expect(incidentsOf(b._id)).toHaveLength(1);
    expect(incidentsOf(b._id)[0].complaintIds).toContain(sixth.complaintId);
    expect(surgeAlerts(incident._id)).toHaveLength(2);

    // The staff ticket screen knows the link.
    const view = data(await cloud.call('ticket', 'get', { complaintId: first[0].complaintId }, { openid: 'demo-head-qc' }));
    expect(view).toMatchObject({ incidentId: incident._id, level: 'L1' });
    expect(view.events.some((e) => e.action === 'batch_surge')).toBe(true);
  });

  test('concurrent submits on a surging batch open exactly one incident and alert once', async () => {
    const b = batches[2];
    for (let i = 0; i < 3; i++) await submit(b.scene, `surge-b-${i}`);
    await Promise.all([3, 4, 5, 6].map((i) => submit(b.scene, `surge-b-${i}`)));
    await Promise.all([timerRun(), timerRun()]);
    await advance(1);
    const list = incidentsOf(b._id);
    expect(list).toHaveLength(1);
    expect(list[0].complaintIds).toHaveLength(7);
    expect(cloud.database.count('complaints', { batchId: b._id, incidentId: list[0]._id, level: 'L1' })).toBe(7);
    expect(surgeAlerts(list[0]._id)).toEqual(['staff→demo-head-qc', 'staff→demo-manager']);
  });
});

describe('batch surge by the timer', () => {
  test('complaints the submit path did not see (stored without the check) are found within one timer period', async () => {
    const b = batches[3];
    // Complaints that reached their batch through an order carry the batch id but not its number, so the submit's
    // context could not count them: stored as intake stores them, then one timer period.
    const seedTicket = await submit(batches[4].scene, 'order-template');
    const [template] = cloud.database.find('complaints', { _id: seedTicket.complaintId });
    const now = cloud.clock.nowMs();
    const docs = Array.from({ length: 5 }, (_, i) => {
      const { batchNo: _n, ...rest } = template;
      return { ...rest, _id: `order-path-${i}`, ticketNo: `KS-ORDER-${i}`, requestId: `order-path-${i}`, customerOpenid: `order-customer-${i}`, batchId: b._id, productId: b.productId, level: 'L2', levelReason: 'L2: 产品质量问题', createdAt: new Date(now - i * 3_600_000), updatedAt: new Date(now), version: 1 };
    });
    cloud.database.insertMany('complaints', docs);
    expect(incidentsOf(b._id)).toEqual([]);
    await advance(1);
    const list = incidentsOf(b._id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ openedBy: 'timer', batchNo: b.batchNo, status: 'open' });
    expect(cloud.database.count('complaints', { batchId: b._id, incidentId: list[0]._id, level: 'L1' })).toBe(5);
    await advance(1);
    await timerRun();
    expect(incidentsOf(b._id)).toHaveLength(1);
    expect(surgeAlerts(list[0]._id)).toEqual(['staff→demo-head-qc', 'staff→demo-manager']);
  });
});

describe('incident actions', () => {
  test('who may read and act; acknowledge, close with a note; a closed incident frees the batch', async () => {
    const b = batches[1];
    const [stored] = incidentsOf(b._id);
    const list = data(await cloud.call('ticket', 'incidents', {}, { openid: 'demo-agent-qc' }));
    expect(list.items.map((i) => i.incidentId)).toContain(stored._id);
    expect(await cloud.call('ticket', 'incidents', {}, { openid: 'demo-agent-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'incidents', {}, { openid: 'demo-customer-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await cloud.call('ticket', 'incidents', {}, { openid: 'demo-head-cs' })).items.length).toBeGreaterThan(0);

    const detail = data(await cloud.call('ticket', 'incident', { incidentId: stored._id }, { openid: 'demo-agent-qc' }));
    expect(detail).toMatchObject({ status: 'open', statusLabel: '待处理', moves: [] });
    expect(detail.tickets).toHaveLength(stored.complaintIds.length);
    expect(detail.tickets.every((t) => t.level === 'L1')).toBe(true);

    expect(await cloud.call('ticket', 'ackIncident', { incidentId: stored._id, version: 1 }, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'ackIncident', { incidentId: stored._id, version: 1 }, { openid: 'demo-head-logistics' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const acked = data(await cloud.call('ticket', 'ackIncident', { incidentId: stored._id, version: 1, note: '已通知工厂封存该批次' }, { openid: 'demo-head-qc' }));
    expect(acked).toMatchObject({ status: 'acknowledged', version: 2, moves: ['close'] });
    expect(await cloud.call('ticket', 'closeIncident', { incidentId: stored._id, version: 1, note: '旧版本' }, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await cloud.call('ticket', 'closeIncident', { incidentId: stored._id, version: 2, note: '' }, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const closed = data(await cloud.call('ticket', 'closeIncident', { incidentId: stored._id, version: 2, note: '批次已召回，工厂已整改' }, { openid: 'demo-manager' }));
    expect(closed).toMatchObject({ status: 'closed', closeNote: '批次已召回，工厂已整改', moves: [] });
    expect(closed.history.map((h) => h.action)).toEqual(['open', 'acknowledge', 'close']);
    expect(cloud.database.count('audit', { target: `incident:${stored._id}` })).toBe(2);
    expect(data(await cloud.call('ticket', 'incidents', { status: 'closed' }, { openid: 'demo-manager' })).items.map((i) => i.incidentId)).toContain(stored._id);
    expect(data(await cloud.call('ticket', 'incidents', {}, { openid: 'demo-manager' })).items.map((i) => i.incidentId)).not.toContain(stored._id);

    // After closing, the next complaint on the batch does not join it, and the count starts over.
    const later = await submit(b.scene, 'surge-a-later');
    const [doc] = cloud.database.find('complaints', { _id: later.complaintId });
    expect(doc.incidentId).toBeUndefined();
    expect(incidentsOf(b._id)).toHaveLength(1);
    await timerRun();
    expect(incidentsOf(b._id)).toHaveLength(1);
  });
});
