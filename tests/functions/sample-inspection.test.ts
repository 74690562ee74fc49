import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SubmitOutput } from '../../shared/api/functions/complaint';
import { calendarFor, workingMsBetween } from '../../shared/sla/calendar';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/policy';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Taste disputes end to end through the built bundles: the spice-level library (admin edits, shown on the ticket),
 * and a sample re-inspection (寄样复检) — the agent asks, the customer reads the instructions and the code and
 * confirms shipping, the QC lab records receipt (the SLA clock resumes, its due time moved by the paused time)
 * and a result with photos, and the ticket continues to a solution. Permissions and retries along the way.
 */
let cloud: TestCloud;
let hotpotScene: string;
const rid = requestIds();

const CUSTOMER = 'demo-customer-1';
const OTHER_CUSTOMER = 'demo-customer-2';
const QC_AGENT = 'demo-agent-qc';
const QC_HEAD = 'demo-head-qc';
const LOGISTICS = 'demo-agent-logistics';

const ticket = (complaintId: string, openid = QC_AGENT) => cloud.call('ticket', 'get', { complaintId }, { openid }).then(data);
const mine = (complaintId: string, openid = CUSTOMER) => cloud.call('complaint', 'get', { complaintId }, { openid }).then(data);
const events = (complaintId: string, action: string) => cloud.database.find('events', { complaintId, action });
const outbox = (complaintId: string) => cloud.database.find('outbox', { complaintId });

async function advance(minutes: number) {
  const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.ok).toBe(true);
}

/** A taste complaint on the hotpot base, being investigated by the QC agent. */
async function tasteTicket(openid = CUSTOMER): Promise<SubmitOutput & { version: number }> {
  const res = data(
    await cloud.call(
      'complaint',
      'submit',
      { description: '火锅底料包装上写的特辣，煮出来一点都不辣，味道也和以前买的不一样', contactPhone: '13812348000', scene: hotpotScene, categoryHint: 'quality' },
      { openid, requestId: rid('sub') },
    ),
  );
  expect(res.department).toBe('qc');
  let view = await ticket(res.complaintId, QC_HEAD);
  if (view.assigneeOpenid !== QC_AGENT) {
    data(await cloud.call('ticket', 'assign', { complaintId: res.complaintId, assigneeOpenid: QC_AGENT, version: view.version }, { openid: QC_HEAD }));
    view = await ticket(res.complaintId);
  }
  if (view.status !== 'investigating') data(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'investigating', version: view.version }, { openid: QC_AGENT }));
  return { ...res, version: (await ticket(res.complaintId)).version };
}

beforeAll(async () => {
  cloud = await startTestCloud();
  const codes = data(await cloud.call('admin', 'listQrCodes', { kind: 'package' }, { openid: 'demo-admin' }));
  hotpotScene = codes.items.find((c) => c.label.includes('火锅底料'))!.scene;
});
afterAll(() => cloud?.close());

describe('spice-level library (麻辣度参考库)', () => {
  test('admins list and edit an entry: versioned, validated in Chinese, audited; the ticket shows the new level', async () => {
    const { items } = data(await cloud.call('admin', 'listSpiceLevels', {}, { openid: 'demo-admin' }));
    expect(items.length).toBeGreaterThanOrEqual(10);
    const hotpot = items.find((i) => i.name.includes('火锅底料'))!;
    expect(hotpot).toMatchObject({ version: 0 });
    expect(hotpot.spiceLevel).toBeGreaterThanOrEqual(1);

    const bad = await cloud.call('admin', 'saveSpiceLevel', { productId: hotpot.productId, version: 0, spiceLevel: 7, spiceNote: '辣' }, { openid: 'demo-admin' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { spiceLevel: '麻辣度须为 1–5', spiceNote: expect.stringContaining('至少 4 个字') } } });
    expect(await cloud.call('admin', 'saveSpiceLevel', { productId: hotpot.productId, version: 0, spiceLevel: 4, spiceNote: '重辣，牛油香浓' }, { openid: QC_HEAD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('admin', 'saveSpiceLevel', { productId: 'no-such-product', version: 0, spiceLevel: 4, spiceNote: '重辣，牛油香浓' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const saved = data(await cloud.call('admin', 'saveSpiceLevel', { productId: hotpot.productId, version: 0, spiceLevel: 4, spiceNote: '重辣，牛油香浓，一锅放半块就是中辣' }, { openid: 'demo-admin' }));
    expect(saved).toMatchObject({ version: 1, spiceLevel: 4, spiceNote: '重辣，牛油香浓，一锅放半块就是中辣' });
    // A second admin still holding version 0 is refused instead of overwriting.
    expect(await cloud.call('admin', 'saveSpiceLevel', { productId: hotpot.productId, version: 0, spiceLevel: 5, spiceNote: '特辣' + '，很辣很辣' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const audit = cloud.database.find('audit', { target: `spice:${hotpot.productId}` });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update_spice', before: { spiceLevel: hotpot.spiceLevel }, after: { spiceLevel: 4 } });

    const c = await tasteTicket();
    expect((await ticket(c.complaintId)).spice).toMatchObject({ productId: hotpot.productId, level: 4, note: '重辣，牛油香浓，一锅放半块就是中辣' });
  });

  test('recent orders carry each line’s 麻辣度 for the form', async () => {
    const { items } = data(await cloud.call('complaint', 'listMyOrders', {}, { openid: CUSTOMER }));
    const lines = items.flatMap((o) => o.lines);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.spiceLevel! >= 1 && l.spiceLevel! <= 5 && !!l.spiceNote)).toBe(true);
  });
});

describe('sample re-inspection (寄样复检)', () => {
  test('request → instructions and code → shipped → received (clock resumes, due moved) → result with photos → solution', async () => {
    const c = await tasteTicket();
    const before = await ticket(c.complaintId);
    expect(before.sampleAbilities).toEqual({ canRequest: true, canCancel: false, canReceive: false, canRecordResult: false });
    expect(before.sla.paused).toBe(false);
    expect(before.sla.firstRespondedAt).toBeUndefined();
    const dueBefore = Date.parse(before.sla.resolveDueAt!);

    // Stale version: refused.
    expect(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: c.version - 1 }, { openid: QC_AGENT })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Another department's agent cannot start one; nor a customer.
    expect(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: c.version }, { openid: LOGISTICS })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: c.version }, { openid: CUSTOMER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const requestId = rid('smp');
    const requested = data(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: c.version, reason: '顾客说不辣，需核对这批的辣度' }, { openid: QC_AGENT, requestId }));
    expect(requested.version).toBe(c.version + 1);
    // A retry of the same request (lost answer) answers the same state: no second sample, event or message.
    expect(data(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: c.version, reason: '顾客说不辣，需核对这批的辣度' }, { openid: QC_AGENT, requestId }))).toEqual(requested);
    expect(events(c.complaintId, 'sample')).toHaveLength(1);

    const staffView = await ticket(c.complaintId);
    const code = staffView.sample!.returnCode;
    expect(code).toMatch(/^YP\d{11}$/);
    expect(staffView.sample).toMatchObject({ state: 'requested', reason: '顾客说不辣，需核对这批的辣度', requestedByName: '赵质检' });
    expect(staffView.sla).toMatchObject({ paused: true, slaState: 'paused' });
    // Asking the customer for a sample is the first contact with them.
    expect(staffView.sla.firstRespondedAt).toBeTruthy();
    const { items: inbox } = data(await cloud.call('ticket', 'inbox', { view: 'mine' }, { openid: QC_AGENT }));
    expect(inbox.find((i) => i.complaintId === c.complaintId)).toMatchObject({ slaState: 'paused', slaPausedFor: 'sample' });
    expect(staffView.sampleAbilities).toMatchObject({ canRequest: false, canCancel: true });
    const requestMsg = outbox(c.complaintId).filter((m) => m.kind === 'sample_request');
    expect(requestMsg).toHaveLength(1);
    expect(requestMsg[0]).toMatchObject({ audience: 'customer', to: CUSTOMER, data: { returnCode: code } });

    // A solution waits for the evidence.
    expect(await cloud.call('ticket', 'proposeSolution', { complaintId: c.complaintId, version: requested.version, text: '为您办理退款，请见谅' }, { openid: QC_AGENT })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('寄样复检') },
    });

    // The customer reads the instructions and the code, in their timeline too; the lab found by the code.
    const view = await mine(c.complaintId);
    expect(view.sample).toMatchObject({ state: 'requested', returnCode: code, canConfirmShipped: true });
    expect(view.sample!.reason).toBeUndefined();
    expect(view.sample!.instructions.join('\n')).toContain(code);
    expect(view.sample!.instructions.join('\n')).toContain('质检中心');
    expect(view.timeline.at(-1)!.note).toContain(code);
    expect(view.slaRemainingMinutes).toBeUndefined();
    expect(data(await cloud.call('ticket', 'findSample', { returnCode: code.toLowerCase() }, { openid: QC_HEAD }))).toEqual({ complaintId: c.complaintId, ticketNo: c.ticketNo });
    expect(await cloud.call('ticket', 'findSample', { returnCode: 'YP99010100019' }, { openid: QC_HEAD })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // Someone else's complaint: not found. Bad numbers: per field.
    expect(await cloud.call('complaint', 'confirmSampleShipped', { complaintId: c.complaintId, courier: '顺丰速运', trackingNo: 'SF1234567890' }, { openid: OTHER_CUSTOMER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await cloud.call('complaint', 'confirmSampleShipped', { complaintId: c.complaintId, courier: '', trackingNo: '12' }, { openid: CUSTOMER })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { courier: '请填写快递公司', trackingNo: expect.stringContaining('运单号') } },
    });

    await advance(60);
    const shipped = data(await cloud.call('complaint', 'confirmSampleShipped', { complaintId: c.complaintId, courier: '顺丰速运', trackingNo: 'sf1234567890' }, { openid: CUSTOMER }));
    expect(shipped.sample).toMatchObject({ state: 'shipped', courier: '顺丰速运', trackingNo: 'SF1234567890', canConfirmShipped: false });
    // Tapping again (a retry) changes nothing.
    data(await cloud.call('complaint', 'confirmSampleShipped', { complaintId: c.complaintId, courier: '顺丰速运', trackingNo: 'SF1234567890' }, { openid: CUSTOMER }));
    expect(events(c.complaintId, 'sample')).toHaveLength(2);
    expect(outbox(c.complaintId).filter((m) => m.kind === 'sample_request' && m.audience === 'department')).toMatchObject([{ to: 'qc' }]);

    // Two days in the post.
    await advance(2 * 24 * 60);
    const atLab = await ticket(c.complaintId, QC_HEAD);
    expect(atLab.sla.paused).toBe(true);
    expect(await cloud.call('ticket', 'recordSampleReceipt', { complaintId: c.complaintId, version: atLab.version }, { openid: LOGISTICS })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'recordSampleResult', { complaintId: c.complaintId, version: atLab.version, conforms: true, conclusion: '辣度符合标准', photoFileIds: ['cloud://x.y/a.jpg'] }, { openid: QC_HEAD })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const receiptId = rid('rcv');
    const received = data(await cloud.call('ticket', 'recordSampleReceipt', { complaintId: c.complaintId, version: atLab.version, note: '冰袋已化，样品尚冷' }, { openid: QC_HEAD, requestId: receiptId }));
    expect(data(await cloud.call('ticket', 'recordSampleReceipt', { complaintId: c.complaintId, version: atLab.version, note: '冰袋已化，样品尚冷' }, { openid: QC_HEAD, requestId: receiptId }))).toEqual(received);

    const after = await ticket(c.complaintId);
    expect(after.sample).toMatchObject({ state: 'received', receiptNote: '冰袋已化，样品尚冷' });
    expect(after.sla.paused).toBe(false);
    // The due time moved by the time the sample travelled: the working time left at receipt is exactly what was
    // left when the sample was requested (the clock stood still in between, on the level's service calendar).
    const [raw] = cloud.database.find('complaints', { _id: c.complaintId });
    const sample = raw.sample as { requestedAt: Date; receivedAt: Date };
    const pause = (raw.sla as { pauses: Array<{ from: Date; to?: Date; reason?: string }> }).pauses.find((p) => p.reason === 'sample')!;
    expect(pause).toMatchObject({ from: sample.requestedAt, to: sample.receivedAt });
    const calendar = calendarFor(after.level, DEFAULT_SLA_POLICY);
    const requestedAt = new Date(sample.requestedAt).getTime();
    const receivedAt = new Date(sample.receivedAt).getTime();
    const dueAfter = Date.parse(after.sla.resolveDueAt!);
    expect(receivedAt - requestedAt).toBeGreaterThanOrEqual(49 * 3_600_000);
    expect(dueAfter - dueBefore).toBeGreaterThanOrEqual(workingMsBetween(calendar, requestedAt, receivedAt));
    expect(workingMsBetween(calendar, receivedAt, dueAfter)).toBe(workingMsBetween(calendar, requestedAt, dueBefore));
    expect(after.sample!.pausedMinutes).toBe(Math.round((new Date(sample.receivedAt).getTime() - new Date(sample.requestedAt).getTime()) / 60_000));
    expect((await mine(c.complaintId)).sample).toMatchObject({ state: 'received', stateLabel: '质检实验室已收到样品' });

    // The result needs photos that exist, and the lab.
    const result = { complaintId: c.complaintId, version: received.version, conforms: false, measuredSpiceLevel: 2, measurements: '辣椒素含量明显低于标准；咸度正常', conclusion: '该批次辣度低于特辣标准，属于配料偏差' };
    expect(await cloud.call('ticket', 'recordSampleResult', { ...result, photoFileIds: ['cloud://missing.bucket/lab/none.jpg'] }, { openid: QC_HEAD })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { photoFileIds: expect.stringContaining('重新上传') } },
    });
    expect(await cloud.call('ticket', 'recordSampleResult', { ...result, photoFileIds: [] }, { openid: QC_HEAD })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { photoFileIds: '请至少上传 1 张检测照片' } } });
    const photo = cloud.storage.putFile('sample-lab/20261122/hotpot-1.jpg', Buffer.from('lab photo bytes'));
    expect(await cloud.call('ticket', 'recordSampleResult', { ...result, photoFileIds: [photo] }, { openid: LOGISTICS })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const resultId = rid('res');
    const resulted = data(await cloud.call('ticket', 'recordSampleResult', { ...result, photoFileIds: [photo] }, { openid: QC_HEAD, requestId: resultId }));
    expect(data(await cloud.call('ticket', 'recordSampleResult', { ...result, photoFileIds: [photo] }, { openid: QC_HEAD, requestId: resultId }))).toEqual(resulted);
    expect(events(c.complaintId, 'sample')).toHaveLength(4);

    const messages = outbox(c.complaintId).filter((m) => m.kind === 'sample_result');
    expect(messages.map((m) => `${m.audience}→${m.to}`).sort()).toEqual([`customer→${CUSTOMER}`, `staff→${QC_AGENT}`]);

    const customerView = await mine(c.complaintId);
    expect(customerView.sample!.result).toMatchObject({ conforms: false, verdict: '不符合产品标准', measuredSpiceLevel: 2, conclusion: result.conclusion, photoFileIds: [photo] });
    expect(customerView.timeline.at(-1)!.note).toContain('不符合产品标准');
    const photos = data(await cloud.call('complaint', 'mediaUrls', { complaintId: c.complaintId, of: 'sample' }, { openid: CUSTOMER })).items;
    expect(await (await fetch(photos[0].url!)).text()).toBe('lab photo bytes');
    expect(data(await cloud.call('ticket', 'mediaUrls', { complaintId: c.complaintId, of: 'sample' }, { openid: QC_AGENT })).items).toHaveLength(1);

    // The ticket continues with that evidence.
    const proposed = data(await cloud.call('ticket', 'proposeSolution', { complaintId: c.complaintId, version: resulted.version, text: '复检确认这批辣度偏低，为您全额退款并补发一包' }, { openid: QC_AGENT }));
    expect(proposed.status).toBe('awaiting_customer');
  });

  test('cancelled while travelling: the clock runs again, the customer can no longer confirm shipping, a new request gets a new code', async () => {
    const c = await tasteTicket(OTHER_CUSTOMER);
    const requested = data(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: c.version }, { openid: QC_AGENT }));
    expect(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: requested.version }, { openid: QC_AGENT })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await cloud.call('ticket', 'cancelSample', { complaintId: c.complaintId, version: requested.version, reason: '顾客已丢弃剩余产品' }, { openid: LOGISTICS })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'cancelSample', { complaintId: c.complaintId, version: requested.version } as never, { openid: QC_AGENT })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { reason: expect.any(String) } } });
    await advance(30);
    const cancelled = data(await cloud.call('ticket', 'cancelSample', { complaintId: c.complaintId, version: requested.version, reason: '顾客已丢弃剩余产品' }, { openid: QC_AGENT }));
    const view = await ticket(c.complaintId);
    expect(view.sample).toMatchObject({ state: 'cancelled', cancelReason: '顾客已丢弃剩余产品', pausedMinutes: 30 });
    expect(view.sla.paused).toBe(false);
    const customer = await mine(c.complaintId, OTHER_CUSTOMER);
    expect(customer.sample).toMatchObject({ state: 'cancelled', canConfirmShipped: false });
    expect(customer.timeline.at(-1)!.note).toContain('无需再寄回');
    expect(await cloud.call('complaint', 'confirmSampleShipped', { complaintId: c.complaintId, courier: '顺丰速运', trackingNo: 'SF1234567890' }, { openid: OTHER_CUSTOMER })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await cloud.call('ticket', 'recordSampleReceipt', { complaintId: c.complaintId, version: cancelled.version }, { openid: QC_HEAD })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const again = data(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: cancelled.version }, { openid: QC_AGENT }));
    const second = (await ticket(c.complaintId)).sample!;
    expect(second.returnCode).not.toBe(view.sample!.returnCode);
    expect(second.returnCode.endsWith('2')).toBe(true);
    expect(again.version).toBe(cancelled.version + 1);
  });

  test('no sample on a ticket waiting for the customer; no confirming a sample nobody asked for', async () => {
    const c = await tasteTicket();
    expect(await cloud.call('complaint', 'confirmSampleShipped', { complaintId: c.complaintId, courier: '顺丰速运', trackingNo: 'SF1234567890' }, { openid: CUSTOMER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const proposed = data(await cloud.call('ticket', 'proposeSolution', { complaintId: c.complaintId, version: c.version, text: '为您补发一包中辣口味' }, { openid: QC_AGENT }));
    expect(await cloud.call('ticket', 'requestSample', { complaintId: c.complaintId, version: proposed.version }, { openid: QC_AGENT })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
