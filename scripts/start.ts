/**
 * `npm start`: build what is needed, start the local cloud with demo data, serve the browser build of the
 * mini-program on the same port, and print the URL. Honours PORT (default 8787) and LOCALCLOUD_DATA
 * (default .localcloud/data). Runs without a terminal and stops cleanly on SIGTERM/SIGINT.
 */
import path from 'node:path';
import { startLocalCloud } from '../localcloud';
import { ensureAppBuilt, ensureFunctionsBuilt, ROOT } from './lib/builds';

interface CallLine {
  fn?: string;
  action?: string;
  role?: string;
  ms?: number;
  outcome?: string;
  level?: string;
}

/** Function logs are one JSON line per call; show them as one short line each. */
function printFunctionLog(fn: string, line: string): void {
  try {
    const entry = JSON.parse(line) as CallLine;
    if (entry.action && entry.outcome) {
      console.log(`  ${fn}.${entry.action} ${entry.role} ${entry.outcome} ${entry.ms} ms`);
      return;
    }
    if (entry.level === 'error') console.error(`  ${fn}: ${line}`);
  } catch {
    console.log(`  ${fn}: ${line}`);
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = path.resolve(process.env.LOCALCLOUD_DATA ?? path.join(ROOT, '.localcloud', 'data'));
  console.log('Preparing the build…');
  await ensureFunctionsBuilt();
  await ensureAppBuilt(['h5']);

  const cloud = await startLocalCloud({ dataDir, port, prewarm: true, demoComplaints: true, onFunctionLog: printFunctionLog });
  console.log(`
川味冻品投诉处理 · local cloud is running
  App (browser build):  ${cloud.url}/
  Developer panel:      ${cloud.url}/__local/
  Health:               ${cloud.url}/healthz
  Logistics push:       POST ${cloud.url}/http/logistics/push  (LOGISTICS_PUSH_SECRET=${cloud.logisticsPushSecret})
  Data folder:          ${cloud.dataDir}
Stop with Ctrl+C (or SIGTERM).
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping…`);
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
