import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CSV_BOM } from '../../shared/staff/csv';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The staff workspace's new ticket and stats actions through the real SDK: the own profile and on-duty switch
 * (which routing respects), the assignment picker, compensation advice from the order and the temperature log,
 * similar past cases, media URLs, and the CSV export (BOM, Chinese headers, masked phones only, scope).
 */
let cloud: TestCloud;
const rid = requestIds();

type Row = Record<string, any>;
const submit = (openid: string, input: Record<string, unknown>) => cloud.call('complaint', 'submit', { contactPhone: '13812348000', ...input } as never, { openid, requestId: rid('sub') }).then(data);
const view = (openid: string, complaintId: string) => cloud.call('ticket', 'get', { complaintId }, { openid }).then(data);

beforeAll(async () => {
  cloud = await startTestCloud({ demoComplaints: true });
});
afterAll(() => cloud?.close());

describe('own profile and on-duty', () => {
  test('an agent goes off duty: new tickets of their department go elsewhere; back on duty they come back', async () => {
    expect(data(await cloud.call('ticket', 'profile', {}, { openid: 'demo-agent-cs' }))).toMatchObject({ name: '孙客服', role: 'agent', department: 'cs', onDuty: true });
    expect(data(await cloud.call('ticket', 'setOnDuty', { onDuty: false }, { openid: 'demo-agent-cs' }))).toMatchObject({ onDuty: false });
    const off = await submit('demo-customer-3', { description: '客服电话一直打不通，留言也没人回复' });
    expect(off.department).toBe('cs');
    expect((await view('demo-head-cs', off.complaintId)).assigneeOpenid).not.toBe('demo-agent-cs');
    expect(cloud.database.count('audit', { target: 'staff:demo-agent-cs', action: 'off_duty' })).toBe(1);
    data(await cloud.call('ticket', 'setOnDuty', { onDuty: true }, { openid: 'demo-agent-cs' }));
    const on = await submit('demo-customer-3', { description: '客服态度很差，说话很不耐烦' });
    expect((await view('demo-head-cs', on.complaintId)).assigneeOpenid).toBe('demo-agent-cs');
    expect(await cloud.call('ticket', 'setOnDuty', { onDuty: 'yes' } as never, { openid: 'demo-agent-cs' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { onDuty: '请选择在岗或离岗' } } });
    expect(await cloud.call('ticket', 'profile', {}, { openid: 'demo-customer-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('the assignment picker: heads see their department with open loads; managers any', async () => {
    const qc = data(await cloud.call('ticket', 'staffOptions', {}, { openid: 'demo-head-qc' }));
    expect(qc.items.map((s) => s.openid).sort()).toEqual(['demo-agent-qc', 'demo-head-qc']);
    expect(qc.items.find((s) => s.openid === 'demo-agent-qc')!.openLoad).toBeGreaterThan(0);
    expect(await cloud.call('ticket', 'staffOptions', { department: 'cs' }, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const all = data(await cloud.call('ticket', 'staffOptions', {}, { openid: 'demo-manager' }));
    expect(all.items.some((s) => s.department === 'logistics')).toBe(true);
    expect(all.items.some((s) => s.role === 'admin')).toBe(false);
  });
});

describe('knowledge on the ticket screen', () => {
  test('a late order suggests the ¥5-per-hour coupon capped at ¥30, within the agent’s limit', async () => {
    const late = (cloud.database.find('orders', { customerOpenid: 'demo-customer-1', status: 'delivered' }) as Row[]).find((o) => o.deliveredAt.getTime() - o.promisedBy.getTime() > 24 * 3600_000)!;
    const c = await submit('demo-customer-1', { description: '订单晚了一天多才送到', orderNo: late.orderNo });
    const advice = data(await cloud.call('ticket', 'suggestCompensation', { complaintId: c.complaintId }, { openid: 'demo-agent-logistics' }));
    expect(advice.suggestions).toHaveLength(1);
    expect(advice.suggestions[0]).toMatchObject({ offer: { type: 'coupon', amountFen: 3000 }, summary: '¥30 优惠券', approvalNeeded: 'none', approvalText: '¥50 以内，专员可直接发放' });
    expect(advice.suggestions[0].rule).toMatch(/^配送延迟 \d+ 小时/);
    expect(advice.order?.items.length).toBeGreaterThan(0);
    expect(advice.limits).toEqual({ agentMaxFen: 5000, headMaxFen: 20000 });
  });

  test('a 150-minute cold-chain break suggests a full refund or a replacement, with the temperature curve and the approval it needs', async () => {
    const shipments = cloud.database.find('shipments', {}) as Row[];
    const hot = shipments.find((s) => Math.max(...s.readings.map((r: Row) => r.celsius)) > -5)!;
    const [order] = cloud.database.find('orders', { orderNo: hot.orderNo }) as Row[];
    const c = await submit(order.customerOpenid, { description: '冷链到货全化了，水饺都粘在一起', orderNo: order.orderNo, contactPhone: '13912345678' });
    expect(c.subcategory).toBe('cold_chain');
    const advice = data(await cloud.call('ticket', 'suggestCompensation', { complaintId: c.complaintId }, { openid: 'demo-agent-logistics' }));
    expect(advice.coldChain!.minutesAbove).toBeGreaterThan(120);
    expect(advice.coldChain!.readings.length).toBeGreaterThan(5);
    const kinds = advice.suggestions.map((s) => s.offer.type).sort();
    expect(kinds).toEqual(['refund', 'replacement']);
    const refund = advice.suggestions.find((s) => s.offer.type === 'refund')!;
    expect(refund).toMatchObject({ alternativeGroup: 'cold_chain', offer: { amountFen: order.totalFen } });
    expect(refund.approvalNeeded).toBe(order.totalFen > 20000 ? 'manager' : order.totalFen > 5000 ? 'head' : 'none');
    // The demo thawed-box complaint already took this order's cold-chain compensation? Then the advice says so.
    expect(advice.blockedBy === undefined || advice.blockedBy.includes('只补偿一次')).toBe(true);
  });

  test('similar cases: resolved tickets of the same subcategory with their solution, never other departments’ for agents', async () => {
    const text = '门店店员态度很差，问价格也不理人，还骂人';
    const first = await submit('demo-customer-3', { description: text, contactPhone: '13700001111' });
    const agent = `demo-agent-${first.department}`;
    let v = await view(agent, first.complaintId);
    if (v.status === 'assigned') {
      data(await cloud.call('ticket', 'transition', { complaintId: first.complaintId, to: 'investigating', version: v.version }, { openid: agent }));
      v = await view(agent, first.complaintId);
    }
    data(await cloud.call('ticket', 'transition', { complaintId: first.complaintId, to: 'resolved', version: v.version, note: '已致歉', rootCause: '店员培训不足' }, { openid: agent }));
    const second = await submit('demo-customer-1', { description: text });
    expect(second.subcategory).toBe(first.subcategory);
    const similar = data(await cloud.call('ticket', 'similarCases', { complaintId: second.complaintId }, { openid: agent }));
    expect(similar.items.map((s) => s.complaintId)).not.toContain(second.complaintId);
    expect(similar.items.find((s) => s.complaintId === first.complaintId)).toMatchObject({ rootCause: '店员培训不足', status: 'resolved' });
    for (const item of similar.items) expect(cloud.database.find('complaints', { _id: item.complaintId })[0]).toMatchObject({ subcategory: second.subcategory, department: first.department });
    const other = ['qc', 'logistics', 'cs'].find((d) => d !== first.department);
    expect(await cloud.call('ticket', 'similarCases', { complaintId: second.complaintId }, { openid: `demo-agent-${other}` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('media URLs for a ticket with photos; none for one without', async () => {
    const fileId = cloud.storage.putFile('complaints/demo-customer-1/a.jpg', Buffer.from('jpeg bytes'));
    const c = await submit('demo-customer-1', { description: '腊肉发霉了长了绿毛', mediaFileIds: [fileId] });
    const { items } = data(await cloud.call('ticket', 'mediaUrls', { complaintId: c.complaintId }, { openid: 'demo-agent-qc' }));
    expect(items).toHaveLength(1);
    expect(await (await fetch(items[0].url)).text()).toBe('jpeg bytes');
    expect(await cloud.call('ticket', 'mediaUrls', { complaintId: c.complaintId }, { openid: 'demo-agent-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const none = await submit('demo-customer-1', { description: '配送员态度不好' });
    expect(data(await cloud.call('ticket', 'mediaUrls', { complaintId: none.complaintId }, { openid: 'demo-agent-logistics' })).items).toEqual([]);
  });
});

describe('CSV export', () => {
  test('the manager exports everything: BOM, Chinese headers, masked phones only, formula cells neutralised', async () => {
    await submit('demo-customer-2', { description: '=HYPERLINK("http://x","点我") 腊肠太咸了', contactPhone: '13912345678' });
    const out = data(await cloud.call('stats', 'exportCsv', {}, { openid: 'demo-manager' }));
    expect(out.rows).toBe(cloud.database.count('complaints'));
    expect(out.filename).toMatch(/^投诉导出_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = Buffer.from(await (await fetch(out.url)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('工单号,提交时间,渠道,类别,细类,等级,负责部门,状态');
    expect(lines).toHaveLength(out.rows + 1);
    expect(csv).toMatch(/1[3-9]\d\*{4}\d{4}/);
    expect(csv).not.toMatch(/1[3-9]\d{9}/);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"") 腊肠太咸了"`);
    expect(out.bytes).toBe(Buffer.byteLength(csv, 'utf8'));
  });

  test('a head exports their department only; agents and other departments are refused', async () => {
    const out = data(await cloud.call('stats', 'exportCsv', { level: 'L1' }, { openid: 'demo-head-qc' }));
    expect(out.rows).toBe(cloud.database.count('complaints', { department: 'qc', level: 'L1' }));
    expect(await cloud.call('stats', 'exportCsv', { department: 'cs' }, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('stats', 'exportCsv', {}, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('stats', 'exportCsv', { from: '2026/11/01' }, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { from: '日期格式应为 YYYY-MM-DD' } } });
  });
});
