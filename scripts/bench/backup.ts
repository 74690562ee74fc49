import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../localcloud';
import { COLLECTION_NAMES } from '../../shared/db/collections';
import { backup } from '../backup/backup';
import { connect } from '../backup/connect';
import { restore } from '../backup/restore';
import { insertSyntheticComplaints } from '../backup/synthetic';
import { emit, round } from './stats';

/**
 * Backup → wipe → restore of `complaints` synthetic complaints (plus the demo data) through the SDK protocol:
 * times, file size, and how many documents did not come back (`lost`, must be 0). The same local cloud is
 * backed up, wiped (restore --wipe) and restored, so one SDK connection serves both directions.
 */
export async function benchBackup(complaints: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-backup-'));
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-backup-files-'));
  const cloud = await startLocalCloud({ port: 0, h5Dir: false, scheduler: false, dataDir });
  try {
    await insertSyntheticComplaints(cloud, complaints, 'bench');
    const before = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, cloud.database.count(n)]));
    const db = connect({ kind: 'local', url: cloud.url });

    let started = performance.now();
    const manifest = await backup(db, path.join(outDir, 'b'), { source: `local:${cloud.url}` });
    const backupMs = performance.now() - started;
    const bytes = Object.values(manifest.collections).reduce((n, c) => n + fs.statSync(path.join(outDir, 'b', c.file)).size, 0);

    started = performance.now();
    await restore(db, path.join(outDir, 'b'), { wipe: true });
    const restoreMs = performance.now() - started;

    const lost = COLLECTION_NAMES.reduce((n, name) => n + Math.max(0, before[name] - cloud.database.count(name)), 0);
    const extra = COLLECTION_NAMES.reduce((n, name) => n + Math.max(0, cloud.database.count(name) - before[name]), 0);
    emit({
      bench: 'backup_round_trip',
      complaints: before.complaints,
      documents: Object.values(before).reduce((a, b) => a + b, 0),
      backup_ms: round(backupMs),
      restore_ms: round(restoreMs),
      backup_mb: round(bytes / 1024 / 1024),
      complaints_jsonl_mb: round(fs.statSync(path.join(outDir, 'b', 'complaints.jsonl')).size / 1024 / 1024),
      lost,
      extra,
    });
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
