import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contract } from '../../shared/api/contract';
import type { ActionDecl } from '../../shared/api/action';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Identity and ownership under attack: another person's ids for every id-taking action, replayed request ids,
 * and identity smuggled in through the payload or headers. Every answer is an envelope error and nothing changes.
 */
let cloud: TestCloud;
let theirs: string;
let department: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  theirs = data(await cloud.call('complaint', 'submit', { description: '冻水饺里吃出了塑料片，孩子差点咽下去', contactPhone: '13911112222' }, { openid: 'demo-customer-2', requestId: 'sec-submit-0001' })).complaintId;
  department = String(cloud.database.find('complaints', { _id: theirs })[0].department);
});
afterAll(() => cloud?.close());

const ROOT = path.resolve(__dirname, '..', '..');
const everything = () => ['complaints', 'events', 'compensations', 'tasks', 'outbox', 'surveys', 'compensationClaims'].map((c) => JSON.stringify(cloud.database.find(c))).join('\n');
const version = () => Number(cloud.database.find('complaints', { _id: theirs })[0].version);

/** Valid input for every action that takes a complaint id — so the only thing wrong is whose ticket it is. */
const CUSTOMER_INPUTS: Record<string, (id: string) => object> = {
  get: (id) => ({ complaintId: id }),
  respond: (id) => ({ complaintId: id, accept: true }),
  rate: (id) => ({ complaintId: id, stars: 5 }),
  nudge: (id) => ({ complaintId: id }),
  mediaUrls: (id) => ({ complaintId: id }),
  confirmSampleShipped: (id) => ({ complaintId: id, courier: '顺丰', trackingNo: 'SF1234567890' }),
};
const STAFF_INPUTS: Record<string, (id: string) => object> = {
  get: (id) => ({ complaintId: id }),
  revealPhone: (id) => ({ complaintId: id }),
  claim: (id) => ({ complaintId: id, version: version() }),
  assign: (id) => ({ complaintId: id, assigneeOpenid: 'demo-agent-cs', version: version() }),
  requestAssist: (id) => ({ complaintId: id, department: 'cs', note: '请协助联系顾客' }),
  note: (id) => ({ complaintId: id, text: '内部备注' }),
  reply: (id) => ({ complaintId: id, text: '您好，我们正在处理' }),
  transition: (id) => ({ complaintId: id, to: 'investigating', version: version() }),
  proposeSolution: (id) => ({ complaintId: id, version: version(), text: '为您全额退款并补发一袋，请查收' }),
  approve: (id) => ({ complaintId: id, version: version(), approve: true }),
  reclassify: (id) => ({ complaintId: id, version: version(), category: 'quality', subcategory: 'foreign_object', foodSafety: true, note: '改分类' }),
  suggestCompensation: (id) => ({ complaintId: id }),
  similarCases: (id) => ({ complaintId: id }),
  mediaUrls: (id) => ({ complaintId: id }),
  coldChain: (id) => ({ complaintId: id }),
  requestSample: (id) => ({ complaintId: id, version: version() }),
  cancelSample: (id) => ({ complaintId: id, version: version(), reason: '顾客不方便寄回' }),
  recordSampleReceipt: (id) => ({ complaintId: id, version: version() }),
  recordSampleResult: (id) => ({ complaintId: id, version: version(), conforms: true, conclusion: '样品符合产品标准', photoFileIds: ['cloud://local-env.local/lab/1.jpg'] }),
  archiveCase: (id) => ({ complaintId: id, version: version(), note: '处理及时，值得借鉴' }),
  unarchiveCase: (id) => ({ complaintId: id, version: version() }),
};

const takesComplaintId = (decl: ActionDecl) => 'complaintId' in ((decl.input as { _zod?: { def?: { shape?: object } } })._zod?.def?.shape ?? {});

test('every id-taking action is covered below', () => {
  const customer = Object.entries(contract.complaint as Record<string, ActionDecl>).filter(([, d]) => takesComplaintId(d)).map(([a]) => a);
  const staff = Object.entries(contract.ticket as Record<string, ActionDecl>).filter(([, d]) => takesComplaintId(d)).map(([a]) => a);
  expect(customer.sort()).toEqual(Object.keys(CUSTOMER_INPUTS).sort());
  expect(staff.sort()).toEqual(Object.keys(STAFF_INPUTS).sort());
});

test('a customer with another customer’s complaint id gets NOT_FOUND or FORBIDDEN, never data', async () => {
  for (const [action, input] of Object.entries(CUSTOMER_INPUTS)) {
    const before = everything();
    const res = await cloud.raw('complaint', { action, input: input(theirs), requestId: `sec-cust-${action}` }, { 'x-dev-openid': 'demo-customer-1' });
    expect(res.body.ok, action).toBe(false);
    expect(['NOT_FOUND', 'FORBIDDEN'], `${action}: ${JSON.stringify(res.body.error)}`).toContain(res.body.error.code);
    expect(JSON.stringify(res.body)).not.toContain('13911112222');
    expect(everything(), action).toBe(before);
  }
});

test('staff of another department get FORBIDDEN for every ticket action', async () => {
  const outsider = ['qc', 'logistics', 'cs'].find((d) => d !== department)!;
  for (const [action, input] of Object.entries(STAFF_INPUTS)) {
    const before = everything();
    const caller = action === 'approve' ? (outsider === 'cs' ? 'demo-head-logistics' : `demo-head-${outsider}`) : `demo-agent-${outsider}`;
    const res = await cloud.raw('ticket', { action, input: input(theirs), requestId: `sec-staff-${action}` }, { 'x-dev-openid': caller });
    expect(res.body.ok, action).toBe(false);
    expect(['NOT_FOUND', 'FORBIDDEN'], `${action}: ${JSON.stringify(res.body.error)}`).toContain(res.body.error.code);
    expect(everything(), action).toBe(before);
  }
});

test('a replayed request id answers the first result without a second write', async () => {
  const submit = () => cloud.call('complaint', 'submit', { description: '冻水饺里吃出了塑料片，孩子差点咽下去', contactPhone: '13911112222' }, { openid: 'demo-customer-2', requestId: 'sec-submit-0001' });
  const before = everything();
  expect(data(await submit()).complaintId).toBe(theirs);
  expect(everything()).toBe(before);
  const note = () => cloud.call('ticket', 'note', { complaintId: theirs, text: '只记一次' }, { openid: 'demo-manager', requestId: 'sec-note-0001' });
  const first = data(await note());
  const afterFirst = everything();
  expect(data(await note())).toEqual(first);
  expect(everything()).toBe(afterFirst);
  expect(cloud.database.count('events', { complaintId: theirs, note: '只记一次' })).toBe(1);
});

test('identity never comes from the payload: forged userInfo and openid fields are ignored or refused', async () => {
  const forged = await cloud.raw('complaint', { action: 'listMine', input: {}, userInfo: { appId: 'wx', openId: 'demo-customer-2' } });
  expect(forged.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  const inInput = await cloud.raw('complaint', { action: 'get', input: { complaintId: theirs, openid: 'demo-customer-2' } }, { 'x-dev-openid': 'demo-customer-1' });
  expect(inInput.body.ok).toBe(false);
  const extraKey = await cloud.raw('admin', { action: 'listStaff', input: {}, 'x-dev-openid': 'demo-admin', OPENID: 'demo-admin' });
  expect(extraKey.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('staff cannot file a customer complaint as themselves: refused by the intake read itself, before anything is written', async () => {
  for (const openid of ['demo-agent-qc', 'demo-head-logistics', 'demo-admin']) {
    const before = cloud.database.count('complaints', {});
    const res = await cloud.call('complaint', 'submit', { description: '员工自己提交的投诉，水饺发霉了', contactPhone: '13911110000' }, { openid, requestId: `staff-submit-${openid}` });
    expect(res, openid).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(cloud.database.count('complaints', {})).toBe(before);
    expect(cloud.database.count('events', { actorOpenid: openid, action: 'submit' })).toBe(0);
  }
  // A customer's submit reads the caller's staff record with the intake query: context, counter (when this instance has no
  // reserved ticket numbers left), complaint, events, outbox.
  const calls = await cloud.dbCalls(() => cloud.call('complaint', 'submit', { description: '速冻汤圆收到时已经化了', contactPhone: '13911110001' }, { openid: 'demo-customer-3', requestId: 'sec-submit-count' }));
  expect(calls).toBeLessThanOrEqual(5);
});

test('a function invoked through the gateway (invokeFunction) with forged identity is not that person', async () => {
  const invoke = async (fn: string, event: object) => {
    const res = await fetch(`${cloud.url}/admin?env=local-env`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-openid': 'demo-admin' },
      body: JSON.stringify({ action: 'functions.invokeFunction', function_name: fn, request_data: JSON.stringify(event) }),
    });
    const body = (await res.json()) as { data?: { response_data: string } };
    return JSON.parse(body.data!.response_data) as { ok: boolean; error?: { code: string }; data?: unknown };
  };
  const staff = await invoke('admin', { action: 'listStaff', input: {}, userInfo: { appId: 'wx', openId: 'demo-admin' } });
  expect(staff.ok).toBe(false);
  expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(staff.error!.code);
  const mine = await invoke('complaint', { action: 'get', input: { complaintId: theirs }, userInfo: { appId: 'wx', openId: 'demo-customer-2' } });
  expect(mine.ok).toBe(false);
  expect(JSON.stringify(mine)).not.toContain('塑料片');
});

test('function code reads identity only from getWXContext(), never from headers or the event', () => {
  const grep = (pattern: string) => {
    try {
      return execFileSync('git', ['grep', '-n', '-E', pattern, '--', 'cloudfunctions'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    } catch {
      return []; // git grep exits 1 when nothing matches
    }
  };
  expect(grep('x-dev-openid')).toEqual([]);
  // Headers are read only by the HTTP-triggered logistics function, for its HMAC signature — never for identity.
  expect(grep('headers\\[').every((line) => line.startsWith('cloudfunctions/logistics/'))).toBe(true);
  // `userInfo` is named only where the envelope parser lists it as a key WeChat adds (and then ignores it).
  expect(grep('userInfo').every((line) => line.startsWith('cloudfunctions/_server/define-function.ts:'))).toBe(true);
  expect(grep('WX_OPENID|OPENID').every((line) => line.startsWith('cloudfunctions/_server/caller.ts:'))).toBe(true);
});
