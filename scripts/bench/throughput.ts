import { emit, percentile, round } from './stats';

type Sdk = typeof import('wx-server-sdk');

async function track(url: string, openid: string, requestId: string): Promise<boolean | undefined> {
  const res = await fetch(`${url}/fn/complaint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action: 'track', input: { event: 'app_open' }, requestId }),
  });
  const body = (await res.json()) as { ok: boolean; data?: { recorded: boolean } };
  return body.ok ? body.data?.recorded : undefined;
}

/**
 * Acknowledged writes per second through `/fn` (bridge → function instance → SDK → gateway → SQLite) with
 * `clients` concurrent clients, then a check that the stored count equals the acknowledged count and that
 * retrying acknowledged requests stores nothing more.
 */
export async function benchThroughput(url: string, cloud: Sdk, clients = 8, perClient = 400): Promise<void> {
  const run = `tp${Date.now().toString(36)}`;
  const openids = Array.from({ length: clients }, (_, c) => `${run}-client-${c}`);
  // Warm every instance first: cold starts are measured separately.
  await Promise.all(openids.map((o, c) => track(url, o, `${run}-warm-${c}`)));

  const latencies: number[] = [];
  let acknowledged = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    openids.map(async (openid, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        const recorded = await track(url, openid, `${run}-${c}-${i}`);
        latencies.push(performance.now() - t);
        if (recorded === true) acknowledged++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const db = cloud.database();
  const _ = db.command;
  const count = async () => ((await db.collection('trackEvents').where({ openid: _.in(openids), requestId: _.neq(null) }).count()) as { total: number }).total - clients;
  const stored = await count();
  // Retry a sample of acknowledged requests: idempotency must store nothing new.
  const retries = await Promise.all(Array.from({ length: 100 }, (_v, k) => track(url, openids[k % clients], `${run}-${k % clients}-${k}`)));
  const afterRetries = await count();
  emit({
    bench: 'fn_write_throughput',
    action: 'complaint.track',
    clients,
    requests: clients * perClient,
    acknowledged,
    failed,
    seconds: round(seconds),
    writes_per_s: round(acknowledged / seconds, 1),
    goal_writes_per_s: 300,
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    stored,
    lost: Math.max(0, acknowledged - stored),
    duplicated: Math.max(0, stored - acknowledged),
    retries_recorded_again: retries.filter((r) => r !== false).length,
    stored_after_retries: afterRetries,
  });
}
