import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CloudProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string | null>;
}

/** LOCALCLOUD_CPU_PROF=<folder>: the gateway's process is profiled too (its functions are by the cloud itself). */
function cpuProfileArgs(env: Record<string, string>): string[] {
  const dir = env.LOCALCLOUD_CPU_PROF ?? process.env.LOCALCLOUD_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/** The local cloud in its own process (localcloud/cli.ts), for tests that kill or load it from outside. */
export function spawnCloud(dataDir: string, env: Record<string, string> = {}): Promise<CloudProcess> {
  const child = spawn(process.execPath, [...cpuProfileArgs(env), '--import', 'tsx', path.join(ROOT, 'localcloud', 'cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOCALCLOUD_DATA: dataDir, LOCALCLOUD_H5: '0', LOCALCLOUD_SCHEDULER: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start in time\n${stderr}`)), 60_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{"ready":true')) return;
      clearTimeout(timer);
      resolve({ url: (JSON.parse(line) as { url: string }).url, child, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited (${code}) before it was ready\n${stderr}`));
    });
  });
}
