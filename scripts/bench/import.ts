import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../localcloud';
import { emit, percentile, round } from './stats';

/**
 * The logistics import's figures: temperature readings written per second by `admin.importLogistics` from a large
 * CSV passed by fileID (a first import, then the same file again — the idempotent path that only compares), and
 * by signed pushes through the HTTP access route (`POST /http/logistics/push`), a few at a time as a logistics
 * system would send them. An in-process local cloud, because the bench must sign with its push secret.
 */
const ORDERS = 50;
const READINGS_PER_SHIPMENT = 400;
const PUSHES = 200;
const READINGS_PER_PUSH = 50;
const PUSH_PARALLEL = 4;

async function call<T = any>(url: string, action: string, input: unknown, requestId: string): Promise<T> {
  const res = await fetch(`${url}/fn/admin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': 'demo-admin' }, body: JSON.stringify({ action, input, requestId }) });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!body.ok) throw new Error(`admin.${action}: ${JSON.stringify(body.error)}`);
  return body.data as T;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function benchImport(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-import-'));
  const cloud = await startLocalCloud({ dataDir, port: 0, h5Dir: false, scheduler: false, maxInstances: 4 });
  try {
    const base = cloud.clock.now().getTime() - 3 * 24 * 3_600_000;
    const orderNos = Array.from({ length: ORDERS }, (_v, i) => `SO-BENCH-${String(i).padStart(4, '0')}`);
    await call(cloud.url, 'importLogistics', { format: 'json', kind: 'orders', content: JSON.stringify(orderNos.map((orderNo) => ({ orderNo, customerOpenid: 'demo-customer-1', paidAt: iso(base), promisedBy: iso(base + 86_400_000), totalFen: 5000, city: '成都', region: '川西片区' }))) }, 'bench-orders-1');
    await call(cloud.url, 'importLogistics', { format: 'json', kind: 'shipments', content: JSON.stringify(orderNos.map((orderNo, i) => ({ orderNo, carrier: '顺丰冷运', trackingNo: `SFB${i}`, dispatchedAt: iso(base) }))) }, 'bench-ships-1');

    // One large CSV: READINGS_PER_SHIPMENT readings, 1 minute apart, for every shipment.
    const lines = ['orderNo,readingId,at,celsius'];
    for (const orderNo of orderNos) for (let k = 0; k < READINGS_PER_SHIPMENT; k++) lines.push(`${orderNo},${orderNo}-${k},${iso(base + k * 60_000)},${(-18 + Math.sin(k / 20) * 2).toFixed(1)}`);
    const csv = lines.join('\n');
    const fileId = cloud.storage.putFile('logistics-import/bench/readings-large.csv', Buffer.from(csv));
    const total = ORDERS * READINGS_PER_SHIPMENT;
    for (const [label, requestId] of [['first', 'bench-csv-1'], ['again', 'bench-csv-2']] as const) {
      const started = performance.now();
      const result = await call<{ report: { readings: { added: number; unchanged: number } } }>(cloud.url, 'importLogistics', { format: 'csv', kind: 'readings', fileId }, requestId);
      const seconds = (performance.now() - started) / 1000;
      emit({ bench: 'import', case: `csv-file-${label}`, readings: total, bytes: csv.length, added: result.report.readings.added, unchanged: result.report.readings.unchanged, seconds: round(seconds), readingsPerSecond: Math.round(total / seconds) });
    }

    // Signed pushes of READINGS_PER_PUSH readings each, PUSH_PARALLEL at a time, spread over the shipments.
    const bodies = Array.from({ length: PUSHES }, (_v, p) => {
      const orderNo = orderNos[p % ORDERS];
      const readings = Array.from({ length: READINGS_PER_PUSH }, (_w, k) => {
        const n = READINGS_PER_SHIPMENT + Math.floor(p / ORDERS) * READINGS_PER_PUSH + k;
        return { orderNo, readingId: `${orderNo}-${n}`, at: iso(base + n * 60_000), celsius: -17.5 };
      });
      return JSON.stringify({ readings });
    });
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: PUSH_PARALLEL }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const timestamp = String(Math.floor(cloud.clock.now().getTime() / 1000));
          const signature = createHmac('sha256', cloud.logisticsPushSecret).update(`${timestamp}.${body}`).digest('hex');
          const t0 = performance.now();
          const res = await fetch(`${cloud.url}/http/logistics/push`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-logistics-timestamp': timestamp, 'x-logistics-signature': `sha256=${signature}` }, body });
          if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    emit({ bench: 'import', case: 'http-push', pushes: PUSHES, readingsPerPush: READINGS_PER_PUSH, parallel: PUSH_PARALLEL, seconds: round(seconds), readingsPerSecond: Math.round((PUSHES * READINGS_PER_PUSH) / seconds), p50ms: round(percentile(latencies, 50)), p95ms: round(percentile(latencies, 95)) });
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
