import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Clock } from '../../localcloud/clock';
import { FunctionRunner } from '../../localcloud/runner/function-runner';
import { Scheduler } from '../../localcloud/scheduler/scheduler';

const functionsDir = path.join(__dirname, '..', 'fixtures', 'functions');
const clock = new Clock();
let runner: FunctionRunner;

beforeAll(() => {
  // No gateway is needed: the fixtures never reach the database.
  runner = new FunctionRunner({ functionsDir, gatewayUrl: 'http://127.0.0.1:9', envId: 'test-env', appId: 'wx-test', clock, maxInstances: 3 });
});
afterAll(() => runner.close());

describe('function runner', () => {
  test('each invocation sees its own caller, even when instances run concurrently', async () => {
    const openids = Array.from({ length: 12 }, (_, i) => `user-${i}`);
    const results = await Promise.all(openids.map((openid, i) => runner.invoke('echo', { delayMs: (i * 7) % 40, echo: i }, { openid, source: 'wx_client' })));
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      expect(r.result).toMatchObject({ openid: openids[i], source: 'wx_client', env: 'test-env', echo: i });
    });
    // At most 3 instances were started for 12 calls: instances are reused.
    expect(results.filter((r) => r.coldStart).length).toBeLessThanOrEqual(3);
  });

  test('a call without a user carries no OPENID (timers, other functions)', async () => {
    const r = await runner.invoke('echo', {}, { source: 'wx_trigger' });
    expect(r.result).toMatchObject({ openid: null, source: 'wx_trigger' });
  });

  test("functions see the local cloud's clock, also after it moves", async () => {
    clock.advance(3 * 86_400_000);
    const r = await runner.invoke('echo', {}, { openid: 'u', source: 'wx_client' });
    const seen = (r.result as { now: number; isDate: boolean }).now;
    expect(Math.abs(seen - clock.nowMs())).toBeLessThan(2000);
    expect((r.result as { isDate: boolean }).isDate).toBe(true);
  });

  test('an invocation past its config.json timeout is killed and the next one gets a fresh instance', async () => {
    const slow = await runner.invoke('slow', { ms: 5000 }, { openid: 'u', source: 'wx_client' });
    expect(slow.ok).toBe(false);
    expect(slow.error).toMatchObject({ errCode: -504003 });
    expect(slow.ms).toBeLessThan(3000);
    const quick = await runner.invoke('slow', { ms: 10 }, { openid: 'u', source: 'wx_client' });
    expect(quick).toMatchObject({ ok: true, result: { done: true }, coldStart: true });
  });

  test('a function that throws answers like a failed cloud invocation', async () => {
    const r = await runner.invoke('boom', {}, { openid: 'u', source: 'wx_client' });
    expect(r.ok).toBe(false);
    expect(r.error?.errCode).toBe(-504002);
    expect(r.error?.errMsg).toContain('kaboom');
  });

  test('an unknown function is reported, not hung', async () => {
    const r = await runner.invoke('nope', {}, { source: 'wx_client' });
    expect(r.ok).toBe(false);
    expect(r.error?.errMsg).toContain('nope');
  });
});

describe('scheduler', () => {
  test('reads timer triggers from config.json', () => {
    const scheduler = new Scheduler(runner, clock);
    expect(scheduler.timers).toEqual([{ fn: 'tick', trigger: 'everyMinute', cron: '0 * * * * * *' }]);
  });

  test('a clock jump runs a due timer once, standing for every firing it skipped', async () => {
    const scheduler = new Scheduler(runner, clock);
    const runs = await scheduler.advance(10 * 60_000);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ fn: 'tick', trigger: 'everyMinute', ok: true });
    expect(runs[0].coalesced).toBeGreaterThanOrEqual(9);
    expect(runs[0].coalesced).toBeLessThanOrEqual(10);
    expect(runs[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  });

  test('with a step, due timers run at each step', async () => {
    const scheduler = new Scheduler(runner, clock);
    const runs = await scheduler.advance(5 * 60_000, 60_000);
    expect(runs).toHaveLength(5);
    expect(new Set(runs.map((r) => r.at)).size).toBe(5);
    expect(runs.every((r) => r.coalesced === 1)).toBe(true);
  });

  test('nothing due, nothing run', async () => {
    const scheduler = new Scheduler(runner, clock);
    expect(await scheduler.runDue()).toEqual([]);
  });
});
