import { emit, percentile, round } from './stats';

/**
 * The lifecycle issue's figures: submit latency and throughput through `/fn` with concurrent customers (and
 * retries that must not duplicate), and database round trips per action (counted by the gateway).
 */
const TEXTS = [
  '腊肠打开以后发霉了，孩子吃了拉肚子',
  '配送太慢了，等了三个多小时才送到',
  '水饺到货的时候已经化冻了，袋子里全是水',
  '火锅底料太咸了，和以前买的不一样',
  '客服态度很差，说两句就挂电话',
  '优惠券用不了，结算时提示无效',
  '少送了一袋汤圆，订单里明明有',
  '腊肉里面吃出一根头发，太恶心了',
];

interface Envelope<T = any> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

async function call<T = any>(url: string, fn: string, action: string, input: unknown, openid: string, requestId?: string): Promise<Envelope<T>> {
  const res = await fetch(`${url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action, input, ...(requestId ? { requestId } : {}) }),
  });
  return (await res.json()) as Envelope<T>;
}

function must<T>(env: Envelope<T>, what: string): T {
  if (!env.ok) throw new Error(`${what}: ${JSON.stringify(env.error)}`);
  return env.data as T;
}

/** All of a customer's complaints, page by page. */
async function countMine(url: string, openid: string): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = must(await call<{ items: unknown[]; nextCursor?: string }>(url, 'complaint', 'listMine', { limit: 50, ...(cursor ? { cursor } : {}) }, openid), 'listMine');
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

/** Database round trips one call makes: gateway `database.*` requests between a reset and the answer. */
async function dbCalls(url: string, run: () => Promise<unknown>): Promise<{ calls: number; by: Record<string, number> }> {
  await fetch(`${url}/__local/stats/reset`, { method: 'POST' });
  await run();
  const stats = (await (await fetch(`${url}/__local/stats`)).json()) as { gateway: Record<string, number> };
  const by = Object.fromEntries(Object.entries(stats.gateway).filter(([k]) => k.startsWith('database.')));
  return { calls: Object.values(by).reduce((a, b) => a + b, 0), by };
}

/**
 * Submit latency and throughput with `clients` customers submitting at once, and retries that must answer the
 * first ticket. `instances` is the cloud's per-function instance cap, reported with the figures (`bench` names the line).
 */
export async function benchSubmit(url: string, opts: { bench: string; instances: number; clients?: number; perClient?: number }): Promise<void> {
  const { clients = 8, perClient = 100 } = opts;
  const run = `lc${Date.now().toString(36)}`;
  const customers = Array.from({ length: clients }, (_, c) => `${run}-customer-${c}`);
  // Warm the instances (cold starts are measured by the bundles section): a few calls each, so that every instance's
  // JIT has compiled the SDK's request path before the measured calls — an instance's first calls run ~3× slower.
  const warmRounds = 5;
  for (let round = 0; round < warmRounds; round++) {
    await Promise.all(customers.map((o, c) => call(url, 'complaint', 'submit', { description: TEXTS[(c + round) % TEXTS.length], contactPhone: '13800000000' }, o, `${run}-warm-${c}-${round}`)));
  }

  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    customers.map(async (openid, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        const res = await call(url, 'complaint', 'submit', { description: TEXTS[(c + i) % TEXTS.length], contactPhone: '13800000000' }, openid, `${run}-${c}-${i}`);
        latencies.push(performance.now() - t);
        if (!res.ok) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Retries of acknowledged requests answer the first ticket and create nothing.
  const retries = await Promise.all(
    Array.from({ length: 40 }, (_v, k) => call<{ replayed: boolean }>(url, 'complaint', 'submit', { description: TEXTS[0], contactPhone: '13800000000' }, customers[k % clients], `${run}-${k % clients}-${k % perClient}`)),
  );
  const stored = (await Promise.all(customers.map((o) => countMine(url, o)))).reduce((a, b) => a + b, 0) - clients * warmRounds;
  emit({
    bench: opts.bench,
    clients,
    instances: opts.instances,
    requests: clients * perClient,
    failed,
    seconds: round(seconds),
    submits_per_s: round((clients * perClient) / seconds, 1),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    goal_p99_ms: 150,
    stored,
    duplicated: Math.max(0, stored - clients * perClient),
    retries_replayed: retries.filter((r) => r.ok && r.data?.replayed).length,
    retries: retries.length,
  });
}

/** Database round trips per action, on warm instances (the caller lookup included). */
export async function benchDbCalls(url: string): Promise<void> {
  const run = `dc${Date.now().toString(36)}`;
  const customer = `${run}-customer`;
  // Warm the instance: a first call runs the function's cold start, which is not what is counted.
  must(await call(url, 'complaint', 'submit', { description: TEXTS[0], contactPhone: '13800000000' }, customer, `${run}-warm`), 'submit');
  const submitCalls = await dbCalls(url, () => call(url, 'complaint', 'submit', { description: TEXTS[1], contactPhone: '13800000000' }, customer, `${run}-count-submit`));
  const mineList = must(await call<{ items: Array<{ complaintId: string }> }>(url, 'complaint', 'listMine', { limit: 1 }, customer), 'listMine');
  const complaintId = mineList.items[0].complaintId;
  const getCalls = await dbCalls(url, () => call(url, 'complaint', 'get', { complaintId }, customer));
  const head = 'demo-head-logistics';
  const inboxCalls = await dbCalls(url, () => call(url, 'ticket', 'inbox', { view: 'department' }, head));
  const ticket = must(await call<{ version: number; status: string; allowedMoves: Array<{ to: string }> }>(url, 'ticket', 'get', { complaintId }, head), 'ticket.get');
  const ticketGetCalls = await dbCalls(url, () => call(url, 'ticket', 'get', { complaintId }, head));
  const to = ticket.allowedMoves[0]?.to ?? 'investigating';
  const transitionCalls = await dbCalls(url, async () => must(await call(url, 'ticket', 'transition', { complaintId, to, version: ticket.version }, head), 'transition'));
  emit({
    bench: 'db_calls_per_action',
    submit: submitCalls.calls,
    goal_submit: 6,
    complaint_get: getCalls.calls,
    goal_complaint_get: 3,
    ticket_inbox: inboxCalls.calls,
    ticket_get: ticketGetCalls.calls,
    ticket_transition: transitionCalls.calls,
    submit_by_action: submitCalls.by,
  });
}
