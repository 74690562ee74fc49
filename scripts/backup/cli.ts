/**
 * `npm run backup -- --out <dir> [--local <url> | --env <envId>]`
 * `npm run restore -- --in <dir> [--local <url> | --env <envId>] [--wipe | --resume]`
 *
 * Without --local or --env: the local cloud at http://127.0.0.1:8787 (what `npm start` serves).
 * --env talks to CloudBase with TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY from the environment —
 * the same reads and writes as for the local cloud, through the same SDK; only the connection differs.
 * Prints one JSON line per finished step, so it can be logged.
 */
import { backup } from './backup';
import { connect, describeTarget, type Target } from './connect';
import { restore } from './restore';

function parseArgs(argv: string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(arg.slice(2), next);
      i++;
    } else args.set(arg.slice(2), true);
  }
  return args;
}

function str(args: Map<string, string | true>, name: string): string | undefined {
  const v = args.get(name);
  if (v === true) throw new Error(`--${name} needs a value`);
  return v;
}

function targetOf(args: Map<string, string | true>): Target {
  const local = str(args, 'local');
  const env = str(args, 'env');
  if (local && env) throw new Error('give --local or --env, not both');
  if (env) return { kind: 'cloudbase', envId: env };
  return { kind: 'local', url: local ?? 'http://127.0.0.1:8787' };
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const args = parseArgs(rest);
  const target = targetOf(args);
  const started = Date.now();
  if (command === 'backup') {
    const out = str(args, 'out');
    if (!out) throw new Error('--out <dir> is required');
    const manifest = await backup(connect(target), out, { source: describeTarget(target) });
    const counts = Object.fromEntries(Object.entries(manifest.collections).map(([k, v]) => [k, v.count]));
    console.log(JSON.stringify({ backup: out, source: manifest.source, ms: Date.now() - started, counts }));
  } else if (command === 'restore') {
    const dir = str(args, 'in');
    if (!dir) throw new Error('--in <dir> is required');
    if (args.has('wipe') && args.has('resume')) throw new Error('give --wipe or --resume, not both');
    const report = await restore(connect(target), dir, {
      wipe: args.has('wipe'),
      resume: args.has('resume'),
      onWarning: (m) => console.error(`warning: ${m}`),
    });
    console.log(JSON.stringify({ restored: dir, target: describeTarget(target), ms: Date.now() - started, ...report }));
  } else {
    throw new Error('usage: cli.ts backup --out <dir> | restore --in <dir> [--wipe|--resume]  [--local <url> | --env <envId>]');
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
