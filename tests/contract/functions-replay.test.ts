import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestCloud, type TestCloud } from '../helpers/localcloud';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'cloudbase-protocol');

interface Captured {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

const captured: Captured[] = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').trim().split('\n'))
  .map((line) => JSON.parse(line) as Captured);

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

test('the captured fixtures cover every protocol family the SDK speaks', () => {
  const actions = new Set(captured.map((c) => String(c.body?.action ?? `${c.method} ${c.url.split('/')[1]}`)));
  for (const action of ['database.getDocument', 'database.startTransaction', 'functions.invokeFunction', 'wx.openApi', 'storage.getUploadMetadata', 'storage.batchGetDownloadUrl']) {
    expect(actions, action).toContain(action);
  }
});

test('functions.invokeFunction, as captured, runs the named function and answers response_data as JSON text', async () => {
  const call = captured.find((c) => c.body.action === 'functions.invokeFunction')!;
  const res = await fetch(`${cloud.url}${call.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.body) });
  const body = (await res.json()) as { requestId: string; data: { response_data: string }; code?: string };
  expect(body.code).toBeUndefined();
  expect(body.requestId).toMatch(/^[0-9a-f]{32}$/);
  // The captured event ({ id, when }) is not an action call: the function answers INVALID_INPUT, not a crash.
  expect(JSON.parse(body.data.response_data)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test("a function calling another through the SDK: the callee runs without a user, as a 'system' caller", async () => {
  const res = await fetch(`${cloud.url}/admin?env=local-env&seqId=t1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'complaint', request_data: JSON.stringify({ action: 'ping', input: {} }) }),
  });
  const body = (await res.json()) as { data: { response_data: string } };
  // No person behind the call: customer actions refuse it rather than act for nobody.
  expect(JSON.parse(body.data.response_data)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('an unknown function name is a CloudBase error, not a hang', async () => {
  const res = await fetch(`${cloud.url}/admin?env=local-env&seqId=t2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'nope', request_data: '{}' }),
  });
  expect(await res.json()).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
});
