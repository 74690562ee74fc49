import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contract, FUNCTION_NAMES, type FunctionName } from '../../shared/api/contract';
import { COLLECTION_NAMES } from '../../shared/db/collections';
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

/**
 * Inputs that need raw JSON text (a `__proto__` key survives only there; `1e999` parses to Infinity) or are large:
 * the `input` part of the event as text.
 */
const nest = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const HOSTILE_RAW: Array<[string, string]> = [
  ['an oversized payload (900 KB description)', JSON.stringify({ description: '腊'.repeat(300_000), text: 'x', complaintId: 'x' })],
  ['deep nesting', `{"complaintId":${nest(3000)},"description":${nest(3000)}}`],
  ['prototype-pollution keys', '{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"polluted":1}},"complaintId":"x"}'],
  ['numbers as strings', '{"version":"1","limit":"10","stars":"5","nps":"9","expiresInDays":"7","order":"1","complaintId":"1"}'],
  ['NaN and Infinity', '{"version":1e999,"limit":-1e999,"stars":1e999,"nps":-0,"order":1e999,"expiresInDays":1e999}'],
  ['unicode keys and bidi text', String.raw`{"\u202ecomplaintId":"x","description":"\u200b\u200b\u202e\ufeff","text":"\udfff\ud800","name":"\u0000"}`],
];

/** Every stored document, to show a refused call changed nothing at all. */
function snapshot(): string {
  return COLLECTION_NAMES.map((name) => `${name}:${JSON.stringify(cloud.database.find(name))}`).join('\n');
}

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

describe.each(actions)('%s.%s (raw)', (fn, action, decl) => {
  test.each(HOSTILE_RAW)('%s', async (_label, inputText) => {
    const before = snapshot();
    const res = await cloud.raw(fn, `{"action":${JSON.stringify(action)},"input":${inputText},"requestId":"hostile-0002"}`, { 'x-dev-openid': callerFor(decl) });
    expect(res.status).toBe(200);
    if (res.body.ok) {
      expect(['ping', 'me', 'status', 'listMine', 'inbox', 'listQrCodes', 'overview', 'track', 'suggestFaq']).toContain(action);
    } else {
      expect(res.body.error.code).not.toBe('INTERNAL');
      expect(typeof res.body.error.message).toBe('string');
      expect(snapshot()).toBe(before);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

test('a body over the bridge limit (1.5 MB) is an envelope error, not a crash', async () => {
  const res = await cloud.raw('complaint', { action: 'submit', input: { description: 'x'.repeat(1_500_000) }, requestId: 'hostile-0003' }, { 'x-dev-openid': 'demo-customer-1' });
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const after = await cloud.call('complaint', 'ping', {}, { openid: 'demo-customer-1' });
  expect(after.ok).toBe(true);
});

test('another customer’s complaint id, a replayed request id, a forged identity header is only the local cloud’s', async () => {
  const res = await cloud.raw('complaint', { action: 'get', input: { complaintId: 'does-not-exist' } }, { 'x-dev-openid': 'demo-customer-2' });
  expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const anonymous = await cloud.raw('ticket', { action: 'inbox', input: {} });
  expect(anonymous.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
