import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contract, FUNCTION_NAMES, type FunctionName } from '../../shared/api/contract';
import type { ActionDecl } from '../../shared/api/action';
import { startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Every action of every function against inputs a hostile or broken client could send: each answer is a handled
 * envelope error (never INTERNAL, never a crash), and nothing is written.
 */
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

/** Someone allowed to call the action, so the input itself is what gets judged. */
function callerFor(decl: ActionDecl): string {
  if (decl.roles.includes('customer')) return 'demo-customer-1';
  if (decl.roles.includes('agent')) return 'demo-agent-qc';
  if (decl.roles.includes('head')) return 'demo-head-qc';
  return 'demo-admin';
}

const HOSTILE: Array<[string, unknown]> = [
  ['a string', 'hello'],
  ['an array', [1, 2]],
  ['an operator object', { $ne: null }],
  ['operator values in every usual field', { complaintId: { $ne: null }, scene: { $gt: '' }, description: { $regex: '.*' }, text: ['x'], version: '1', to: { $in: ['closed'] } }],
  ['an unknown field', { __proto__: { admin: true }, constructor: 'x', evil: 1 }],
  ['unicode edge cases', { complaintId: '\u0000\u202e../../etc', text: '\ud800', description: '😀'.repeat(600) }],
];

const actions = FUNCTION_NAMES.flatMap((fn) => Object.entries(contract[fn] as Record<string, ActionDecl>).map(([action, decl]) => [fn, action, decl] as [FunctionName, string, ActionDecl]));

describe.each(actions)('%s.%s', (fn, action, decl) => {
  test.each(HOSTILE)('%s', async (_label, input) => {
    const before = cloud.database.count('complaints') + cloud.database.count('events') + cloud.database.count('compensations');
    const res = await cloud.raw(fn, { action, input, requestId: 'hostile-0001' }, { 'x-dev-openid': callerFor(decl) });
    expect(res.status).toBe(200);
    if (res.body.ok) {
      // Only actions whose every field is optional may accept junk — and then they must have ignored it.
      expect(['ping', 'me', 'status', 'listMine', 'inbox', 'listQrCodes', 'overview', 'track', 'suggestFaq']).toContain(action);
    } else {
      expect(res.body.error.code).not.toBe('INTERNAL');
      expect(typeof res.body.error.message).toBe('string');
    }
    const after = cloud.database.count('complaints') + cloud.database.count('events') + cloud.database.count('compensations');
    expect(after).toBe(before);
  });
});

test('another customer’s complaint id, a replayed request id, a forged identity header is only the local cloud’s', async () => {
  const res = await cloud.raw('complaint', { action: 'get', input: { complaintId: 'does-not-exist' } }, { 'x-dev-openid': 'demo-customer-2' });
  expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const anonymous = await cloud.raw('ticket', { action: 'inbox', input: {} });
  expect(anonymous.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
