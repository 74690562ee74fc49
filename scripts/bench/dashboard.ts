import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../localcloud';
import { syntheticComplaints } from '../seed/synthetic-complaints';
import { emit, percentile, round } from './stats';

const DAY = 86_400_000;

/**
 * The dashboard over many complaints (issue 7 goal: ≤ 2 s over 100,000): complaints written straight into the
 * local cloud's database, the `stats` timer run until the day rollups are built (its own time reported), then
 * `stats.overview` through the real function and HTTP bridge several times (p50/p95) for the default 30 days, a
 * filtered view and 90 days; an incremental rollup after new complaints; the weekly report.
 */
export async function benchDashboard(complaints: number, days = 90): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-stats-'));
  const cloud = await startLocalCloud({ port: 0, h5Dir: false, scheduler: false, dataDir, prewarm: true });
  try {
    const now = new Date(cloud.clock.nowMs());
    const loadStarted = performance.now();
    for (let i = 0; i < complaints; i += 10_000) {
      cloud.database.insertMany('complaints', syntheticComplaints({ now, count: Math.min(10_000, complaints - i), days, openShare: 0.1, idPrefix: `b${i / 10_000}`, seed: 31 + i }));
    }
    const loadMs = performance.now() - loadStarted;

    // The first run finds no rollup and builds every day; a run stops at its budget and the next carries on.
    const timer = async () => {
      const t = performance.now();
      const run = await cloud.runner.invoke('stats', { Type: 'Timer', TriggerName: 'everyFiveMinutes', Time: new Date(cloud.clock.nowMs()).toISOString() }, { source: 'wx_trigger' });
      const data = run.ok ? (run.result as { data?: unknown }).data : undefined;
      if (!data) throw new Error(`stats timer failed: ${JSON.stringify(run).slice(0, 500)}`);
      return { ms: performance.now() - t, result: (run.result as { data: { days: number; rows: number; left: number; readMs: number; encodeMs: number; writeMs: number } }).data };
    };
    let rollupMs = 0;
    let runs = 0;
    let rows = 0;
    const phases = { read_ms: 0, encode_ms: 0, write_ms: 0 };
    for (;;) {
      const { ms, result } = await timer();
      rollupMs += ms;
      runs++;
      rows += result.rows;
      phases.read_ms += result.readMs;
      phases.encode_ms += result.encodeMs;
      phases.write_ms += result.writeMs;
      if (!result.left) break;
    }
    const dayDocs = cloud.database.find('statsDaily', {});
    const bytes = dayDocs.reduce((n, d) => n + JSON.stringify(d).length, 0);
    emit({ bench: 'stats_rollup_full', complaints, days, load_ms: round(loadMs), rollup_ms: round(rollupMs), timer_runs: runs, rows, ...phases, day_docs: dayDocs.length - 1, kb_total: Math.round(bytes / 1024), bytes_per_complaint: round(bytes / complaints, 1) });

    const call = async (action: string, input: object) => {
      const t = performance.now();
      const res = await fetch(`${cloud.url}/fn/stats`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': 'demo-manager' }, body: JSON.stringify({ action, input }) });
      const body = (await res.json()) as { ok: boolean; data?: { total?: number }; error?: unknown };
      if (!body.ok) throw new Error(`stats.${action}: ${JSON.stringify(body.error)}`);
      return { ms: performance.now() - t, total: body.data?.total };
    };
    const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const to = chinaDay(now.getTime());
    const views: Array<[string, object]> = [
      ['30d', {}],
      ['30d_filtered', { department: 'qc', productId: 'sausage-mala' }],
      ['90d', { from: chinaDay(now.getTime() - 89 * DAY), to }],
    ];
    // The first answer of an instance reads every day document; later ones only the days rebuilt since.
    const first = await call('overview', {});
    emit({ bench: 'stats_overview_first', complaints, view: '30d', ms: round(first.ms), goal_ms: 2000 });
    for (const [view, input] of views) {
      const samples: number[] = [];
      let total: number | undefined;
      for (let i = 0; i < 7; i++) {
        const r = await call('overview', input);
        samples.push(r.ms);
        total = r.total;
      }
      emit({ bench: 'stats_overview', complaints, view, total, p50_ms: round(percentile(samples, 50)), p95_ms: round(percentile(samples, 95)), goal_ms: 2000 });
    }

    // New complaints since the rollup: read live on top of it, then the incremental run takes them in.
    const later = new Date(cloud.clock.nowMs());
    const fresh = syntheticComplaints({ now: later, count: 200, days: 1, openShare: 1, idPrefix: 'fresh', seed: 99 }).map((d) => ({ ...d, updatedAt: later }));
    cloud.database.insertMany('complaints', fresh);
    const overlay: number[] = [];
    for (let i = 0; i < 5; i++) overlay.push((await call('overview', {})).ms);
    emit({ bench: 'stats_overview', complaints, view: '30d_with_200_live', p50_ms: round(percentile(overlay, 50)), p95_ms: round(percentile(overlay, 95)), goal_ms: 2000 });
    const incremental = await timer();
    emit({ bench: 'stats_rollup_incremental', complaints, changed: 200, rollup_ms: round(incremental.ms), days: incremental.result.days, rows: incremental.result.rows });

    const weekly: number[] = [];
    for (let i = 0; i < 5; i++) weekly.push((await call('weeklyReport', {})).ms);
    emit({ bench: 'stats_weekly_report', complaints, p50_ms: round(percentile(weekly, 50)), p95_ms: round(percentile(weekly, 95)) });
    const watch: number[] = [];
    for (let i = 0; i < 3; i++) watch.push((await call('customerWatch', {})).ms);
    emit({ bench: 'stats_customer_watch', complaints, p50_ms: round(percentile(watch, 50)) });
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
