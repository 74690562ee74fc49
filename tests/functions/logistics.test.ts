import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Orders, shipments and temperature readings from the logistics system through the real SDK: the admin import
 * (CSV and JSON, inline and as a stored file), all-or-nothing validation, idempotent re-imports, the signed HTTP
 * push through the local HTTP access route, and the cold-chain evidence it feeds — the agent's chart data, the
 * customer's paragraph, and the automatic request to logistics when a cold-chain complaint has no data.
 */
let cloud: TestCloud;
const rid = requestIds();
type Row = Record<string, any>;

const importAs = (input: Record<string, unknown>, openid = 'demo-admin', requestId = rid('imp')) => cloud.call('admin', 'importLogistics', input as never, { openid, requestId });
const drain = () => cloud.call('notify', 'drain', {}, { openid: 'demo-admin' }).then(data);

function sign(body: string, opts: { secret?: string; at?: number } = {}) {
  const timestamp = String(Math.floor((opts.at ?? Date.now()) / 1000));
  const digest = createHmac('sha256', opts.secret ?? cloud.logisticsPushSecret).update(`${timestamp}.${body}`).digest('hex');
  return { 'x-logistics-timestamp': timestamp, 'x-logistics-signature': `sha256=${digest}` };
}
async function push(payload: unknown, headers?: Record<string, string>) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const res = await fetch(`${cloud.url}/http/logistics/push`, { method: 'POST', headers: { 'content-type': 'application/json', ...(headers ?? sign(body)) }, body });
  return { status: res.status, body: (await res.json()) as any };
}

/** A China-local time string `YYYY-MM-DD HH:mm` for minutes after a base. */
const local = (base: number, minutes: number) => new Date(base + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const BASE = Date.parse('2026-11-18T00:00:00Z');
const ORDERS_CSV = [
  'orderNo,customerOpenid,paidAt,promisedBy,totalFen,city,region,deliveredAt,items',
  `SO-IMP-1,demo-customer-1,${local(BASE, 0)},${local(BASE, 1440)},7960,成都,川西片区,${local(BASE, 900)},sausage-classic:2:3980`,
  `SO-IMP-2,demo-customer-2,${local(BASE, 10)},${local(BASE, 2880)},5200,重庆,渝中片区,,dumpling-zhong:2:2600`,
].join('\n');

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

describe('admin import', () => {
  test('orders CSV, then shipments JSON, then readings CSV; a re-import changes nothing', async () => {
    const first = data(await importAs({ format: 'csv', kind: 'orders', content: ORDERS_CSV }));
    expect(first).toMatchObject({ rows: 2, report: { orders: { created: 2, updated: 0, unchanged: 0 } } });
    expect(cloud.database.find('orders', { orderNo: 'SO-IMP-1' })[0]).toMatchObject({ _id: 'SO-IMP-1', customerOpenid: 'demo-customer-1', totalFen: 7960, status: 'delivered', items: [{ productId: 'sausage-classic', qty: 2, priceFen: 3980 }] });

    const shipments = [
      { orderNo: 'SO-IMP-1', carrier: '顺丰冷运', trackingNo: 'SF900001', dispatchedAt: new Date(BASE + 60 * 60_000).toISOString(), deliveredAt: new Date(BASE + 170 * 60_000).toISOString() },
      { orderNo: 'SO-IMP-2', carrier: '京东冷链', trackingNo: 'JD900002', dispatchedAt: new Date(BASE + 70 * 60_000).toISOString() },
    ];
    const second = data(await importAs({ format: 'json', kind: 'shipments', content: JSON.stringify(shipments) }));
    expect(second.report.shipments).toEqual({ created: 2, updated: 0, unchanged: 0 });

    const readings = ['orderNo,readingId,at,celsius', ...Array.from({ length: 12 }, (_v, i) => `SO-IMP-1,L1-${i},${local(BASE, 60 + i * 10)},${i >= 4 && i < 7 ? -12 : -18}`)].join('\n');
    const third = data(await importAs({ format: 'csv', kind: 'readings', content: readings }));
    expect(third.report.readings).toEqual({ added: 12, updated: 0, unchanged: 0 });
    const ship = cloud.database.find('shipments', { orderNo: 'SO-IMP-1' })[0] as Row;
    expect(ship.readings).toHaveLength(12);
    expect(ship.readings[0]).toMatchObject({ id: 'L1-0', celsius: -18 });

    // The same files again: nothing new, nothing written twice.
    expect(data(await importAs({ format: 'csv', kind: 'orders', content: ORDERS_CSV })).report.orders).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(data(await importAs({ format: 'csv', kind: 'readings', content: readings })).report.readings).toEqual({ added: 0, updated: 0, unchanged: 12 });
    expect((cloud.database.find('shipments', { orderNo: 'SO-IMP-1' })[0] as Row).rev).toBe(ship.rev);

    // A corrected reading replaces the old one; each import is audited once per request.
    const corrected = ['orderNo,readingId,at,celsius', `SO-IMP-1,L1-5,${local(BASE, 110)},-10.5`].join('\n');
    expect(data(await importAs({ format: 'csv', kind: 'readings', content: corrected })).report.readings).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect((cloud.database.find('shipments', { orderNo: 'SO-IMP-1' })[0] as Row).readings.find((r: Row) => r.id === 'L1-5').celsius).toBe(-10.5);
    const audit = cloud.database.find('audit', { action: 'import_logistics' }) as Row[];
    expect(audit.length).toBe(6);
    expect(audit.find((a) => a.target === 'logistics:readings')!.summary).toMatch(/^导入温度读数（CSV，12 行）：新读数 12/);
  });

  test('a retried request (same requestId) logs once', async () => {
    const requestId = rid('same');
    const content = ['orderNo,readingId,at,celsius', `SO-IMP-2,L2-0,${local(BASE, 70)},-18`].join('\n');
    data(await importAs({ format: 'csv', kind: 'readings', content }, 'demo-admin', requestId));
    data(await importAs({ format: 'csv', kind: 'readings', content }, 'demo-admin', requestId));
    expect(cloud.database.count('audit', { _id: `logistics:readings:${requestId}` })).toBe(1);
  });

  test('malformed rows: INVALID_INPUT listing the rows, and nothing written', async () => {
    const before = (cloud.database.find('shipments', { orderNo: 'SO-IMP-2' })[0] as Row).readings.length;
    const csv = ['orderNo,readingId,at,celsius', `SO-IMP-2,L2-1,${local(BASE, 80)},-18`, `SO-IMP-2,L2-2,${local(BASE, 90)},冷冻`, `SO-IMP-2,L2-3,明天,-18`].join('\n');
    const res = await importAs({ format: 'csv', kind: 'readings', content: csv });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { '第 3 行.celsius': '温度不是数字', '第 4 行.at': expect.stringMatching(/^读数时间格式不正确/) } } });
    expect(res.ok ? '' : res.error.message).toMatch(/^有 2 处数据不正确，本次没有导入任何数据：第 3 行：温度不是数字/);
    expect((cloud.database.find('shipments', { orderNo: 'SO-IMP-2' })[0] as Row).readings.length).toBe(before);

    // References are checked before any write too: one unknown order refuses the whole file.
    const dangling = ['orderNo,readingId,at,celsius', `SO-IMP-2,L2-9,${local(BASE, 80)},-18`, `SO-NOPE-1,X-1,${local(BASE, 80)},-18`].join('\n');
    expect(await importAs({ format: 'csv', kind: 'readings', content: dangling })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { '第 3 行.orderNo': '订单 SO-NOPE-1 还没有运单（请先导入运单）' } } });
    expect((cloud.database.find('shipments', { orderNo: 'SO-IMP-2' })[0] as Row).readings.length).toBe(before);
  });

  test('content or a file, never both; only admins', async () => {
    expect(await importAs({ format: 'csv', kind: 'orders' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { content: '请粘贴内容或上传文件（二选一）' } } });
    expect(await importAs({ format: 'csv', kind: 'orders', content: ORDERS_CSV }, 'demo-agent-logistics')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await importAs({ format: 'csv', kind: 'orders', fileId: 'cloud://local-env.x/nope.csv' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('a large CSV through storage (fileId)', async () => {
    const lines = ['orderNo,readingId,at,celsius', ...Array.from({ length: 3000 }, (_v, i) => `SO-IMP-2,BIG-${i},${local(BASE, 100 + i)},-18.${i % 10}`)];
    const content = lines.join('\n');
    expect(content.length).toBeGreaterThan(100_000);
    const upload = await fetch(`${cloud.url}/storage/upload?path=${encodeURIComponent('logistics-import/20261122/readings-big-1.csv')}`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-dev-openid': 'demo-admin' }, body: content });
    const uploaded = (await upload.json()) as Row;
    expect(upload.status).toBe(200);
    const res = data(await importAs({ format: 'csv', kind: 'readings', fileId: uploaded.fileID ?? uploaded.fileId }));
    expect(res.report.readings.added).toBe(3000);
  });
});

describe('HTTP push', () => {
  const body = { readings: [{ orderNo: 'SO-IMP-2', readingId: 'P-1', at: new Date(BASE + 200 * 60_000).toISOString(), celsius: -17.9 }] };

  test('a good signature: 200 with counts; the same push again changes nothing', async () => {
    const first = await push(body);
    expect(first).toMatchObject({ status: 200, body: { ok: true, data: { rows: 1, report: { readings: { added: 1, updated: 0, unchanged: 0 } } } } });
    const again = await push(body);
    expect(again).toMatchObject({ status: 200, body: { ok: true, data: { report: { readings: { added: 0, unchanged: 1 } } } } });
    expect((cloud.database.find('shipments', { orderNo: 'SO-IMP-2' })[0] as Row).readings.filter((r: Row) => r.id === 'P-1')).toHaveLength(1);
  });

  test('bad, missing and stale signatures: 401, nothing written', async () => {
    const text = JSON.stringify({ readings: [{ ...body.readings[0], readingId: 'P-2' }] });
    expect((await push(text, sign(text, { secret: 'not-the-secret' }))).status).toBe(401);
    expect((await push(text, {})).status).toBe(401);
    // Signed with the right secret, but the body was changed on the way.
    expect((await push(text.replace('-17.9', '-5'), sign(text))).status).toBe(401);
    // Replayed later: the timestamp is outside the window.
    const now = Date.parse(((await (await fetch(`${cloud.url}/__local/clock`)).json()) as Row).now);
    const stale = await push(text, sign(text, { at: now - 10 * 60_000 }));
    expect(stale).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/时间戳超出允许范围/) } } });
    expect((cloud.database.find('shipments', { orderNo: 'SO-IMP-2' })[0] as Row).readings.some((r: Row) => r.id === 'P-2')).toBe(false);
  });

  test('malformed rows: 400 with the row errors; only POST', async () => {
    const bad = await push({ readings: [{ orderNo: 'SO-IMP-2', readingId: 'P-3', at: 'soon', celsius: 'cold' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(bad.body.error.errors).toEqual([
      { where: 'readings 第 1 条', field: 'at', message: '读数时间格式不正确（例如 2026-11-20 08:00 或 2026-11-20T08:00:00+08:00）' },
      { where: 'readings 第 1 条', field: 'celsius', message: '温度不是数字' },
    ]);
    expect((await fetch(`${cloud.url}/http/logistics/push`)).status).toBe(405);
    expect((await fetch(`${cloud.url}/http/nothing-here`, { method: 'POST' })).status).toBe(404);
  });
});

describe('cold-chain evidence', () => {
  test('the agent’s chart data and the customer’s paragraph for a complaint on an order with readings', async () => {
    const c = data(await cloud.call('complaint', 'submit', { description: '收到的速冻水饺全化了，冷链不冷', contactPhone: '13812348000', orderNo: 'SO-IMP-1', categoryHint: 'delivery' } as never, { openid: 'demo-customer-1', requestId: rid('sub') }));
    expect(c.subcategory).toBe('cold_chain');
    const advice = data(await cloud.call('ticket', 'coldChain', { complaintId: c.complaintId }, { openid: 'demo-agent-logistics' }));
    expect(advice.coldChain).toBe(true);
    expect(advice.evidence).toMatchObject({ orderNo: 'SO-IMP-1', thresholdCelsius: -15, readingCount: 12, excursionCount: 1, missingData: false });
    expect(advice.evidence!.minutesAbove).toBeGreaterThan(20);
    expect(advice.evidence!.longest!.peakCelsius).toBe(-10.5);
    expect(advice.evidence!.curve).toHaveLength(12);
    expect(advice.evidence!.suggestedTier).toMatch(/^冷链超温 [\d.]+ 分钟/);
    let mine!: Row;
    // The caller, then one aggregation for the complaint, its log and the shipment (the goal: ≤ 3).
    expect(await cloud.dbCalls(async () => (mine = data(await cloud.call('complaint', 'get', { complaintId: c.complaintId }, { openid: 'demo-customer-1' }))))).toBe(2);
    expect(mine.coldChainSummary).toBe(advice.customerSummary);
    expect(mine.coldChainSummary).toMatch(/^运输途中有 \d+ 分钟高于 −15 °C，最高 −10.5 °C。/);

    // Data complete: the drain asks nobody.
    await drain();
    expect(cloud.database.count('tasks', { kind: 'data_request', complaintId: c.complaintId })).toBe(0);
    expect(await cloud.call('ticket', 'coldChain', { complaintId: c.complaintId }, { openid: 'demo-customer-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('complaint', 'get', { complaintId: c.complaintId }, { openid: 'demo-customer-2' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('no data yet: logistics gets a task through the outbox; readings arriving close it and tell the complaint', async () => {
    // An order with a shipment but no readings yet.
    data(await importAs({ format: 'json', kind: 'orders', content: JSON.stringify([{ orderNo: 'SO-IMP-3', customerOpenid: 'demo-customer-3', paidAt: new Date(BASE).toISOString(), promisedBy: new Date(BASE + 2880 * 60_000).toISOString(), totalFen: 3980, city: '绵阳', region: '川北片区' }]) }));
    data(await importAs({ format: 'csv', kind: 'shipments', content: `orderNo,carrier,trackingNo,dispatchedAt\nSO-IMP-3,顺丰冷运,SF900003,${local(BASE, 120)}` }));
    const c = data(await cloud.call('complaint', 'submit', { description: '到货时冻品已经化冻变软，冷链失效', contactPhone: '13812348001', orderNo: 'SO-IMP-3', categoryHint: 'delivery' } as never, { openid: 'demo-customer-3', requestId: rid('sub') }));
    expect(c.subcategory).toBe('cold_chain');
    expect(data(await cloud.call('complaint', 'get', { complaintId: c.complaintId }, { openid: 'demo-customer-3' })).coldChainSummary).toMatch(/正在向物流调取/);

    await drain();
    const task = cloud.database.find('tasks', { _id: `coldchain-data:${c.complaintId}` })[0] as Row;
    expect(task).toMatchObject({ kind: 'data_request', department: 'logistics', orderNo: 'SO-IMP-3', status: 'open' });
    expect(task.note).toMatch(/运单没有温度记录/);
    // A second drain (or a retried message) opens nothing new.
    await drain();
    expect(cloud.database.count('tasks', { kind: 'data_request', complaintId: c.complaintId })).toBe(1);
    expect((await cloud.call('ticket', 'coldChain', { complaintId: c.complaintId }, { openid: 'demo-agent-logistics' }).then(data)).dataRequest).toMatchObject({ status: 'open' });
    expect(cloud.database.count('outbox', { _id: `coldchain-data:${c.complaintId}:notice`, kind: 'staff_assist', to: 'logistics' })).toBe(1);

    // The readings arrive by push: the task closes, the complaint's timeline says so.
    const readings = Array.from({ length: 6 }, (_v, i) => ({ orderNo: 'SO-IMP-3', readingId: `S3-${i}`, at: new Date(BASE + (120 + i * 10) * 60_000).toISOString(), celsius: i === 3 ? -13 : -18 }));
    const res = await push({ readings });
    expect(res.body.data.report).toMatchObject({ readings: { added: 6 }, complaintsNotified: 1 });
    expect(cloud.database.find('tasks', { _id: `coldchain-data:${c.complaintId}` })[0]).toMatchObject({ status: 'done' });
    const mine = data(await cloud.call('complaint', 'get', { complaintId: c.complaintId }, { openid: 'demo-customer-3' }));
    expect(mine.timeline.some((e) => /已取得运输温度记录/.test(e.note ?? ''))).toBe(true);
    expect(mine.coldChainSummary).toMatch(/^运输途中有 \d+ 分钟高于 −15 °C/);
    // Pushed again: no second timeline entry.
    expect((await push({ readings })).body.data.report.complaintsNotified).toBe(0);
  });

  test('a cold-chain complaint on an order with no shipment at all also asks logistics', async () => {
    const order = (cloud.database.find('orders', { customerOpenid: 'demo-customer-1', status: 'paid' }) as Row[])[0];
    const c = data(await cloud.call('complaint', 'submit', { description: '冷链配送的东西到手都化了，一点都不冷', contactPhone: '13812348000', orderNo: order.orderNo, categoryHint: 'delivery' } as never, { openid: 'demo-customer-1', requestId: rid('sub') }));
    await drain();
    expect(cloud.database.find('tasks', { _id: `coldchain-data:${c.complaintId}` })[0]).toMatchObject({ status: 'open', note: expect.stringMatching(/没有运单/) });
  });

  test('a ticket reclassified as a cold-chain break asks logistics too', async () => {
    const order = (cloud.database.find('orders', { customerOpenid: 'demo-customer-1', status: 'paid' }) as Row[])[0];
    const c = data(await cloud.call('complaint', 'submit', { description: '订单两天了还没有送到，配送太慢了', contactPhone: '13812348000', orderNo: order.orderNo, categoryHint: 'delivery' } as never, { openid: 'demo-customer-1', requestId: rid('sub') }));
    expect(c.subcategory).not.toBe('cold_chain');
    const view = data(await cloud.call('ticket', 'get', { complaintId: c.complaintId }, { openid: 'demo-head-logistics' }));
    data(await cloud.call('ticket', 'reclassify', { complaintId: c.complaintId, version: view.version, category: 'delivery', subcategory: 'cold_chain' }, { openid: 'demo-head-logistics' }));
    await drain();
    expect(cloud.database.find('tasks', { _id: `coldchain-data:${c.complaintId}` })[0]).toMatchObject({ kind: 'data_request', status: 'open' });
  });
});
