import { emit, percentile, round } from './stats';

type Sdk = typeof import('wx-server-sdk');

/**
 * The notification issue's figure: outbox drain throughput (messages delivered per second) through `notify.drain`
 * with the real channels of the local cloud — subscribe messages (open API), SMS (Tencent Cloud SDK → local
 * endpoint) and WeCom posts — over a realistic mix: receipts of filed complaints (half the customers consented,
 * so half go as subscribe messages and half as SMS), the staff alerts intake queued, and group alerts.
 * Then the same with three drains at once (the claims keep them from sending anything twice), and what an
 * on-demand drain of an empty outbox costs (what another function would pay to trigger one).
 */
interface Envelope<T = any> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

async function call<T = any>(url: string, fn: string, action: string, input: unknown, openid: string, requestId?: string): Promise<T> {
  const res = await fetch(`${url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action, input, ...(requestId ? { requestId } : {}) }),
  });
  const body = (await res.json()) as Envelope<T>;
  if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`);
  return body.data as T;
}

interface Drained {
  attempted: number;
  sent: number;
  more: boolean;
}

/** Drain until nothing is due; messages sent and seconds taken, with `parallel` drains at a time. */
async function drainAll(url: string, parallel: number): Promise<{ sent: number; seconds: number }> {
  const started = performance.now();
  let sent = 0;
  for (;;) {
    const results = await Promise.all(Array.from({ length: parallel }, () => call<Drained>(url, 'notify', 'drain', {}, 'demo-admin')));
    sent += results.reduce((n, r) => n + r.sent, 0);
    if (results.every((r) => r.attempted === 0 && !r.more)) break;
  }
  return { sent, seconds: (performance.now() - started) / 1000 };
}

async function addAlerts(sdk: Sdk, run: string, count: number): Promise<void> {
  const outbox = sdk.database().collection('outbox');
  const now = new Date();
  for (let i = 0; i < count; i += 100) {
    const docs = Array.from({ length: Math.min(100, count - i) }, (_v, k) => {
      const id = `${run}-alert-${i + k}`;
      const departments = ['qc', 'logistics', 'cs'];
      return { _id: id, dedupeKey: id, kind: 'sla_breach', audience: 'department', to: departments[(i + k) % 3], level: 'L1', data: { ticketNo: `BENCH-${i + k}`, event: '首次响应已超时', issue: '变质/发霉/不新鲜' }, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
    });
    await outbox.add({ data: docs });
  }
}

export async function benchNotify(url: string, sdk: Sdk, complaints = 100, alerts = 1000): Promise<void> {
  const run = `nt${Date.now().toString(36)}`;
  // No quiet hours for the measurement: at night staff alerts would wait for the morning instead of going.
  await sdk.database().collection('config').doc('notify').set({ data: { value: { quietHours: { start: '00:00', end: '00:00' } } } });

  const customers = Array.from({ length: complaints }, (_v, i) => `${run}-customer-${i}`);
  await Promise.all(customers.filter((_c, i) => i % 2 === 0).map((o, i) => call(url, 'complaint', 'recordConsent', { results: { receipt: 'accept' } }, o, `${run}-consent-${i}`)));
  for (let i = 0; i < customers.length; i += 10) {
    await Promise.all(customers.slice(i, i + 10).map((o, k) => call(url, 'complaint', 'submit', { description: '配送太慢了，等了三个多小时才送到，冻品都化了', contactPhone: '13800000000' }, o, `${run}-submit-${i + k}`)));
  }
  await addAlerts(sdk, run, alerts);
  // Warm three instances (cold starts are the bundles section's figure).
  await Promise.all(Array.from({ length: 3 }, () => call(url, 'notify', 'ping', {}, 'demo-admin')));

  const before = (await (await fetch(`${url}/__local/messages`)).json()) as Array<{ channel: string }>;
  const single = await drainAll(url, 1);
  const after = (await (await fetch(`${url}/__local/messages`)).json()) as Array<{ channel: string }>;
  const byChannel: Record<string, number> = {};
  for (const m of after.slice(before.length)) byChannel[m.channel] = (byChannel[m.channel] ?? 0) + 1;

  await addAlerts(sdk, `${run}-p`, alerts);
  const parallel = await drainAll(url, 3);

  const empty: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await call(url, 'notify', 'drain', {}, 'demo-admin');
    empty.push(performance.now() - t);
  }

  emit({
    bench: 'notify',
    messages: single.sent,
    by_channel: byChannel,
    seconds: round(single.seconds),
    messages_per_s: round(single.sent / single.seconds, 1),
    parallel_drains: 3,
    parallel_messages: parallel.sent,
    parallel_messages_per_s: round(parallel.sent / parallel.seconds, 1),
    empty_drain_ms_p50: round(percentile(empty, 50), 1),
    empty_drain_ms_p95: round(percentile(empty, 95), 1),
  });
}
