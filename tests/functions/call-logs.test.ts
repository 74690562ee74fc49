import { afterAll, beforeAll, expect, test } from 'vitest';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

/** One structured JSON line per call (fn, action, role, ms, outcome, requestId, version) and nothing personal. */
const lines: Array<{ fn: string; line: string }> = [];
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ onFunctionLog: (fn, line) => lines.push({ fn, line }) });
});
afterAll(() => cloud?.close());

const PHONE = '13912345678';
const TEXT = '冻饺子里有一根头发，太恶心了';

function callLines(fn: string, action: string): Array<Record<string, unknown>> {
  return lines
    .filter((l) => l.fn === fn && l.line.startsWith('{'))
    .map((l) => JSON.parse(l.line) as Record<string, unknown>)
    .filter((entry) => entry.action === action && 'outcome' in entry);
}

test('a call logs exactly one line with the call fields and no phone number or text', async () => {
  lines.length = 0;
  const res = data(await cloud.call('complaint', 'submit', { description: TEXT, contactPhone: PHONE }, { openid: 'demo-customer-1', requestId: 'log-test-0001' }));
  expect(res.complaintId).toBeTruthy();
  await new Promise((r) => setTimeout(r, 200)); // log lines arrive through the worker's stdout
  const entries = callLines('complaint', 'submit');
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ fn: 'complaint', action: 'submit', role: 'customer', outcome: 'ok', requestId: 'log-test-0001', level: 'info' });
  expect(typeof entries[0].ms).toBe('number');
  expect(typeof entries[0].version).toBe('string');
  expect(Object.keys(entries[0]).sort()).toEqual(['action', 'fn', 'level', 'ms', 'outcome', 'requestId', 'role', 'version']);
  const everything = lines.map((l) => l.line).join('\n');
  expect(everything).not.toContain(PHONE);
  expect(everything).not.toContain(PHONE.slice(-4) + '"');
  expect(everything).not.toContain('头发');
  expect(everything).not.toContain('demo-customer-1'); // no openids either: the role says enough
});

test('a refused call logs its error code; a timer run logs as the system', async () => {
  lines.length = 0;
  await cloud.call('ticket', 'inbox', {}, { openid: 'demo-customer-1' });
  await cloud.call('complaint', 'get', { complaintId: 'nope' } as never, { openid: 'demo-customer-1' });
  await cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date().toISOString() }, { source: 'wx_trigger' });
  await new Promise((r) => setTimeout(r, 200));
  expect(callLines('ticket', 'inbox')).toEqual([expect.objectContaining({ role: 'customer', outcome: 'FORBIDDEN' })]);
  expect(callLines('complaint', 'get')).toEqual([expect.objectContaining({ outcome: 'NOT_FOUND' })]);
  expect(callLines('sla', 'timer:everyMinute')).toEqual([expect.objectContaining({ role: 'system', outcome: 'ok' })]);
});
