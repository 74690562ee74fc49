import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { valueProblem } from '../../localcloud/gateway/openapi/template-values';
import type { SubmitOutput } from '../../shared/api/functions/complaint';
import type { DrainResult } from '../../shared/api/functions/notify';
import { DEMO_IDENTITIES } from '../../shared/demo/identities';
import type { OutboxDoc } from '../../shared/notify/outbox';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The outbox delivered by the notify function, through the built bundles and the real wx-server-sdk: subscribe
 * messages (open API), SMS (Tencent Cloud SDK pointed at the local cloud) and WeCom group robots, all recorded at
 * /__local/messages; consents, quiet hours, retries with backoff, dead letters, concurrent drains.
 */
interface Recorded {
  seq: number;
  at: string;
  channel: string;
  to: string;
  template: string;
  data: any;
  page?: string;
}

let cloud: TestCloud;
const rid = requestIds();
const HOUR = 60;

async function messages(cl: TestCloud, query: Record<string, string> = {}): Promise<Recorded[]> {
  return (await fetch(`${cl.url}/__local/messages?${new URLSearchParams(query)}`)).json() as Promise<Recorded[]>;
}

async function advance(cl: TestCloud, minutes: number): Promise<void> {
  const res = await fetch(`${cl.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.status).toBe(200);
}

/** Minutes from the local cloud's now to the next `hh:mm` in China. */
function minutesUntilChina(cl: TestCloud, hh: number, mm = 0): number {
  const now = cl.clock.now();
  const china = new Date(now.getTime() + 8 * 3600_000);
  const target = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), hh, mm) - 8 * 3600_000;
  const minutes = Math.ceil((target - now.getTime()) / 60_000);
  return minutes > 0 ? minutes : minutes + 24 * HOUR;
}

const drain = (cl: TestCloud) => cl.call('notify', 'drain', {}, { openid: 'demo-admin' }).then(data) as Promise<DrainResult>;

async function submit(openid: string, description: string, contactPhone = '13812348000'): Promise<SubmitOutput> {
  return data(await cloud.call('complaint', 'submit', { description, contactPhone }, { openid, requestId: rid('sub') }));
}

const consent = (openid: string, results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>, requestId = rid('cs')) =>
  cloud.call('complaint', 'recordConsent', { results }, { openid, requestId });

const outbox = (cl: TestCloud, query: object) => cl.database.find('outbox', query) as unknown as OutboxDoc[];
const consentsLeft = (openid: string, template: string) => (cloud.database.find('consents', { _id: `${openid}:${template}` })[0]?.count as number | undefined) ?? 0;

/** An outbox document as intake and the ticket actions write it. */
function outboxDoc(id: string, fields: Partial<OutboxDoc>, now: Date): Record<string, unknown> {
  return { _id: id, dedupeKey: id, kind: 'staff_nudge', audience: 'department', to: 'qc', data: { ticketNo: id, event: '测试提醒' }, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, ...fields };
}

beforeAll(async () => {
  cloud = await startTestCloud();
  // Daytime in China, so staff alerts are not held by quiet hours (the quiet-hours test moves to the night).
  await advance(cloud, minutesUntilChina(cloud, 10));
});
afterAll(() => cloud?.close());

describe('customers: a subscribe message when they consented, else SMS', () => {
  test('a receipt with consent goes as a subscribe message within WeChat’s field limits; the consent is spent once', async () => {
    const openid = 'notify-customer-consent';
    const first = data(await consent(openid, { receipt: 'accept', survey: 'reject' }, 'consent-retry-1'));
    expect(first).toEqual({ consents: { receipt: 1 }, ignored: [] });
    // The same request again (a retry) does not add a second consent.
    expect(data(await consent(openid, { receipt: 'accept' }, 'consent-retry-1')).consents).toEqual({ receipt: 1 });

    const long = await submit(openid, '收到的冷冻水饺包装破损，全部化冻粘在一起了，袋子里都是水，没法吃，希望尽快给个说法');
    const before = (await messages(cloud)).length;
    expect((await drain(cloud)).sent).toBeGreaterThanOrEqual(1);
    const sent = (await messages(cloud)).slice(before);

    const subscribe = sent.filter((m) => m.channel === 'subscribe' && m.to === openid);
    expect(subscribe).toHaveLength(1);
    expect(subscribe[0]).toMatchObject({ template: 'local-tmpl-receipt', page: `packages/complaint/detail/index?id=${long.complaintId}` });
    expect(subscribe[0].data.character_string1.value).toBe(long.ticketNo);
    expect(subscribe[0].data.time3.value).toMatch(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/);
    expect(subscribe[0].data.phrase4.value).toBe('已受理');
    for (const [key, { value }] of Object.entries(subscribe[0].data as Record<string, { value: string }>)) expect(valueProblem(key, value)).toBeNull();
    expect(sent.filter((m) => m.channel === 'sms' && m.data[0] === long.ticketNo)).toEqual([]);
    expect(consentsLeft(openid, 'receipt')).toBe(0);
    const [doc] = outbox(cloud, { _id: `receipt:${long.complaintId}` });
    expect(doc).toMatchObject({ status: 'sent', channel: 'subscribe', attempts: 1, providerId: expect.any(String) });

    // The consent is gone: the next receipt for this customer is an SMS.
    const second = await submit(openid, '第二次投诉：火锅底料太咸了，和以前买的不一样');
    await drain(cloud);
    const sms = (await messages(cloud, { channel: 'sms' })).filter((m) => m.data[0] === second.ticketNo);
    expect(sms).toHaveLength(1);
    expect((await messages(cloud, { channel: 'subscribe', to: openid }))).toHaveLength(1);
  });

  test('without consent the receipt is an SMS to the complaint’s phone, noticed within one timer period', async () => {
    const res = await submit('notify-customer-sms', '配送太慢了，等了三个多小时才送到', '139 1234 5678');
    await advance(cloud, 1); // the every-minute timer drains
    const sms = (await messages(cloud, { channel: 'sms', to: '13912345678' })).filter((m) => m.data[0] === res.ticketNo);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ template: '2000001', data: [res.ticketNo, expect.stringMatching(/^\d{2}月\d{2}日 \d{2}:\d{2}$/)] });
    expect(outbox(cloud, { _id: `receipt:${res.complaintId}` })[0]).toMatchObject({ status: 'sent', channel: 'sms', providerId: expect.stringMatching(/^local-sms-/) });
    // The phone number is read from the complaint at delivery, never copied into the outbox.
    expect(JSON.stringify(outbox(cloud, { complaintId: res.complaintId }))).not.toContain('13912345678');
  });

  test('WeChat’s 43101 (not subscribed) spends the consent and falls back to SMS', async () => {
    const openid = 'notify-customer-43101';
    data(await consent(openid, { 'local-tmpl-receipt': 'accept' })); // keyed by the template id, as WeChat answers
    expect(consentsLeft(openid, 'receipt')).toBe(1);
    cloud.openapi.setUnsubscribed(openid, true);
    try {
      const res = await submit(openid, '腊肉里面吃出一根头发，太恶心了');
      await drain(cloud);
      expect(await messages(cloud, { channel: 'subscribe', to: openid })).toEqual([]);
      expect((await messages(cloud, { channel: 'sms' })).filter((m) => m.data[0] === res.ticketNo)).toHaveLength(1);
      expect(consentsLeft(openid, 'receipt')).toBe(0);
      const [doc] = outbox(cloud, { _id: `receipt:${res.complaintId}` });
      expect(doc).toMatchObject({ status: 'sent', channel: 'sms', lastError: expect.stringContaining('43101') });
      expect(doc.deliveries!.map((d) => [d.channel, d.ok])).toEqual([
        ['subscribe', false],
        ['sms', true],
      ]);
    } finally {
      cloud.openapi.setUnsubscribed(openid, false);
    }
  });

  test('recordConsent validates its answers and reports keys it does not know', async () => {
    expect(await consent('notify-customer-x', { receipt: 'maybe' as never })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.call('complaint', 'recordConsent', { results: {} }, { openid: 'notify-customer-x', requestId: rid() })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.call('complaint', 'recordConsent', { results: { receipt: 'accept' } }, { openid: 'notify-customer-x' })).toMatchObject({ ok: false, error: { fields: { requestId: expect.any(String) } } });
    expect(data(await consent('notify-customer-x', { nope: 'accept', status: 'ban' }))).toEqual({ consents: {}, ignored: ['nope'] });
  });
});

describe('staff: the department’s WeCom group, mentioning them', () => {
  test('a new ticket goes to the group with the assignee’s name, and to the assignee’s own subscribe when they consented', async () => {
    const res = await submit('notify-customer-staff', '客服态度很差，说两句就挂电话');
    const [forAgent] = outbox(cloud, { complaintId: res.complaintId, kind: 'staff_new_ticket', audience: 'staff' });
    expect(forAgent).toBeDefined();
    const agent = DEMO_IDENTITIES.find((i) => i.openid === forAgent.to)!;
    data(await consent(agent.openid, { staff: 'accept' }));

    await drain(cloud);
    const posts = (await messages(cloud, { channel: 'wecom', to: res.department })).filter((m) => m.data.markdown.content.includes(res.ticketNo));
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const mention = posts.find((p) => p.data.markdown.content.includes(`@${agent.name}`));
    expect(mention?.data).toMatchObject({ msgtype: 'markdown' });
    expect(mention!.data.markdown.content).toContain(`新工单：${res.ticketNo}`);
    const own = await messages(cloud, { channel: 'subscribe', to: agent.openid });
    expect(own.at(-1)).toMatchObject({ template: 'local-tmpl-staff', page: `pages/workbench/index?id=${res.complaintId}` });
    expect(own.at(-1)!.data.character_string1.value).toBe(res.ticketNo);
    expect(consentsLeft(agent.openid, 'staff')).toBe(0);
    expect(outbox(cloud, { _id: forAgent._id })[0]).toMatchObject({ status: 'sent', channel: 'wecom' });
  });

  test('quiet hours hold an L2 staff alert until 08:00 but not an L1 one', async () => {
    await advance(cloud, minutesUntilChina(cloud, 23));
    const now = cloud.clock.now();
    cloud.database.insertMany('outbox', [
      outboxDoc('quiet-l2', { kind: 'staff_nudge', audience: 'staff', to: 'demo-agent-qc', level: 'L2', data: { ticketNo: 'QUIET-L2', event: '顾客催促处理进度' } }, now),
      outboxDoc('quiet-l1', { kind: 'sla_breach', audience: 'department', to: 'qc', level: 'L1', data: { ticketNo: 'QUIET-L1', event: '首次响应已超时' } }, now),
    ]);
    const result = await drain(cloud);
    expect(result.deferred).toBeGreaterThanOrEqual(1);
    const night = await messages(cloud, { channel: 'wecom', to: 'qc' });
    expect(night.filter((m) => m.data.markdown.content.includes('QUIET-L1'))).toHaveLength(1);
    expect(night.filter((m) => m.data.markdown.content.includes('QUIET-L2'))).toHaveLength(0);
    const [held] = outbox(cloud, { _id: 'quiet-l2' });
    expect(held).toMatchObject({ status: 'pending', attempts: 0, deferredAt: expect.any(Date) });
    const china = new Date(held.nextAttemptAt.getTime() + 8 * 3600_000);
    expect([china.getUTCHours(), china.getUTCMinutes()]).toEqual([8, 0]);

    // Morning: the timer that runs after 08:00 sends it.
    await advance(cloud, minutesUntilChina(cloud, 8, 1));
    const morning = (await messages(cloud, { channel: 'wecom', to: 'qc' })).filter((m) => m.data.markdown.content.includes('QUIET-L2'));
    expect(morning).toHaveLength(1);
    expect(morning[0].data.markdown.content).toContain('@赵质检');
    expect(outbox(cloud, { _id: 'quiet-l2' })[0]).toMatchObject({ status: 'sent', attempts: 1 });
    await advance(cloud, minutesUntilChina(cloud, 10));
  });
});

describe('concurrency: claims make every message go once', () => {
  test('three overlapping drains over 200 messages send each exactly once', async () => {
    // Three warm instances, so the drains really run side by side (a cold start would serialise them).
    await Promise.all([drain(cloud), drain(cloud), drain(cloud)]);
    const now = cloud.clock.now();
    const N = 200;
    const docs = Array.from({ length: N }, (_v, i) => outboxDoc(`race-${i}`, { level: 'L1', data: { ticketNo: `RACE-${String(i).padStart(3, '0')}`, event: '并发测试' } }, now));
    cloud.database.insertMany('outbox', docs);
    const before = (await messages(cloud)).length;
    const results = await Promise.all([drain(cloud), drain(cloud), drain(cloud)]);
    const posts = (await messages(cloud)).slice(before).filter((m) => m.channel === 'wecom' && /RACE-\d{3}/.test(m.data.markdown.content));
    const tickets = posts.map((m) => /RACE-\d{3}/.exec(m.data.markdown.content)![0]);
    expect(tickets).toHaveLength(N);
    expect(new Set(tickets).size).toBe(N);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(N);
    // They did overlap: more than one drain sent, and claims lost to another drain were skipped, not sent.
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
    expect(cloud.database.count('outbox', { _id: { $regex: '^race-' }, status: 'sent', attempts: 1 })).toBe(N);
  });

  test('a claim whose lease ran out (its drain died) is taken again; a live one is left alone', async () => {
    const now = cloud.clock.now();
    cloud.database.insertMany('outbox', [
      outboxDoc('lease-expired', { status: 'sending', attempts: 1, level: 'L1', nextAttemptAt: new Date(now.getTime() - 60_000), data: { ticketNo: 'LEASE-OLD' } }, now),
      outboxDoc('lease-live', { status: 'sending', attempts: 1, level: 'L1', nextAttemptAt: new Date(now.getTime() + 60_000), data: { ticketNo: 'LEASE-LIVE' } }, now),
    ]);
    await drain(cloud);
    expect(outbox(cloud, { _id: 'lease-expired' })[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(outbox(cloud, { _id: 'lease-live' })[0]).toMatchObject({ status: 'sending', attempts: 1 });
  });
});

describe('the admin’s outbox', () => {
  test('list filters by ticket, kind and status, newest first, with a cursor', async () => {
    const res = await submit('notify-customer-list', '优惠券用不了，结算时提示无效');
    const mine = data(await cloud.call('notify', 'list', { complaintId: res.complaintId }, { openid: 'demo-admin' }));
    expect(mine.items.map((i) => i.kind)).toContain('receipt');
    expect(mine.items.every((i) => i.complaintId === res.complaintId && i.status === 'pending')).toBe(true);
    const receipts = data(await cloud.call('notify', 'list', { kind: 'receipt', limit: 2 }, { openid: 'demo-admin' }));
    expect(receipts.items).toHaveLength(2);
    expect(receipts.items.every((i) => i.kind === 'receipt')).toBe(true);
    expect(Date.parse(receipts.items[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(receipts.items[1].createdAt));
    const next = data(await cloud.call('notify', 'list', { kind: 'receipt', limit: 2, cursor: receipts.nextCursor }, { openid: 'demo-admin' }));
    expect(next.items.map((i) => i.id)).not.toContain(receipts.items[0].id);
    const sent = data(await cloud.call('notify', 'list', { status: 'sent', limit: 50 }, { openid: 'demo-admin' }));
    expect(sent.items.every((i) => i.status === 'sent' && i.attempts >= 1)).toBe(true);
    expect(await cloud.call('notify', 'list', {}, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('notify', 'drain', {}, { openid: 'demo-customer-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a failing channel: retried with backoff, dead after N attempts, re-queued by an admin', () => {
  let failing: TestCloud;
  beforeAll(async () => {
    failing = await startTestCloud({
      // The customer-service group's robot answers 404: every post to it fails.
      functionEnv: (url) => ({ WECOM_WEBHOOK_CS: `${url}/no-such-robot/cs` }),
    });
    // Three attempts, 1 then 2 minutes apart; no quiet hours, so the time of day does not matter.
    failing.database.insertMany('config', [{ _id: 'notify', value: { retry: { maxAttempts: 3, baseDelaySeconds: 60, factor: 2 }, quietHours: { start: '00:00', end: '00:00' } } }]);
  });
  afterAll(() => failing?.close());

  test('1 min, 2 min, then dead; the admin sees why and re-queues it', async () => {
    const now = failing.clock.now();
    failing.database.insertMany('outbox', [outboxDoc('doomed', { to: 'cs', data: { ticketNo: 'DOOMED-1', event: '协助请求' } }, now), outboxDoc('fine', { to: 'qc', data: { ticketNo: 'FINE-1' } }, now)]);

    let result = await drain(failing);
    expect(result).toMatchObject({ attempted: 2, sent: 1, retried: 1, dead: 0 });
    let [doc] = outbox(failing, { _id: 'doomed' });
    expect(doc).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 404') });
    expect(doc.nextAttemptAt.getTime() - doc.lastAttemptAt!.getTime()).toBe(60_000);

    expect((await drain(failing)).attempted).toBe(0); // not due yet
    await advance(failing, 1); // the timer: second attempt
    [doc] = outbox(failing, { _id: 'doomed' });
    expect(doc).toMatchObject({ status: 'pending', attempts: 2 });
    expect(doc.nextAttemptAt.getTime() - doc.lastAttemptAt!.getTime()).toBe(120_000);
    await advance(failing, 1);
    expect(outbox(failing, { _id: 'doomed' })[0].attempts).toBe(2); // still waiting out the 2 minutes
    await advance(failing, 1); // third and last attempt
    [doc] = outbox(failing, { _id: 'doomed' });
    expect(doc).toMatchObject({ status: 'dead', attempts: 3, deadAt: expect.any(Date) });
    expect(doc.deliveries!.map((d) => [d.attempt, d.channel, d.ok])).toEqual([
      [1, 'wecom', false],
      [2, 'wecom', false],
      [3, 'wecom', false],
    ]);
    await advance(failing, 10);
    expect(outbox(failing, { _id: 'doomed' })[0].attempts).toBe(3); // dead stays dead

    const dead = data(await failing.call('notify', 'list', { status: 'dead' }, { openid: 'demo-admin' }));
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ id: 'doomed', attempts: 3, maxAttempts: 3, lastError: expect.stringContaining('404') });
    expect(await failing.call('notify', 'retry', { id: 'fine' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await failing.call('notify', 'retry', { id: 'no-such-message' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const requeued = data(await failing.call('notify', 'retry', { id: 'doomed' }, { openid: 'demo-admin' }));
    expect(requeued).toMatchObject({ status: 'pending', attempts: 0 });
    expect(requeued.deadAt).toBeUndefined();
    expect((await drain(failing)).attempted).toBe(1);
    expect(outbox(failing, { _id: 'doomed' })[0]).toMatchObject({ status: 'pending', attempts: 1, requeuedBy: 'demo-admin' });
  });

  test('a message with no channel at all is dead at once, with the reason', async () => {
    const now = failing.clock.now();
    failing.database.insertMany('outbox', [outboxDoc('nowhere', { to: 'no-such-department' }, now)]);
    await drain(failing);
    expect(outbox(failing, { _id: 'nowhere' })[0]).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('企业微信机器人未配置') });
  });
});
