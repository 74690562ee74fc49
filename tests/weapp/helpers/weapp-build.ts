import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp');

const LOCK = path.join(ROOT, 'dist', '.weapp-build.lock');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The WeChat build the tests look at. Built on demand when missing (~15–20 s); an existing build is used
 * as is, so run `npm run build:weapp` after changing the app to test the current code. Test files run in
 * parallel processes: a lock directory makes one of them build while the others wait.
 */
export async function ensureWeappBuild(): Promise<string> {
  for (let waited = 0; fs.existsSync(LOCK); waited += 500) {
    if (waited > 240_000) throw new Error(`another test has held ${LOCK} for 4 minutes; delete it if no build is running`);
    await sleep(500);
  }
  if (fs.existsSync(path.join(WEAPP_DIR, 'app.js'))) return WEAPP_DIR;

  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    fs.mkdirSync(LOCK); // atomic: exactly one process gets here first
  } catch {
    return ensureWeappBuild(); // someone else started building: wait for them
  }
  try {
    const taro = path.join(ROOT, 'node_modules', '.bin', 'taro');
    execFileSync(taro, ['build', '--type', 'weapp'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000, env: { ...process.env, NODE_ENV: 'production' } });
  } catch (error) {
    const out = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`dist/weapp is missing and \`taro build --type weapp\` failed:\n${out.stderr?.toString() ?? ''}${out.stdout?.toString().slice(-2000) ?? ''}`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(WEAPP_DIR, 'app.js'))) throw new Error('`taro build --type weapp` finished but dist/weapp/app.js is missing');
  return WEAPP_DIR;
}

/** Bytes of every file under `dir`, like `du -b` counts file contents. */
export function dirBytes(dir: string, skip: (rel: string) => boolean = () => false, rel = ''): number {
  let total = 0;
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (skip(child)) continue;
    total += entry.isDirectory() ? dirBytes(dir, skip, child) : fs.statSync(path.join(dir, child)).size;
  }
  return total;
}
