import { DEFAULT_SURGE_RULES } from '../../shared/surge/detector';
import { decideSurge } from '../../shared/surge/decide';
import { baselinesFrom, normalTraffic, replaySurges, syntheticCatalogue, type SimComplaint } from '../../shared/surge/simulate';
import { mulberry32 } from '../../shared/random/mulberry32';
import { emit, median, percentile, round } from './stats';

/**
 * Batch surge figures. Through a local cloud: what the check costs a submit (database round trips and time) on the
 * normal path, on the submit that opens an incident, and on one that joins it. Pure: the detector's simulation —
 * how soon 5 complaints in 24 h are caught, and false alarms over months of normal traffic — and the check's CPU cost.
 */
interface Envelope<T = any> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

async function call<T = any>(url: string, fn: string, action: string, input: unknown, openid: string, requestId?: string): Promise<Envelope<T>> {
  const res = await fetch(`${url}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify({ action, input, ...(requestId ? { requestId } : {}) }) });
  return (await res.json()) as Envelope<T>;
}

/** One submit, alone: its gateway `database.*` calls and wall time. */
async function measured(url: string, scene: string, openid: string, requestId: string): Promise<{ calls: number; ms: number; level?: string }> {
  await fetch(`${url}/__local/stats/reset`, { method: 'POST' });
  const t = performance.now();
  const res = await call<{ level: string }>(url, 'complaint', 'submit', { description: '这批腊肠有霉点，闻着发酸', contactPhone: '13800000000', scene }, openid, requestId);
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`submit: ${JSON.stringify(res.error)}`);
  const stats = (await (await fetch(`${url}/__local/stats`)).json()) as { gateway: Record<string, number> };
  const calls = Object.entries(stats.gateway).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
  return { calls, ms, level: res.data?.level };
}

export async function benchSurgeSubmit(url: string): Promise<void> {
  const run = `sg${Date.now().toString(36)}`;
  const codes = await call<{ items: Array<{ scene: string; kind: string }> }>(url, 'admin', 'listQrCodes', { kind: 'package' }, 'demo-admin');
  const scenes = (codes.data?.items ?? []).map((c) => c.scene);
  if (scenes.length < 4) throw new Error('bench surge: not enough package QR codes');
  // Warm every instance the measured calls will use.
  for (let i = 0; i < 4; i++) await measured(url, scenes[0], `${run}-warm-${i}`, `${run}-warm-${i}`);

  const normal: Array<{ calls: number; ms: number }> = [];
  const opening: Array<{ calls: number; ms: number }> = [];
  const joining: Array<{ calls: number; ms: number }> = [];
  const batches = scenes.slice(1, Math.min(scenes.length, 9));
  for (const [b, scene] of batches.entries()) {
    for (let i = 0; i < 4; i++) normal.push(await measured(url, scene, `${run}-${b}-${i}`, `${run}-${b}-${i}`));
    opening.push(await measured(url, scene, `${run}-${b}-4`, `${run}-${b}-4`));
    joining.push(await measured(url, scene, `${run}-${b}-5`, `${run}-${b}-5`));
  }
  const figure = (xs: Array<{ calls: number; ms: number }>) => ({ n: xs.length, db_calls_max: Math.max(...xs.map((x) => x.calls)), db_calls_median: median(xs.map((x) => x.calls)), ms_median: round(median(xs.map((x) => x.ms))), ms_p90: round(percentile(xs.map((x) => x.ms), 90)) });
  emit({ bench: 'surge_submit', normal: figure(normal), goal_normal_db_calls: 6, opens_incident: figure(opening), joins_incident: figure(joining) });
}

const DAY = 86_400_000;
const START = new Date('2026-09-01T00:00:00+08:00');

export function benchSurgeSimulation(): void {
  const rules = DEFAULT_SURGE_RULES;
  // False alarms: 40 catalogues of 20 products (0.2–0.95 complaints a day, 2–4 batches each), 56 days of history, then 30 days.
  let alarms = 0;
  let batches = 0;
  let complaints = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const products = syntheticCatalogue(mulberry32(seed * 7), 20);
    batches += products.reduce((n, p) => n + p.batches, 0);
    const history = normalTraffic({ seed, start: START, days: 56, products, dayVariation: 0.4 });
    const month = normalTraffic({ seed: seed + 1000, start: new Date(START.getTime() + 56 * DAY), days: 30, products, dayVariation: 0.4 });
    complaints += month.length;
    alarms += replaySurges(month, baselinesFrom(history, products, 56), rules).length;
  }
  emit({ bench: 'surge_false_alarms', days: 30, batches, complaints, alarms, per_1000_batch_months: round((alarms / batches) * 1000, 2), goal: 0, rules });

  // Detection: 5 customers on one batch within 24 h, on top of the product's normal traffic (3 batches on the market).
  for (const rate of [0.3, 0.6, 0.9]) {
    const at: number[] = [];
    const delaysH: number[] = [];
    let missed = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rand = mulberry32(seed);
      const products = [{ id: 'p', ratePerDay: rate, batches: 3 }];
      const history = normalTraffic({ seed, start: START, days: 56, products, dayVariation: 0.4 });
      const t0 = START.getTime() + 60 * DAY;
      const background = normalTraffic({ seed: seed + 5, start: new Date(t0 - 3 * DAY), days: 5, products, dayVariation: 0.4 });
      const surge: SimComplaint[] = Array.from({ length: 5 }, () => t0 + rand() * 23 * 3_600_000)
        .sort((a, b) => a - b)
        .map((t, i) => ({ _id: `s${i + 1}`, customerOpenid: `s${i}`, createdAt: new Date(t), productId: 'p', batchId: 'p-b0' }));
      const stream = [...background, ...surge].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const alarm = replaySurges(stream, baselinesFrom(history, products, 56), rules).find((a) => a.batchId === 'p-b0' && a.at.getTime() >= t0);
      if (!alarm || alarm.at > surge[4].createdAt) {
        missed++;
        continue;
      }
      const k = surge.findIndex((c) => c._id === alarm.complaintId) + 1;
      at.push(k || 5);
      delaysH.push((alarm.at.getTime() - surge[0].createdAt.getTime()) / 3_600_000);
    }
    emit({ bench: 'surge_detection', normal_per_day: rate, batches_on_market: 3, runs: 200, missed, fired_at_complaint: { 3: at.filter((k) => k === 3).length, 4: at.filter((k) => k === 4).length, 5: at.filter((k) => k === 5).length }, hours_after_first_median: round(median(delaysH), 1) });
  }

  // The submit-time check alone (what intake adds in CPU): 100 complaints on the batch in the window.
  const now = new Date(START.getTime() + 70 * DAY);
  const onBatch = Array.from({ length: 100 }, (_, i) => ({ _id: `c${i}`, customerOpenid: `u${i % 40}`, createdAt: new Date(now.getTime() - i * 600_000) }));
  const n = 20_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) decideSurge({ complaint: { _id: 'new', customerOpenid: 'x', createdAt: now }, onBatch, baseline: { complaints: 40, batchDays: 150 } }, rules);
  emit({ bench: 'surge_check_cpu', window_complaints: onBatch.length, us_per_check: round(((performance.now() - t) * 1000) / n, 2) });
}
