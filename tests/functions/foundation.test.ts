import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FUNCTION_NAMES } from '../../shared/api/contract';
import type { ComplaintCore } from '../../shared/complaint/model';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

const ISO_CN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/;
/** An identity allowed to ping each function. */
const PINGER = { complaint: 'demo-customer-1', ticket: 'demo-agent-qc', sla: 'demo-manager', notify: 'demo-admin', stats: 'demo-head-qc', admin: 'demo-admin' } as const;

describe('every function answers ping through the real SDK and the database', () => {
  test.each(FUNCTION_NAMES)('%s.ping', async (fn) => {
    const res = data(await cloud.call(fn, 'ping', { echo: '你好' }, { openid: PINGER[fn] }));
    expect(res).toMatchObject({ fn, echo: '你好', caller: { openid: PINGER[fn] } });
    expect(res.version).toMatch(/^\d+\.\d+\.\d+\+/);
    expect(res.serverTime).toMatch(ISO_CN);
    expect(res.dbMs).toBeGreaterThanOrEqual(0);
  });

  test('the caller is resolved from the identity, with role and department', async () => {
    const agent = data(await cloud.call('ticket', 'ping', {}, { openid: 'demo-agent-logistics' }));
    expect(agent.caller).toEqual({ kind: 'agent', openid: 'demo-agent-logistics', department: 'logistics' });
    const customer = data(await cloud.call('complaint', 'ping', {}, { openid: 'someone-new' }));
    expect(customer.caller).toEqual({ kind: 'customer', openid: 'someone-new' });
  });
});

describe('the envelope: authentication, roles, bad input', () => {
  test('no identity → UNAUTHENTICATED', async () => {
    const res = await cloud.call('complaint', 'ping', {});
    expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录后再操作' } });
  });

  test('a customer cannot call staff actions; an agent cannot call admin ones', async () => {
    expect(await cloud.call('ticket', 'ping', {}, { openid: 'demo-customer-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('admin', 'generateQrCode', { scene: 'b=x' }, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('complaint', 'listMine', {}, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('unknown action, unknown function, malformed body', async () => {
    const unknown = await cloud.raw('complaint', { action: 'dropDatabase', input: {} }, { 'x-dev-openid': 'demo-customer-1' });
    expect(unknown).toMatchObject({ status: 200, body: { ok: false, error: { code: 'INVALID_INPUT', fields: { action: '不支持的操作' } } } });
    expect(await cloud.raw('nosuchfn', { action: 'ping' })).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } });
    expect(await cloud.raw('complaint', '{not json', { 'x-dev-openid': 'demo-customer-1' })).toMatchObject({ status: 400, body: { ok: false, error: { code: 'INVALID_INPUT' } } });
    const inherited = await cloud.raw('complaint', { action: 'constructor', input: {} }, { 'x-dev-openid': 'demo-customer-1' });
    expect(inherited.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('per-field Chinese messages; operator objects never reach the database', async () => {
    const long = await cloud.call('complaint', 'ping', { echo: '长'.repeat(65) }, { openid: 'demo-customer-1' });
    expect(long).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { echo: '最多 64 个字' } } });
    const operator = await cloud.raw('complaint', { action: 'resolveScene', input: { scene: { $ne: null } } }, { 'x-dev-openid': 'demo-customer-1' });
    expect(operator.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { scene: '请填写文字' } } });
    const extra = await cloud.raw('complaint', { action: 'ping', input: { echo: 'x', isAdmin: true } }, { 'x-dev-openid': 'demo-customer-1' });
    expect(extra.body).toMatchObject({ ok: false, error: { fields: { isAdmin: '不支持的字段' } } });
    const badId = await cloud.raw('complaint', { action: 'ping', input: {}, requestId: 'a b' }, { 'x-dev-openid': 'demo-customer-1' });
    expect(badId.body).toMatchObject({ ok: false, error: { fields: { requestId: '请求编号格式不正确' } } });
  });

  test('a client cannot pass itself off as a timer', async () => {
    const forged = await cloud.raw('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-22T00:00:00Z' }, { 'x-dev-openid': 'demo-customer-1' });
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const status = data(await cloud.call('sla', 'status', {}, { openid: 'demo-manager' }));
    expect(status.runs).toBe(0);
  });

  test('an oversized event is refused with a clear message', async () => {
    const res = await cloud.call('complaint', 'ping', { echo: 'x'.repeat(120_000) }, { openid: 'demo-customer-1' });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { input: '提交的内容过大' } } });
  });
});

describe('complaint.me and complaint.track', () => {
  test('me tells a customer from staff', async () => {
    expect(data(await cloud.call('complaint', 'me', {}, { openid: 'demo-customer-1' }))).toEqual({ openid: 'demo-customer-1', kind: 'customer', isStaff: false, name: '王女士' });
    expect(data(await cloud.call('complaint', 'me', {}, { openid: 'demo-head-cs' }))).toEqual({
      openid: 'demo-head-cs',
      kind: 'head',
      isStaff: true,
      name: '郑主管',
      department: 'cs',
    });
  });

  test('track needs a requestId and counts a retried request once (unique index)', async () => {
    const missing = await cloud.call('complaint', 'track', { event: 'faq_view', ref: 'refund' }, { openid: 'demo-customer-2' });
    expect(missing).toMatchObject({ ok: false, error: { fields: { requestId: expect.any(String) } } });
    const first = await cloud.call('complaint', 'track', { event: 'faq_view', ref: 'refund' }, { openid: 'demo-customer-2', requestId: 'req-track-0001' });
    const retry = await cloud.call('complaint', 'track', { event: 'faq_view', ref: 'refund' }, { openid: 'demo-customer-2', requestId: 'req-track-0001' });
    const other = await cloud.call('complaint', 'track', { event: 'faq_view', ref: 'refund' }, { openid: 'demo-customer-3', requestId: 'req-track-0001' });
    expect([data(first), data(retry), data(other)]).toEqual([{ recorded: true }, { recorded: false }, { recorded: true }]);
    expect(cloud.database.count('trackEvents', { requestId: 'req-track-0001' })).toBe(2);
    const bad = await cloud.call('complaint', 'track', { event: 'hack' as never }, { openid: 'demo-customer-2', requestId: 'req-track-0002' });
    expect(bad).toMatchObject({ ok: false, error: { fields: { event: '未知的事件类型' } } });
  });
});

describe('complaint.resolveScene', () => {
  test('a package code resolves to product and batch', async () => {
    const batch = cloud.database.find('batches', {}, { limit: 1 })[0] as { _id: string; scene: string; productId: string };
    const res = data(await cloud.call('complaint', 'resolveScene', { scene: batch.scene }, { openid: 'demo-customer-1' }));
    expect(res.kind).toBe('package');
    if (res.kind !== 'package') return;
    expect(res.product.productId).toBe(batch.productId);
    expect(res.batch.batchId).toBe(batch._id);
    expect(res.product.spiceLevel).toBeGreaterThanOrEqual(1);
  });

  test('an expired batch says so', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const expired = (cloud.database.find('batches') as Array<{ scene: string; expiryDate: string }>).find((b) => b.expiryDate < today);
    expect(expired, 'the demo data has an expired batch').toBeDefined();
    const res = data(await cloud.call('complaint', 'resolveScene', { scene: expired!.scene }, { openid: 'demo-customer-1' }));
    expect(res.kind === 'package' && res.batch.expired).toBe(true);
  });

  test('a store code resolves to the store', async () => {
    const store = cloud.database.find('stores', {}, { limit: 1 })[0] as { _id: string; scene: string; name: string };
    const res = data(await cloud.call('complaint', 'resolveScene', { scene: store.scene }, { openid: 'demo-customer-3' }));
    expect(res).toMatchObject({ kind: 'store', store: { storeId: store._id, name: store.name } });
  });

  test('an unknown or foreign code explains itself', async () => {
    for (const scene of ['b=NOPE-1', 'x=1', 's=NOPE']) {
      const res = await cloud.call('complaint', 'resolveScene', { scene }, { openid: 'demo-customer-1' });
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('二维码') } });
    }
    const chinese = await cloud.call('complaint', 'resolveScene', { scene: '腊肠' }, { openid: 'demo-customer-1' });
    expect(chinese).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { scene: '二维码内容无效' } } });
  });
});

describe('complaint.listMine', () => {
  test('only the caller’s complaints, newest first, paged by cursor', async () => {
    expect(data(await cloud.call('complaint', 'listMine', {}, { openid: 'demo-customer-1' }))).toEqual({ items: [] });
    const now = cloud.clock.nowMs();
    const make = (i: number, owner: string): ComplaintCore & { requestId: string } => ({
      _id: `c-${owner}-${i}`,
      requestId: `req-${owner}-${i}`,
      ticketNo: `KS20261122-${String(i).padStart(4, '0')}${owner.slice(-1)}`,
      customerOpenid: owner,
      channel: 'miniprogram',
      status: 'submitted',
      level: 'L2',
      category: 'quality',
      subcategory: 'odor',
      department: 'qc',
      createdAt: new Date(now - i * 60_000),
      updatedAt: new Date(now - i * 60_000),
      nextDueAt: new Date(now + 120 * 60_000),
    });
    cloud.database.insertMany('complaints', [...Array.from({ length: 5 }, (_, i) => make(i, 'demo-customer-1')), make(0, 'demo-customer-2')]);

    const first = data(await cloud.call('complaint', 'listMine', { limit: 3 }, { openid: 'demo-customer-1' }));
    expect(first.items.map((c) => c.complaintId)).toEqual(['c-demo-customer-1-0', 'c-demo-customer-1-1', 'c-demo-customer-1-2']);
    expect(first.items[0]).toMatchObject({ status: 'submitted', level: 'L2', category: 'quality', createdAt: expect.stringMatching(ISO_CN) });
    expect(first.items[0].slaRemainingMinutes).toBeGreaterThanOrEqual(119);
    expect(first.nextCursor).toBeDefined();
    const second = data(await cloud.call('complaint', 'listMine', { limit: 3, cursor: first.nextCursor }, { openid: 'demo-customer-1' }));
    expect(second.items.map((c) => c.complaintId)).toEqual(['c-demo-customer-1-3', 'c-demo-customer-1-4']);
    expect(second.nextCursor).toBeUndefined();

    const bad = await cloud.call('complaint', 'listMine', { cursor: '{"$gt":""}' }, { openid: 'demo-customer-1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { cursor: expect.any(String) } } });
  });
});

describe('admin QR codes: open API + storage through a function', () => {
  test('lists every batch and store code', async () => {
    const { items } = data(await cloud.call('admin', 'listQrCodes', {}, { openid: 'demo-admin' }));
    expect(items.filter((i) => i.kind === 'package')).toHaveLength(cloud.database.count('batches'));
    expect(items.filter((i) => i.kind === 'store')).toHaveLength(cloud.database.count('stores'));
    expect(items[0]).toMatchObject({ page: 'pages/complaint/index', label: expect.stringMatching(/批次/) });
    const stores = data(await cloud.call('admin', 'listQrCodes', { kind: 'store' }, { openid: 'demo-manager' }));
    expect(stores.items.every((i) => i.kind === 'store')).toBe(true);
  });

  test('generates a real PNG, stores it and remembers it', async () => {
    const { items } = data(await cloud.call('admin', 'listQrCodes', { kind: 'package' }, { openid: 'demo-admin' }));
    const res = data(await cloud.call('admin', 'generateQrCode', { scene: items[0].scene }, { openid: 'demo-admin' }));
    expect(res.fileId).toMatch(/^cloud:\/\//);
    const png = Buffer.from(await (await fetch(res.url)).arrayBuffer());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBe(res.bytes);
    const again = data(await cloud.call('admin', 'listQrCodes', { kind: 'package' }, { openid: 'demo-admin' }));
    expect(again.items.find((i) => i.scene === items[0].scene)?.fileId).toBe(res.fileId);
    expect(await cloud.call('admin', 'generateQrCode', { scene: 'b=NOPE' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('timers', () => {
  test('moving the clock runs the sla and notify timers, which record their runs', async () => {
    const before = cloud.clock.nowMs();
    const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 3 }) });
    const body = (await res.json()) as { now: string; ran: Array<{ fn: string; ok: boolean }> };
    // sla and notify run every minute; the stats rollup (every 5 minutes) runs too when the 3 minutes cross a multiple of 5.
    const ran = body.ran.map((r) => r.fn);
    expect(ran).toEqual(expect.arrayContaining(['notify', 'sla']));
    expect(ran.filter((fn) => fn !== 'notify' && fn !== 'sla')).toEqual(ran.includes('stats') ? ['stats'] : []);
    expect(body.ran.every((r) => r.ok)).toBe(true);
    const status = data(await cloud.call('sla', 'status', {}, { openid: 'demo-manager' }));
    expect(status.runs).toBe(1);
    expect(new Date(status.lastRunAt!).getTime()).toBeGreaterThanOrEqual(before + 3 * 60_000 - 1000);
    const clock = (await (await fetch(`${cloud.url}/__local/clock`)).json()) as { now: string };
    expect(clock.now).toMatch(ISO_CN);
  });
});
