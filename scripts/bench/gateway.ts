import { emit, percentile, round } from './stats';

type Sdk = typeof import('wx-server-sdk');

async function timed(n: number, op: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

const report = (op: string, samples: number[], extra: Record<string, unknown> = {}) =>
  emit({ bench: 'gateway_latency', op, n: samples.length, p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), ...extra });

/** Latency of the three calls every action makes, through the real SDK over HTTP to the gateway. */
export async function benchGateway(cloud: Sdk, n = 500): Promise<void> {
  const db = cloud.database();
  const complaints = db.collection('complaints');
  const customers = 200;
  const ids: string[] = [];
  const base = Date.now();
  const doc = (i: number) => ({
    ticketNo: `KSBENCH-${i}`,
    requestId: `bench-${i}`,
    customerOpenid: `bench-customer-${i % customers}`,
    channel: 'miniprogram',
    status: 'submitted',
    level: 'L3',
    category: 'quality',
    subcategory: 'taste',
    department: 'qc',
    createdAt: new Date(base + i),
    updatedAt: db.serverDate(),
  });
  await timed(50, (i) => complaints.add({ data: doc(1_000_000 + i) })); // warm-up
  const inserts = await timed(n, async (i) => ids.push(((await complaints.add({ data: doc(i) })) as { _id: string })._id));
  report('insert', inserts);
  const queries = await timed(n, (i) => complaints.where({ customerOpenid: `bench-customer-${i % customers}` }).orderBy('createdAt', 'desc').limit(20).get());
  report('indexed_query', queries, { collection_docs: n + 50, query: 'customerOpenid = ? order by createdAt desc limit 20' });
  const updates = await timed(n, (i) => complaints.doc(ids[i]).update({ data: { status: 'assigned', updatedAt: db.serverDate() } }));
  report('update', updates);
}
