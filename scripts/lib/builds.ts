import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions } from '../build-functions';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Sources each build depends on; a build older than its newest source is rebuilt. */
const APP_SOURCES = ['miniprogram', 'shared', 'config', 'babel.config.js', 'package.json', '.env.development', '.env.production'];

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p)) if (child !== 'node_modules') visit(path.join(p, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  entries.forEach((e) => visit(path.join(ROOT, e)));
  return newest;
}

function isFresh(marker: string, sources: string[]): boolean {
  const file = path.join(ROOT, marker);
  return fs.existsSync(file) && fs.statSync(file).mtimeMs >= newestMtime(sources);
}

function run(command: string, args: string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        console.error(`  ${label} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        resolve();
      } else {
        console.error(output.slice(-8000));
        reject(new Error(`${label} build failed (exit ${code})`));
      }
    });
  });
}

export async function ensureFunctionsBuilt(): Promise<void> {
  const built = await buildFunctions();
  console.error(`  cloud functions built: ${built.map((f) => `${f.name} ${(f.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
}

/** The mini-program for the browser (`dist/h5`) and/or WeChat (`dist/weapp`), rebuilt only when sources changed. */
export async function ensureAppBuilt(types: Array<'h5' | 'weapp'>): Promise<void> {
  const stale = types.filter((t) => !isFresh(t === 'h5' ? 'dist/h5/index.html' : 'dist/weapp/app.js', APP_SOURCES));
  const taro = path.join(ROOT, 'node_modules', '.bin', 'taro');
  // One at a time: two webpack builds at once only fight over this machine's two cores.
  for (const type of stale) await run(taro, ['build', '--type', type], `mini-program (${type})`);
  for (const type of types) if (!stale.includes(type)) console.error(`  mini-program (${type}) is up to date`);
}
