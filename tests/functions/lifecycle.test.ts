import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SubmitOutput } from '../../shared/api/functions/complaint';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The complaint lifecycle end to end through the real wx-server-sdk and the built bundles:
 * intake → routing → claim → investigation → solution → accept/reject → approval → compensation → rating → closure.
 */
let cloud: TestCloud;
let packageScene: string;
const rid = requestIds();

const CUSTOMER = 'demo-customer-1';
const OTHER_CUSTOMER = 'demo-customer-2';

function submit(input: Record<string, unknown>, openid = CUSTOMER, requestId = rid('sub')) {
  return cloud.call('complaint', 'submit', input as never, { openid, requestId });
}

async function submitOk(input: Record<string, unknown>, openid = CUSTOMER): Promise<SubmitOutput> {
  return data(await submit(input, openid));
}

const ticket = (openid: string, complaintId: string) => cloud.call('ticket', 'get', { complaintId }, { openid }).then(data);
const mine = (complaintId: string, openid = CUSTOMER) => cloud.call('complaint', 'get', { complaintId }, { openid }).then(data);

beforeAll(async () => {
  cloud = await startTestCloud();
  const codes = data(await cloud.call('admin', 'listQrCodes', { kind: 'package' }, { openid: 'demo-admin' }));
  packageScene = codes.items.find((c) => c.label.includes('腊肠'))!.scene;
});
afterAll(() => cloud?.close());

describe('intake', () => {
  test('a food-safety complaint from a package QR code: classified, L1, routed to a QC agent, with promises', async () => {
    const res = await submitOk({ description: '腊肠打开以后发霉了，孩子吃了拉肚子', contactPhone: '138 1234 8000', scene: packageScene, expectation: 'refund' });
    expect(res).toMatchObject({ status: 'assigned', category: 'quality', subcategory: 'spoiled', foodSafety: true, level: 'L1', department: 'qc', replayed: false });
    expect(res.ticketNo).toMatch(/^KS\d{8}-\d{4}$/);
    // Food safety: first response within 1 hour, around the clock.
    const created = Date.parse(res.createdAt);
    expect(Date.parse(res.firstResponseDueAt) - created).toBe(60 * 60_000);
    expect(Date.parse(res.resolveDueAt) - created).toBe(24 * 60 * 60_000);

    const view = await ticket('demo-agent-qc', res.complaintId);
    expect(view).toMatchObject({ channel: 'qr_package', contactPhoneMasked: '138****8000', assigneeOpenid: 'demo-agent-qc', levelReason: 'L1: 食品安全' });
    expect(view.productName).toContain('腊肠');
    expect(view.batchNo).toMatch(/^\d{8}$/);
    expect(JSON.stringify(view)).not.toContain('13812348000');

    // Stored encrypted: the raw document has no readable phone number.
    const [raw] = cloud.database.find('complaints', { _id: res.complaintId });
    expect(JSON.stringify(raw)).not.toContain('13812348000');
    expect(String(raw.contactPhoneEnc)).toMatch(/^v2:[0-9a-f]{8}\./); // the id of the key that wrote it

    // The receipt and the staff alerts are in the outbox.
    const outbox = cloud.database.find('outbox', { complaintId: res.complaintId });
    expect(outbox.map((m) => `${m.kind}→${m.to}`).sort()).toEqual(['receipt→demo-customer-1', 'staff_new_ticket→demo-agent-qc']);
  });

  test('a retry with the same requestId returns the first ticket; concurrent retries create one', async () => {
    const requestId = rid('dup');
    const input = { description: '水饺里吃出一根头发，太恶心了', contactPhone: '13912345678' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(input, OTHER_CUSTOMER, requestId)));
    const ids = new Set(answers.map((a) => data(a).complaintId));
    expect(ids.size).toBe(1);
    expect(cloud.database.count('complaints', { customerOpenid: OTHER_CUSTOMER, requestId })).toBe(1);
    const again = data(await submit(input, OTHER_CUSTOMER, requestId));
    expect(again).toMatchObject({ complaintId: [...ids][0], replayed: true });
  });

  test('ticket numbers are unique under concurrent submits', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submitOk({ description: `第${i}次投诉：配送太慢了，等了三个小时`, contactPhone: '13800000000' }, `load-customer-${i}`)),
    );
    expect(new Set(results.map((r) => r.ticketNo)).size).toBe(8);
  });

  test('an order fills product and delivery facts; the late order raises the level', async () => {
    const [order] = cloud.database.find('orders', { customerOpenid: CUSTOMER, status: 'delivered' }, { sort: { paidAt: 1 }, limit: 1 });
    const res = await submitOk({ description: '这单配送晚了一天多，东西都化了', contactPhone: '13812348000', orderNo: order.orderNo as string });
    const view = await ticket('demo-head-logistics', res.complaintId);
    expect(view.orderNo).toBe(order.orderNo);
    expect(view.channel).toBe('order');
    expect(view.delivery?.promisedBy).toBeTruthy();
  });

  test('bad input is answered per field and nothing is stored', async () => {
    const before = cloud.database.count('complaints');
    const res = await submit({ description: '坏了', contactPhone: '12345', mediaFileIds: Array(7).fill('cloud://env.bucket/a.jpg'), channel: 'fax' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { description: '请至少用 5 个字描述问题', contactPhone: '请填写正确的 11 位手机号', mediaFileIds: '最多上传 6 个图片或视频', channel: '未知的投诉渠道' } },
    });
    expect(await submit({ contactPhone: '13812348000' })).toMatchObject({ error: { code: 'INVALID_INPUT', fields: { description: '此项为必填' } } });
    expect(await submit({ description: { $ne: null }, contactPhone: '13812348000' })).toMatchObject({ error: { code: 'INVALID_INPUT', fields: { description: '请填写文字' } } });
    expect(await submit({ description: '配送太慢了一直没到', contactPhone: '13812348000', orderNo: 'NO-SUCH-ORDER' })).toMatchObject({
      error: { code: 'INVALID_INPUT', fields: { orderNo: '没有找到这个订单，请检查订单号' } },
    });
    // Without a requestId a submit could be duplicated by a retry, so it is refused.
    expect(await cloud.call('complaint', 'submit', { description: '配送太慢了一直没到', contactPhone: '13812348000' }, { openid: CUSTOMER })).toMatchObject({
      error: { code: 'INVALID_INPUT', fields: { requestId: expect.any(String) } },
    });
    expect(cloud.database.count('complaints')).toBe(before);
  });

  test('the form can pre-fill the customer\'s own number and offer their recent orders; the list tells complaints apart', async () => {
    const me = data(await cloud.call('complaint', 'me', {}, { openid: CUSTOMER }));
    expect(me.contactPhone).toBe('13812348000');
    expect(data(await cloud.call('complaint', 'me', {}, { openid: 'never-complained' })).contactPhone).toBeUndefined();
    const orders = data(await cloud.call('complaint', 'listMyOrders', {}, { openid: CUSTOMER }));
    expect(orders.items.length).toBeGreaterThan(3);
    expect(orders.items[0].lines[0].name).toBeTruthy();
    expect(orders.items.every((o) => cloud.database.count('orders', { orderNo: o.orderNo, customerOpenid: CUSTOMER }) === 1)).toBe(true);
    const list = data(await cloud.call('complaint', 'listMine', { limit: 5 }, { openid: CUSTOMER }));
    expect(list.items[0]).toMatchObject({ subcategoryLabel: expect.any(String), summary: expect.any(String) });
  });

  test('photos uploaded from the browser build are attached, must exist, and come back as links for the owner only', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = await fetch(`${cloud.url}/storage/upload?path=${encodeURIComponent('complaint-media/20261122/abcdefgh1234.png')}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-dev-openid': CUSTOMER },
      body: png,
    });
    const { fileID } = (await up.json()) as { fileID: string };
    expect(fileID).toMatch(/^cloud:\/\//);
    const missing = `${fileID.slice(0, fileID.lastIndexOf('/'))}/nothing-here.png`;
    expect(await submit({ description: '腊肠包装里有异物，见照片', contactPhone: '13812348000', mediaFileIds: [fileID, missing] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { mediaFileIds: expect.stringContaining('重新上传') } },
    });
    const res = await submitOk({ description: '腊肠包装里有异物，见照片', contactPhone: '13812348000', mediaFileIds: [fileID] });
    const links = data(await cloud.call('complaint', 'mediaUrls', { complaintId: res.complaintId }, { openid: CUSTOMER }));
    expect(links.items).toEqual([{ fileId: fileID, url: expect.stringMatching(/^http/) }]);
    expect(await cloud.call('complaint', 'mediaUrls', { complaintId: res.complaintId }, { openid: OTHER_CUSTOMER })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const refused = await fetch(`${cloud.url}/storage/upload?path=${encodeURIComponent('../../etc/passwd')}`, { method: 'POST', headers: { 'content-type': 'image/png', 'x-dev-openid': CUSTOMER }, body: png });
    expect(refused.status).toBe(400);
  });

  test('an agent records a phone complaint with the same intake', async () => {
    const res = data(await cloud.call('ticket', 'createOnBehalf', { description: '顾客来电：买的火锅底料太咸了，没法吃', contactPhone: '13700001111' }, { openid: 'demo-agent-cs', requestId: rid('phone') }));
    expect(res.subcategory).toBe('taste');
    const view = await ticket('demo-head-qc', res.complaintId);
    expect(view).toMatchObject({ channel: 'phone', contactPhoneMasked: '137****1111' });
    expect(view.customerOpenid).toMatch(/^phone-[0-9a-f]{24}$/);
  });
});

describe('the happy path: claim → investigate → propose → accept → compensate → rate → close', () => {
  test('from submit to a closed, rated ticket', async () => {
    const res = await submitOk({ description: '收到的冷冻水饺化冻了，包装袋里全是水，希望给个说法', contactPhone: '13812348000', expectation: 'compensation' });
    expect(res.department).toBe('logistics');
    let view = await ticket('demo-agent-logistics', res.complaintId);
    expect(view.assigneeOpenid).toBe('demo-agent-logistics');
    expect(view.allowedMoves.map((m) => m.to)).toEqual(['investigating']);

    data(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'investigating', version: view.version }, { openid: 'demo-agent-logistics' }));
    view = await ticket('demo-agent-logistics', res.complaintId);
    const proposed = data(
      await cloud.call(
        'ticket',
        'proposeSolution',
        { complaintId: res.complaintId, version: view.version, text: '经核实冷链运输途中超温，给您发放 ¥20 优惠券表示歉意', rootCause: '冷链车制冷故障', compensation: { type: 'coupon', amountFen: 2000 } },
        { openid: 'demo-agent-logistics' },
      ),
    );
    expect(proposed).toMatchObject({ status: 'awaiting_customer', compensationStatus: 'approved', approvalNeeded: 'none' });

    let customer = await mine(res.complaintId);
    expect(customer).toMatchObject({ status: 'awaiting_customer', statusLabel: '待您确认', canRespond: true });
    expect(customer.solution).toMatchObject({ state: 'sent', compensation: { type: 'coupon', summary: '¥20 优惠券', status: 'approved' } });
    expect(customer.solution?.autoAcceptAt).toBeTruthy();
    expect(customer.firstRespondedAt).toBeTruthy();
    // Waiting for the customer pauses the promise: no countdown.
    expect(customer.slaRemainingMinutes).toBeUndefined();

    customer = data(await cloud.call('complaint', 'respond', { complaintId: res.complaintId, accept: true }, { openid: CUSTOMER, requestId: rid('resp') }));
    expect(customer).toMatchObject({ status: 'resolved', canRate: true, solution: { state: 'accepted', compensation: { status: 'issued' } } });
    const [comp] = cloud.database.find('compensations', { complaintId: res.complaintId });
    expect(comp).toMatchObject({ status: 'issued', valueFen: 2000 });

    customer = data(await cloud.call('complaint', 'rate', { complaintId: res.complaintId, stars: 5, nps: 9, comment: '处理很快' }, { openid: CUSTOMER, requestId: rid('rate') }));
    expect(customer).toMatchObject({ canRate: false, rating: { stars: 5, nps: 9 } });
    expect(await cloud.call('complaint', 'rate', { complaintId: res.complaintId, stars: 1 }, { openid: CUSTOMER, requestId: rid('rate') })).toMatchObject({ ok: true, data: { rating: { stars: 5 } } });

    view = await ticket('demo-agent-logistics', res.complaintId);
    data(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'closed', version: view.version }, { openid: 'demo-agent-logistics' }));
    customer = await mine(res.complaintId);
    expect(customer.status).toBe('closed');
    expect(customer.timeline.map((t) => t.statusLabel)).toEqual(['已受理', '处理中', '处理中', '待您确认', '已解决', '已解决', '已关闭']);
    // Internal notes and staff-only events never reach the customer.
    expect(JSON.stringify(customer)).not.toContain('冷链车制冷故障');
  });
});

describe('reject → escalate → approve a revised solution → accept → compensate', () => {
  test('the customer rejects, a revised refund needs the head, the head approves, the refund is carried out', async () => {
    const res = await submitOk({ description: '腊肠的味道太咸了，和以前买的完全不一样', contactPhone: '13812348000' });
    expect(res).toMatchObject({ department: 'qc', subcategory: 'taste' });
    const agent = 'demo-agent-qc';
    let view = await ticket(agent, res.complaintId);
    data(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'investigating', version: view.version }, { openid: agent }));
    view = await ticket(agent, res.complaintId);
    data(await cloud.call('ticket', 'proposeSolution', { complaintId: res.complaintId, version: view.version, text: '口味属于正常批次范围，送您 100 积分' , compensation: { type: 'points', points: 100 } }, { openid: agent }));

    expect(await cloud.call('complaint', 'respond', { complaintId: res.complaintId, accept: false }, { openid: CUSTOMER, requestId: rid('resp') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { comment: expect.any(String) } },
    });
    let customer = data(await cloud.call('complaint', 'respond', { complaintId: res.complaintId, accept: false, comment: '积分没用，我要退款' }, { openid: CUSTOMER, requestId: rid('resp') }));
    expect(customer.status).toBe('escalated');
    expect(cloud.database.find('compensations', { complaintId: res.complaintId })[0]).toMatchObject({ status: 'cancelled' });

    // The agent's revised solution on an escalated ticket waits for approval; the customer does not see it yet.
    view = await ticket(agent, res.complaintId);
    const revised = data(await cloud.call('ticket', 'proposeSolution', { complaintId: res.complaintId, version: view.version, text: '为您全额退款 ¥120', compensation: { type: 'refund', amountFen: 12000 } }, { openid: agent }));
    expect(revised).toMatchObject({ status: 'escalated', compensationStatus: 'pending_approval', approvalNeeded: 'head' });
    customer = await mine(res.complaintId);
    expect(customer.status).toBe('escalated');
    expect(customer.solution).toBeUndefined();

    // An agent cannot approve; the logistics head cannot approve a QC ticket; the QC head can.
    view = await ticket('demo-head-qc', res.complaintId);
    expect(view.canApprove).toBe(true);
    expect(await cloud.call('ticket', 'approve', { complaintId: res.complaintId, version: view.version, approve: true }, { openid: agent })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'approve', { complaintId: res.complaintId, version: view.version, approve: true }, { openid: 'demo-head-logistics' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    data(await cloud.call('ticket', 'approve', { complaintId: res.complaintId, version: view.version, approve: true }, { openid: 'demo-head-qc' }));

    customer = await mine(res.complaintId);
    expect(customer).toMatchObject({ status: 'awaiting_customer', canRespond: true, solution: { text: '为您全额退款 ¥120', compensation: { status: 'approved', summary: '退款 ¥120' } } });
    customer = data(await cloud.call('complaint', 'respond', { complaintId: res.complaintId, accept: true }, { openid: CUSTOMER, requestId: rid('resp') }));
    // A refund is carried out by people: compensating until the agent marks it done.
    expect(customer.status).toBe('compensating');
    view = await ticket(agent, res.complaintId);
    expect(view.allowedMoves.map((m) => m.to)).toEqual(['resolved']);
    data(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'resolved', version: view.version }, { openid: agent }));
    customer = await mine(res.complaintId);
    expect(customer).toMatchObject({ status: 'resolved', solution: { compensation: { status: 'issued' } } });
  });

  test('a compensation above the head limit needs the manager', async () => {
    const res = await submitOk({ description: '买的腊肉全是肥的，以次充好，要求赔偿', contactPhone: '13812348000' });
    const agent = 'demo-agent-qc';
    let view = await ticket(agent, res.complaintId);
    data(await cloud.call('ticket', 'proposeSolution', { complaintId: res.complaintId, version: view.version, text: '全额退款并补偿 ¥300', compensation: { type: 'refund', amountFen: 30000 } }, { openid: agent }));
    data(await cloud.call('complaint', 'respond', { complaintId: res.complaintId, accept: true }, { openid: CUSTOMER, requestId: rid('resp') }));
    view = await ticket('demo-head-qc', res.complaintId);
    expect(view.status).toBe('compensating');
    expect(view.canApprove).toBe(false);
    expect(await cloud.call('ticket', 'approve', { complaintId: res.complaintId, version: view.version, approve: true }, { openid: 'demo-head-qc' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    data(await cloud.call('ticket', 'approve', { complaintId: res.complaintId, version: view.version, approve: true }, { openid: 'demo-manager' }));
    expect(cloud.database.find('compensations', { complaintId: res.complaintId })[0]).toMatchObject({ status: 'approved' });
  });
});

describe('state machine, concurrency and compensation rules', () => {
  test('an illegal move answers the allowed next statuses; a stale version answers CONFLICT', async () => {
    const res = await submitOk({ description: '快递员态度很差，东西扔在门口就走了', contactPhone: '13812348000' });
    const view = await ticket('demo-agent-logistics', res.complaintId);
    const illegal = await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'closed', version: view.version }, { openid: 'demo-agent-logistics' });
    expect(illegal).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { to: expect.stringContaining('「调查中」') } } });
    data(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'investigating', version: view.version }, { openid: 'demo-agent-logistics' }));
    const stale = await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'escalated', version: view.version, note: '需要经理' }, { openid: 'demo-agent-logistics' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const needsNote = await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'resolved', version: view.version + 1 }, { openid: 'demo-agent-logistics' });
    expect(needsNote).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { note: '请填写说明', rootCause: '请填写问题原因' } } });
  });

  test('two agents claiming the same unassigned ticket: one wins, the other gets CONFLICT', async () => {
    // Nobody on duty in customer service: the ticket stays unassigned for the department to claim.
    const staff = cloud.database.find('staff', { department: 'cs' });
    for (const s of staff) setStaff(s.openid as string, { active: false });
    const res = await submitOk({ description: '客服态度太差了，电话里直接挂我电话', contactPhone: '13812348000', categoryHint: 'service' });
    expect(res.department).toBe('cs');
    for (const s of staff) setStaff(s.openid as string, { active: true });
    expect(res.status).toBe('submitted');
    addStaff('demo-agent-cs-2', 'cs');
    const view = await ticket('demo-agent-cs', res.complaintId);
    const [a, b] = await Promise.all([
      cloud.call('ticket', 'claim', { complaintId: res.complaintId, version: view.version }, { openid: 'demo-agent-cs' }),
      cloud.call('ticket', 'claim', { complaintId: res.complaintId, version: view.version }, { openid: 'demo-agent-cs-2' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a) as unknown).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  test('one compensation per order and issue', async () => {
    const [order] = cloud.database.find('orders', { customerOpenid: OTHER_CUSTOMER, status: 'delivered' }, { limit: 1 });
    const first = await submitOk({ description: '水饺到货时已经化冻了，冷链有问题', contactPhone: '13912345678', orderNo: order.orderNo as string }, OTHER_CUSTOMER);
    const second = await submitOk({ description: '同一单的水饺化冻了，再投诉一次', contactPhone: '13912345678', orderNo: order.orderNo as string }, OTHER_CUSTOMER);
    expect(first.subcategory).toBe(second.subcategory);
    const propose = async (complaintId: string) => {
      const view = await ticket('demo-head-logistics', complaintId);
      return cloud.call('ticket', 'proposeSolution', { complaintId, version: view.version, text: '冷链超温，发放 ¥10 优惠券', compensation: { type: 'coupon', amountFen: 1000 } }, { openid: 'demo-head-logistics' });
    };
    data(await propose(first.complaintId));
    const refused = await propose(second.complaintId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { compensation: expect.stringContaining('只能补偿一次') } } });
    const view = await ticket('demo-head-logistics', second.complaintId);
    expect(view.related.sameOrder).toContain(first.complaintId);
  });
});

describe('roles and privacy', () => {
  let complaintId: string;
  beforeAll(async () => {
    complaintId = (await submitOk({ description: '水饺里有一根头发，要求处理', contactPhone: '13812348000' })).complaintId;
  });

  test('customers see only their own complaints and never staff actions', async () => {
    expect(await cloud.call('complaint', 'get', { complaintId }, { openid: OTHER_CUSTOMER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await cloud.call('ticket', 'get', { complaintId }, { openid: CUSTOMER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'inbox', {}, { openid: CUSTOMER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('complaint', 'get', { complaintId: { $ne: null } as never }, { openid: CUSTOMER })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const list = data(await cloud.call('complaint', 'listMine', {}, { openid: OTHER_CUSTOMER }));
    expect(list.items.map((i) => i.complaintId)).not.toContain(complaintId);
  });

  test('staff see their department only; managers see all', async () => {
    expect(await cloud.call('ticket', 'get', { complaintId }, { openid: 'demo-agent-logistics' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ticket('demo-manager', complaintId)).complaintId).toBe(complaintId);
    const inbox = data(await cloud.call('ticket', 'inbox', { view: 'department' }, { openid: 'demo-agent-logistics' }));
    expect(inbox.items.every((i) => i.department === 'logistics')).toBe(true);
    expect(await cloud.call('ticket', 'inbox', { department: 'qc' }, { openid: 'demo-agent-logistics' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('only the assignee can reveal the phone number, and the reveal is logged', async () => {
    expect(await cloud.call('ticket', 'revealPhone', { complaintId }, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await cloud.call('ticket', 'revealPhone', { complaintId }, { openid: 'demo-agent-qc' }))).toEqual({ phone: '13812348000' });
    const view = await ticket('demo-head-qc', complaintId);
    expect(view.events.some((e) => e.action === 'reveal_phone' && e.actorRole === 'agent')).toBe(true);
  });

  test('internal notes stay internal; a reply counts as the first response', async () => {
    const requestId = rid('note');
    data(await cloud.call('ticket', 'note', { complaintId, text: '疑似生产线问题，待查批次' }, { openid: 'demo-agent-qc', requestId }));
    data(await cloud.call('ticket', 'note', { complaintId, text: '疑似生产线问题，待查批次' }, { openid: 'demo-agent-qc', requestId }));
    const view = await ticket('demo-agent-qc', complaintId);
    expect(view.events.filter((e) => e.action === 'note')).toHaveLength(1);
    data(await cloud.call('ticket', 'reply', { complaintId, text: '您好，我们已经收到，请保留产品' }, { openid: 'demo-agent-qc', requestId: rid('reply') }));
    const customer = await mine(complaintId);
    expect(JSON.stringify(customer)).not.toContain('生产线');
    expect(customer.timeline.at(-1)?.note).toBe('您好，我们已经收到，请保留产品');
    expect(customer.firstRespondedAt).toBeTruthy();
    expect(customer.nextDueKind).toBe('resolution');
  });

  test('the audit log is append-only history of every change', async () => {
    const events = cloud.database.find('events', { complaintId });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['submit', 'route', 'reveal_phone', 'note', 'reply']));
    expect(events.every((e) => e.at && e.actorRole)).toBe(true);
  });
});

describe('assistance, reclassification, nudges and churn risk', () => {
  test('another department joins with its own task and can read and note, not move', async () => {
    const res = await submitOk({ description: '腊肉的包装破了，漏了一箱子油', contactPhone: '13812348000' });
    const view = await ticket('demo-agent-qc', res.complaintId);
    expect(view.department).toBe('qc');
    data(await cloud.call('ticket', 'requestAssist', { complaintId: res.complaintId, department: 'logistics', note: '请核实是否运输途中压坏' }, { openid: 'demo-agent-qc', requestId: rid('assist') }));
    expect(cloud.database.find('tasks', { complaintId: res.complaintId })).toMatchObject([{ kind: 'assist', department: 'logistics', status: 'open' }]);
    const assisted = await ticket('demo-agent-logistics', res.complaintId);
    expect(assisted.assistDepartments).toEqual(['logistics']);
    expect(assisted.allowedMoves).toEqual([]);
    data(await cloud.call('ticket', 'note', { complaintId: res.complaintId, text: '承运方确认外箱有压痕' }, { openid: 'demo-agent-logistics', requestId: rid('note') }));
    expect(await cloud.call('ticket', 'transition', { complaintId: res.complaintId, to: 'investigating', version: assisted.version }, { openid: 'demo-agent-logistics' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  test('a corrected classification re-decides level and department and leaves the triage list', async () => {
    const res = await submitOk({ description: '东西不太好，不满意', contactPhone: '13812348000' });
    const before = await ticket('demo-manager', res.complaintId);
    data(await cloud.call('ticket', 'reclassify', { complaintId: res.complaintId, version: before.version, category: 'delivery', subcategory: 'cold_chain', note: '顾客电话补充：到货已化冻' }, { openid: 'demo-manager' }));
    const after = await ticket('demo-manager', res.complaintId);
    expect(after).toMatchObject({ department: 'logistics', assigneeOpenid: 'demo-agent-logistics', classification: { source: 'staff', needsTriage: false, subcategory: 'cold_chain' } });
    const event = after.events.find((e) => e.action === 'reclassify');
    expect(event?.before).toMatchObject({ category: before.classification.category });
    expect(event?.after).toMatchObject({ category: 'delivery', department: 'logistics' });
    expect(await cloud.call('ticket', 'reclassify', { complaintId: res.complaintId, version: after.version, category: 'quality', subcategory: 'late' }, { openid: 'demo-manager' })).toMatchObject({
      error: { code: 'INVALID_INPUT', fields: { subcategory: '请选择该类别下的细类' } },
    });
  });

  test('催一下 reminds the assignee once per interval', async () => {
    const res = await submitOk({ description: '等了好几天还没有人联系我', contactPhone: '13812348000' });
    const first = data(await cloud.call('complaint', 'nudge', { complaintId: res.complaintId }, { openid: CUSTOMER, requestId: rid('nudge') }));
    expect(first).toMatchObject({ canNudge: false, nudgeAvailableAt: expect.any(String) });
    expect(await cloud.call('complaint', 'nudge', { complaintId: res.complaintId }, { openid: CUSTOMER, requestId: rid('nudge') })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(cloud.database.count('outbox', { complaintId: res.complaintId, kind: 'staff_nudge' })).toBe(1);
  });

  test('three unsatisfied ratings in a row from one customer open a churn-risk task', async () => {
    const customer = 'churn-customer-1';
    for (let i = 0; i < 3; i++) {
      const res = await submitOk({ description: `第 ${i + 1} 次：客服回复太慢了`, contactPhone: '13812348000', categoryHint: 'service' }, customer);
      const agent = `demo-agent-${res.department}`;
      const view = await ticket(agent, res.complaintId);
      data(await cloud.call('ticket', 'proposeSolution', { complaintId: res.complaintId, version: view.version, text: '已督促相关同事加快处理' }, { openid: agent }));
      data(await cloud.call('complaint', 'respond', { complaintId: res.complaintId, accept: true }, { openid: customer, requestId: rid('resp') }));
      data(await cloud.call('complaint', 'rate', { complaintId: res.complaintId, stars: 1 }, { openid: customer, requestId: rid('rate') }));
      expect(cloud.database.count('tasks', { customerOpenid: customer, kind: 'churn_risk' })).toBe(i === 2 ? 1 : 0);
    }
  });
});

describe('automatic moves by the sla timer', () => {
  test('an unanswered solution is accepted after the configured days; resolved tickets close and get a survey', async () => {
    const res = await submitOk({ description: '优惠券用不了，结算时提示无效', contactPhone: '13812348000' });
    const view = await ticket('demo-agent-cs', res.complaintId);
    data(await cloud.call('ticket', 'proposeSolution', { complaintId: res.complaintId, version: view.version, text: '已为您补发一张同面额优惠券', compensation: { type: 'coupon', amountFen: 500 } }, { openid: 'demo-agent-cs' }));
    await advance(3 * 24 * 60 + 5);
    let customer = await mine(res.complaintId);
    expect(customer).toMatchObject({ status: 'resolved', solution: { state: 'accepted', compensation: { status: 'issued' } } });
    expect(customer.timeline.some((t) => t.note.includes('视为接受'))).toBe(true);
    await advance(7 * 24 * 60 + 5);
    customer = await mine(res.complaintId);
    expect(customer.status).toBe('closed');
    expect(cloud.database.count('outbox', { complaintId: res.complaintId, kind: 'survey' })).toBe(1);
  });
});

function setStaff(openid: string, fields: Record<string, unknown>) {
  cloud.database.handle('database.modifyDocument', { collectionName: 'staff', queryType: 'WHERE', query: JSON.stringify({ openid }), data: JSON.stringify({ $set: fields }), multi: true, merge: true });
}

function addStaff(openid: string, department: string) {
  if (cloud.database.count('staff', { openid })) return;
  cloud.database.insertMany('staff', [{ _id: openid, openid, name: '客服专员二', role: 'agent', department, skills: ['service'], onDuty: true, active: true, title: '测试' }]);
}

async function advance(minutes: number) {
  const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.status).toBe(200);
}
