import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionName, FunctionName, InputOf, OutputOf } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../localcloud';

export interface TestCloud extends LocalCloud {
  /** Call a function through the `/fn` bridge as `openid` (omit for an anonymous call). */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: InputOf<F, A>,
    opts?: { openid?: string; requestId?: string },
  ): Promise<Envelope<OutputOf<F, A>>>;
  /** POST any body to `/fn/<name>` and get the HTTP status and JSON back — for hostile-input tests. */
  raw(fn: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Database round trips (gateway `database.*` requests) made while `run` runs: nothing else may call meanwhile. */
  dbCalls(run: () => Promise<unknown>): Promise<number>;
}

/** A whole local cloud on a random port with a fresh data folder (removed on close). */
export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-test-'));
  const cloud = await startLocalCloud({ port: 0, h5Dir: false, scheduler: false, ...options, dataDir });
  const closeCloud = cloud.close;
  const raw: TestCloud['raw'] = async (fn, body, headers = {}) => {
    const res = await fetch(`${cloud.url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return Object.assign(cloud, {
    raw,
    async call(fn: string, action: string, input: unknown, opts: { openid?: string; requestId?: string } = {}) {
      const { body } = await raw(fn, { action, input, ...(opts.requestId ? { requestId: opts.requestId } : {}) }, opts.openid ? { 'x-dev-openid': opts.openid } : {});
      return body;
    },
    async dbCalls(run: () => Promise<unknown>) {
      await fetch(`${cloud.url}/__local/stats/reset`, { method: 'POST' });
      await run();
      const stats = (await (await fetch(`${cloud.url}/__local/stats`)).json()) as { gateway: Record<string, number> };
      return Object.entries(stats.gateway).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
    },
    async close() {
      await closeCloud();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  }) as TestCloud;
}

/** Unwrap an envelope that must be ok, with the error in the failure message when it is not. */
export function data<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

/**
 * The demo 川味腊肠 batch made 21 days before the seed ran (`LC-20261101` when seeded on 2026-11-22): batch ids follow
 * the production date, so tests look it up instead of naming a day.
 */
export function demoSausageBatch(cloud: LocalCloud): { _id: string; batchNo: string; productionDate: string; scene: string } {
  const target = cloud.clock.nowMs() - 21 * 86_400_000;
  const batches = cloud.database.find('batches', { productId: 'sausage-classic' }) as Array<{ _id: string; batchNo: string; productionDate: string; scene: string }>;
  const distance = (b: { productionDate: string }) => Math.abs(Date.parse(`${b.productionDate}T00:00:00+08:00`) - target);
  const batch = batches.sort((a, b) => distance(a) - distance(b))[0];
  if (!batch) throw new Error('the demo data has no 川味腊肠 batch');
  return batch;
}

/** A generator of distinct request ids (`requestId` must be 8+ characters) for calls a test makes. */
export function requestIds(): (tag?: string) => string {
  let seq = 0;
  return (tag = 'r') => `${tag}-${Date.now().toString(36)}-${(seq++).toString(36)}`.padEnd(8, '0');
}
