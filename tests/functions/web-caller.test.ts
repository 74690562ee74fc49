import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cloudbaseUserFromEnv, isWebCaller, webCallerId } from '../../shared/auth/web-caller';
import type { Envelope } from '../../shared/api/envelope';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The browser build in production calls through CloudBase's web SDK: no OPENID, the signed-in CloudBase user in
 * TCB_UUID. The local cloud plays such a call with `x-dev-web-uid`; the functions map it to a customer `web:<uid>`.
 */
let cloud: TestCloud;
const rid = requestIds();

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw bridge answers untyped envelopes
async function asWeb(uid: string, fn: string, action: string, input: unknown, requestId = rid()): Promise<Envelope<any>> {
  return (await cloud.raw(fn, { action, input, requestId }, { 'x-dev-web-uid': uid })).body;
}

describe('the identity of a web caller', () => {
  test('from the platform context only; custom login wins over the anonymous uid; nothing else is trusted', () => {
    expect(webCallerId({ uid: 'a1b2c3' })).toBe('web:a1b2c3');
    expect(webCallerId({ uid: 'a1b2c3', customUserId: 'member-0042' })).toBe('web:cu:member-0042');
    expect(webCallerId({})).toBeUndefined();
    expect(webCallerId({ uid: 'bad uid with spaces' })).toBeUndefined();
    expect(cloudbaseUserFromEnv({ TCB_CONTEXT_KEYS: 'TCB_UUID,TCB_SOURCE', TCB_UUID: 'u-1' })).toEqual({ uid: 'u-1' });
    expect(isWebCaller('web:u-1')).toBe(true);
    expect(isWebCaller('oAbCdEf-openid')).toBe(false);
  });

  test('a web user is a customer of its own, sees only its own complaints, and is never staff unless bound', async () => {
    const me = data(await asWeb('anon-uid-1', 'complaint', 'ping', {}));
    expect(me.caller).toEqual({ kind: 'customer', openid: 'web:anon-uid-1' });

    const filed = data(await asWeb('anon-uid-1', 'complaint', 'submit', { description: '网页提交：收到的汤圆全部化开粘在一起了', contactPhone: '13812348000', channel: 'web' }));
    const mine = data(await asWeb('anon-uid-1', 'complaint', 'listMine', {}));
    expect(mine.items.map((i: { complaintId: string }) => i.complaintId)).toContain(filed.complaintId);
    expect(data(await asWeb('anon-uid-2', 'complaint', 'listMine', {})).items).toEqual([]);
    expect(await asWeb('anon-uid-2', 'complaint', 'get', { complaintId: filed.complaintId })).toMatchObject({ ok: false });

    // A staff member's openid in the web uid header is still only a web customer.
    expect(data(await asWeb('demo-admin', 'complaint', 'ping', {})).caller).toEqual({ kind: 'customer', openid: 'web:demo-admin' });
    expect(await asWeb('demo-admin', 'ticket', 'ping', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Binding an invitation from the browser makes that web identity staff, like any WeChat user.
    const invite = data(await cloud.call('admin', 'createInvitation', { name: '网页专员', role: 'agent', department: 'cs', skills: [] }, { openid: 'demo-admin', requestId: rid('inv') }));
    data(await asWeb('anon-uid-3', 'admin', 'bindStaff', { code: invite.code }));
    expect(data(await asWeb('anon-uid-3', 'ticket', 'ping', {})).caller).toMatchObject({ kind: 'agent', openid: 'web:anon-uid-3', department: 'cs' });
  });

  test('a WeChat call after a web call on the same instance carries no web identity', async () => {
    await asWeb('anon-uid-9', 'complaint', 'ping', {});
    expect(await cloud.call('complaint', 'ping', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(data(await cloud.call('complaint', 'ping', {}, { openid: 'demo-customer-2' })).caller).toEqual({ kind: 'customer', openid: 'demo-customer-2' });
  });
});
