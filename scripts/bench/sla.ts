import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../localcloud';
import { emit, round } from './stats';

const MINUTE = 60_000;

/**
 * One `sla` timer sweep over many open tickets of which only some are due, through the real function and SDK:
 * wall time and documents read (the sweep reports how many tickets it checked). Tickets are cloned from one
 * filed through `complaint.submit`, so they are exactly what intake stores.
 */
export async function benchSlaSweep(openTickets: number, due = 100): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-sla-'));
  const cloud = await startLocalCloud({ port: 0, h5Dir: false, scheduler: false, dataDir, prewarm: true });
  try {
    const res = await fetch(`${cloud.url}/fn/complaint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-openid': 'bench-customer' },
      body: JSON.stringify({ action: 'submit', input: { description: '腊肠发霉了，孩子吃了拉肚子', contactPhone: '13800000000' }, requestId: 'bench-sla-template' }),
    });
    const { data } = (await res.json()) as { data: { complaintId: string } };
    const [template] = cloud.database.find('complaints', { _id: data.complaintId });
    const now = cloud.clock.now().getTime();
    const docs = [];
    for (let i = 0; i < openTickets; i++) {
      const isDue = i < due;
      // Due ones were received 50 minutes ago (their 1-hour first-response warning is due); the rest just now.
      const at = new Date(isDue ? now - 50 * MINUTE : now - (i % 30) * MINUTE);
      docs.push({
        ...template,
        _id: `bench-${i}`,
        ticketNo: `KS-BENCH-${i}`,
        requestId: `bench-${i}`,
        customerOpenid: `bench-customer-${i % 5000}`,
        createdAt: at,
        updatedAt: at,
        sla: { ...(template.sla as object), startedAt: at, firstResponseDueAt: new Date(at.getTime() + 60 * MINUTE), resolveDueAt: new Date(at.getTime() + 24 * 60 * MINUTE) },
        nextSlaEventAt: new Date(isDue ? now - MINUTE : at.getTime() + 48 * MINUTE),
      });
    }
    const loadStarted = performance.now();
    cloud.database.insertMany('complaints', docs);
    const loadMs = performance.now() - loadStarted;

    await fetch(`${cloud.url}/__local/stats/reset`, { method: 'POST' });
    const started = performance.now();
    const run = await cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date(now).toISOString() }, { source: 'wx_trigger' });
    const wallMs = performance.now() - started;
    const result = (run.ok ? (run.result as { data?: { checked: number; alerts: number } }).data : undefined) ?? { checked: -1, alerts: -1 };
    const stats = (await (await fetch(`${cloud.url}/__local/stats`)).json()) as { gateway: Record<string, number> };
    emit({
      bench: 'sla_sweep',
      open_tickets: openTickets + 1,
      due,
      load_ms: round(loadMs),
      sweep_ms: round(wallMs),
      goal_sweep_ms: 5000,
      tickets_read: result.checked,
      alerts_queued: result.alerts,
      db_calls: Object.entries(stats.gateway).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0),
    });
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
