/**
 * Start only the local cloud (no builds): for tests that need it as a separate process (durability,
 * benchmarks). Prints one JSON line `{"ready":true,"url":…}` when it serves. PORT (0 = any free port),
 * LOCALCLOUD_DATA, LOCALCLOUD_SEED=0 to start empty, LOCALCLOUD_SCHEDULER=0 to keep timers still,
 * LOCALCLOUD_DEMO_COMPLAINTS=1 to file the demo complaints through the functions (as `npm start` does),
 * LOCALCLOUD_MAX_INSTANCES=N for up to N concurrent instances per function (default 4),
 * LOCALCLOUD_CPU_PROF=<folder> to write a CPU profile of every function instance there (spawnCloud then
 * profiles the gateway's own process into the same folder).
 */
import path from 'node:path';
import { startLocalCloud } from './index';

async function main(): Promise<void> {
  const cloud = await startLocalCloud({
    dataDir: path.resolve(process.env.LOCALCLOUD_DATA ?? '.localcloud/data'),
    port: Number(process.env.PORT ?? 8787),
    seed: process.env.LOCALCLOUD_SEED !== '0',
    scheduler: process.env.LOCALCLOUD_SCHEDULER !== '0',
    h5Dir: process.env.LOCALCLOUD_H5 === '0' ? false : undefined,
    prewarm: process.env.LOCALCLOUD_PREWARM === '1',
    demoComplaints: process.env.LOCALCLOUD_DEMO_COMPLAINTS === '1',
    ...(process.env.LOCALCLOUD_MAX_INSTANCES ? { maxInstances: Number(process.env.LOCALCLOUD_MAX_INSTANCES) } : {}),
    ...(process.env.LOCALCLOUD_CPU_PROF ? { cpuProfileDir: path.resolve(process.env.LOCALCLOUD_CPU_PROF) } : {}),
  });
  console.log(JSON.stringify({ ready: true, url: cloud.url, port: cloud.port, pid: process.pid }));
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
