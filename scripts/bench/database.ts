import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Clock } from '../../localcloud/clock';
import { DatabaseEngine } from '../../localcloud/gateway/database';
import { openSqlite } from '../../localcloud/sqlite';
import { COLLECTIONS } from '../../shared/db/collections';
import { emit, percentile, round } from './stats';

const BASE = Date.UTC(2026, 10, 22, 2);

/** An open ticket shaped like the real ones (about 1 KB), 1 in 1000 of them due now. */
function ticket(i: number) {
  return {
    ticketNo: `KS-B${i}`,
    requestId: `bench-${i}`,
    customerOpenid: `bench-customer-${i % 5000}`,
    channel: 'miniprogram',
    status: ['assigned', 'investigating', 'awaiting_customer'][i % 3],
    level: 'L2',
    category: 'quality',
    subcategory: 'spoiled',
    department: ['qc', 'logistics', 'cs'][i % 3],
    createdAt: new Date(BASE - i * 60_000),
    updatedAt: new Date(BASE - i * 60_000),
    nextDueAt: new Date(BASE + (i % 1000 === 0 ? -60_000 : 3_600_000 + i * 1000)),
    description: '收到的腊肠有一股酸味，打开包装后发现表面发黏，家里老人孩子都不敢吃，希望尽快处理。'.repeat(4),
    timeline: [{ at: new Date(BASE), status: 'submitted' }],
  };
}

/**
 * The database engine at the scale of the SLA issue's goal: time to load 100,000 open tickets at start, and the
 * indexed "what is due" sweep over them (the SLA timer's query), in the engine itself.
 */
export function benchDatabase(total = 100_000): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-bench-'));
  try {
    const first = openSqlite(dir);
    const engine = new DatabaseEngine({ db: first, clock: new Clock(), collections: COLLECTIONS });
    let t = performance.now();
    engine.insertMany('complaints', Array.from({ length: total }, (_, i) => ticket(i)));
    emit({ bench: 'db_insert_many', docs: total, ms: round(performance.now() - t, 0) });
    first.close();

    const second = openSqlite(dir);
    t = performance.now();
    const reloaded = new DatabaseEngine({ db: second, clock: new Clock(), collections: COLLECTIONS });
    emit({ bench: 'db_load_at_start', docs: reloaded.count('complaints'), ms: round(performance.now() - t, 0) });

    const sweeps: number[] = [];
    let due = 0;
    for (let i = 0; i < 50; i++) {
      t = performance.now();
      due = reloaded.find('complaints', { nextDueAt: { $lte: new Date(BASE) } }, { limit: 1000 }).length;
      sweeps.push(performance.now() - t);
    }
    emit({ bench: 'db_due_sweep', open_tickets: total, due, p50_ms: round(percentile(sweeps, 50)), p99_ms: round(percentile(sweeps, 99)) });
    second.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
