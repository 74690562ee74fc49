/**
 * `npm run bench`: prints one JSON line per figure. Each issue adds its own section; the foundation's are
 * function bundle sizes and cold starts, gateway latency, write throughput through /fn, weapp sizes.
 * Optional argument: a comma-separated list of sections (bundles,gateway,throughput,lifecycle,sla,database,classifier,weapp,import,surge,stats,similar,backup).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnCloud } from '../lib/cloud-process';
import { ensureFunctionsBuilt } from '../lib/builds';
import { benchBackup } from './backup';
import { benchBundles } from './bundles';
import { benchClassifier } from './classifier';
import { benchDashboard } from './dashboard';
import { benchDatabase } from './database';
import { connectSdk } from '../lib/sdk-client';
import { benchGateway } from './gateway';
import { benchImport } from './import';
import { benchDbCalls, benchSubmit } from './lifecycle';
import { DEFAULT_MAX_INSTANCES } from '../../localcloud/runner/function-runner';
import { benchNotify } from './notify';
import { benchSlaSweep } from './sla';
import { benchSurgeSimulation, benchSurgeSubmit } from './surge';
import { benchSimilar } from './similar';
import { emit } from './stats';
import { benchThroughput } from './throughput';
import { benchWeapp } from './weapp';

/** Runs `bench` against a fresh, pre-warmed local cloud in its own process (data in a temporary folder, removed after). */
async function withCloud(prefix: string, env: Record<string, string>, bench: (url: string) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const proc = await spawnCloud(dataDir, { LOCALCLOUD_PREWARM: '1', ...env });
  try {
    await bench(proc.url);
  } finally {
    proc.child.kill('SIGTERM');
    await proc.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const wanted = new Set((process.argv[2] ?? 'bundles,gateway,throughput,lifecycle,sla,database,classifier,weapp').split(','));
  if (!process.argv[2]) wanted.add('notify');
  if (!process.argv[2]) for (const section of ['import', 'surge', 'stats', 'similar']) wanted.add(section);
  emit({ bench: 'machine', cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, at: new Date().toISOString() });
  await ensureFunctionsBuilt();
  if (wanted.has('bundles')) benchBundles();
  if (wanted.has('gateway') || wanted.has('throughput') || wanted.has('lifecycle')) {
    // One instance per concurrent client, as the cloud scales instances out (the local default of 4 spares a laptop).
    await withCloud('localcloud-bench-', { LOCALCLOUD_MAX_INSTANCES: '8' }, async (url) => {
      const sdk = connectSdk(url);
      if (wanted.has('gateway')) await benchGateway(sdk);
      if (wanted.has('throughput')) await benchThroughput(url, sdk);
      // For comparison with the goal's line below: 8 instances time-slice this machine's cores.
      if (wanted.has('lifecycle')) await benchSubmit(url, { bench: 'submit_one_instance_per_client', instances: 8 });
    });
  }
  if (wanted.has('lifecycle')) {
    // The lifecycle goal's figures, on the local cloud as `npm start` runs it (its default instance cap).
    await withCloud('localcloud-bench-lifecycle-', {}, async (url) => {
      await benchSubmit(url, { bench: 'submit', instances: DEFAULT_MAX_INSTANCES });
      await benchDbCalls(url);
    });
  }
  if (wanted.has('sla')) {
    await benchSlaSweep(10_000);
    await benchSlaSweep(100_000);
  }
  if (wanted.has('similar')) {
    await benchSimilar(10_000);
    await benchSimilar(100_000);
  }
  // Its own local cloud: the drain's figure should not depend on what the other sections left in the outbox.
  if (wanted.has('notify')) await withCloud('localcloud-bench-notify-', { LOCALCLOUD_MAX_INSTANCES: '8' }, (url) => benchNotify(url, connectSdk(url)));
  if (wanted.has('surge')) {
    // Its own local cloud: the batches' windows and baselines start empty.
    await withCloud('localcloud-bench-surge-', {}, (url) => benchSurgeSubmit(url));
    benchSurgeSimulation();
  }
  if (wanted.has('stats')) {
    await benchDashboard(10_000);
    await benchDashboard(100_000);
  }
  if (wanted.has('database')) benchDatabase();
  if (wanted.has('classifier')) benchClassifier();
  if (wanted.has('weapp')) benchWeapp();
  // Not in the default run (minutes at 100k): `npm run bench -- backup`.
  if (wanted.has('backup')) await benchBackup(100_000);
  // Logistics import: readings/s from a large CSV and from signed HTTP pushes (run alone: `npm run bench -- import`).
  if (wanted.has('import')) await benchImport();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
