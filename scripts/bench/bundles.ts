import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { functionsOutDir } from '../build-functions';
import { sdkEnv } from '../../localcloud/runner/sdk-env';
import { emit, median, round } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');

/** Time to `require` a module in a fresh Node process, as a cloud function's cold start does. */
function loadMs(modulePath: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(modulePath)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const env = { ...process.env, ...sdkEnv({ gatewayUrl: 'http://127.0.0.1:9', envId: 'bench-env' }), SILENCE: 'true' };
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env }).toString());
}

export function benchBundles(runs = 11): void {
  const functions = fs.readdirSync(functionsOutDir).filter((d) => fs.existsSync(path.join(functionsOutDir, d, 'index.js')));
  for (const fn of functions) {
    emit({ bench: 'function_bundle_size', fn, bytes: fs.statSync(path.join(functionsOutDir, fn, 'index.js')).size, goal_bytes: 300 * 1024 });
  }
  // Interleave runs so that machine noise hits the SDK baseline and the bundles alike.
  const sdkPath = require.resolve('wx-server-sdk', { paths: [ROOT] });
  const samples: Record<string, number[]> = { 'wx-server-sdk': [] };
  for (let i = 0; i < runs; i++) {
    samples['wx-server-sdk'].push(loadMs(sdkPath));
    for (const fn of functions) (samples[fn] ??= []).push(loadMs(path.join(functionsOutDir, fn, 'index.js')));
  }
  const sdk = median(samples['wx-server-sdk']);
  emit({ bench: 'cold_start', module: 'wx-server-sdk', median_ms: round(sdk), runs });
  for (const fn of functions) {
    const ms = median(samples[fn]);
    emit({ bench: 'cold_start', fn, median_ms: round(ms), sdk_median_ms: round(sdk), added_pct: round(((ms - sdk) / sdk) * 100, 1), goal_added_pct: 15, runs });
  }
}
