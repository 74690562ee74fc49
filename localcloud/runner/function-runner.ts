import { buildSync } from 'esbuild';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../clock';
import { discoverFunctions, type FunctionBundle } from './function-config';
import { callerEnv, sdkEnv, type CallerEnv } from './sdk-env';
import type { FromWorker, ToWorker, WorkerData } from './worker';

export interface InvokeResult {
  ok: boolean;
  /** The function's return value (JSON round-tripped), when ok. */
  result?: unknown;
  /** As the SDK reports a failed invocation. */
  error?: { errCode: number; errMsg: string };
  coldStart: boolean;
  ms: number;
}

export interface FunctionRunnerOptions {
  functionsDir: string;
  gatewayUrl: string;
  envId: string;
  appId: string;
  clock: Clock;
  /** Instances per function at most; WeChat allows 20 concurrent runs, a 2-core machine gains nothing past a few. */
  maxInstances?: number;
  /** Environment variables every function gets (secrets the local cloud generated, SMS settings, …). */
  env?: Record<string, string>;
  /** Each line a function prints (its structured call log among them). */
  onLog?: (fn: string, line: string) => void;
  /** Write a V8 CPU profile of every instance into this folder when it ends (for `npm run bench` investigations). */
  cpuProfileDir?: string;
}

const FUNCTIONS_EXECUTE_FAIL = -504002;
const FUNCTIONS_TIMEOUT = -504003;

/** esbuild the worker bootstrap once per process into a temp file: workers must start from plain JS. */
let workerFile: string | undefined;
function workerScript(): string {
  if (workerFile) return workerFile;
  const out = path.join(os.tmpdir(), `localcloud-worker-${process.pid}-${randomUUID().slice(0, 8)}.cjs`);
  buildSync({ entryPoints: [path.join(__dirname, 'worker.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  process.once('exit', () => fs.rmSync(out, { force: true }));
  workerFile = out;
  return out;
}

interface Pending {
  msg: ToWorker;
  resolve: (r: InvokeResult) => void;
  started: number;
}

class Instance {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  busy = false;
  served = 0;
  private current?: { id: number; resolve: (m: FromWorker & { type: 'result' }) => void };

  constructor(fn: FunctionBundle, baseEnv: Record<string, string>, clockOffsetMs: number, onLog: (line: string) => void, onExit: () => void, cpuProfileDir?: string) {
    const data: WorkerData = { bundle: fn.bundle, functionName: fn.name, clockOffsetMs };
    this.worker = new Worker(workerScript(), {
      workerData: data,
      env: baseEnv,
      // A worker runs plain built JS; it must not inherit the parent's loaders (tsx) or flags.
      execArgv: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
      stdout: true,
      stderr: true,
      // A function allocates a lot of short-lived objects per call (SDK requests, EJSON): a larger young
      // generation collects them less often, which is most of the GC time under load (measured: ~5 % CPU).
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 },
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) readline.createInterface({ input: stream }).on('line', onLog);
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'load-failed') reject(new Error(m.message));
        else if (m.type === 'result' && this.current?.id === m.id) this.current.resolve(m);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.once('exit', onExit);
  }

  run(msg: ToWorker): Promise<FromWorker & { type: 'result' }> {
    return new Promise((resolve) => {
      this.current = { id: msg.id, resolve };
      this.worker.postMessage(msg);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Instances per function unless configured (LOCALCLOUD_MAX_INSTANCES): enough for a laptop's cores. */
export const DEFAULT_MAX_INSTANCES = 4;

/**
 * Runs the built cloud functions like the cloud does: each function gets a pool of instances (worker
 * threads), an instance serves one invocation at a time with that caller's identity in its environment,
 * instances are reused while warm, and an invocation past the config.json timeout is killed with its instance.
 */
export class FunctionRunner {
  private readonly functions = new Map<string, FunctionBundle>();
  private readonly pools = new Map<string, { idle: Instance[]; all: Set<Instance>; queue: Pending[] }>();
  private nextId = 1;
  private closed = false;
  private readonly maxInstances: number;
  private readonly baseEnv: Record<string, string>;

  constructor(private readonly opts: FunctionRunnerOptions) {
    for (const fn of discoverFunctions(opts.functionsDir)) this.functions.set(fn.name, fn);
    this.maxInstances = opts.maxInstances ?? DEFAULT_MAX_INSTANCES;
    const passThrough = Object.fromEntries(['PATH', 'HOME', 'NODE_OPTIONS'].flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])));
    this.baseEnv = { ...passThrough, ...sdkEnv({ gatewayUrl: opts.gatewayUrl, envId: opts.envId }), SILENCE: 'true', ...opts.env };
  }

  list(): FunctionBundle[] {
    return [...this.functions.values()];
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** Start one instance of each function ahead of the first call (cold starts cost ~0.3 s each). */
  async prewarm(): Promise<void> {
    await Promise.all(
      this.list().map(async (fn) => {
        const pool = this.pool(fn.name);
        if (pool.all.size > 0) return;
        const instance = this.spawn(fn);
        await instance.ready.catch(() => undefined);
        if (!instance.busy && pool.all.has(instance)) pool.idle.push(instance);
      }),
    );
  }

  async invoke(name: string, event: unknown, caller: CallerEnv): Promise<InvokeResult> {
    const fn = this.functions.get(name);
    if (!fn || this.closed) {
      return { ok: false, error: { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` }, coldStart: false, ms: 0 };
    }
    const requestId = randomUUID();
    const msg: ToWorker = {
      type: 'invoke',
      id: this.nextId++,
      event,
      env: callerEnv(caller, this.opts.appId),
      clockOffsetMs: this.opts.clock.offsetMs,
      requestId,
      timeoutMs: fn.timeoutMs,
    };
    return new Promise((resolve) => {
      this.pool(name).queue.push({ msg, resolve, started: performance.now() });
      this.dispatch(fn);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.pools.values()].flatMap((p) => [...p.all]);
    await Promise.all(all.map((i) => i.terminate()));
    this.pools.clear();
  }

  private pool(name: string) {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = { idle: [], all: new Set(), queue: [] };
      this.pools.set(name, pool);
    }
    return pool;
  }

  private spawn(fn: FunctionBundle): Instance {
    const pool = this.pool(fn.name);
    const instance: Instance = new Instance(
      fn,
      this.baseEnv,
      this.opts.clock.offsetMs,
      (line) => this.opts.onLog?.(fn.name, line),
      () => {
        pool.all.delete(instance);
        pool.idle = pool.idle.filter((i) => i !== instance);
      },
      this.opts.cpuProfileDir,
    );
    pool.all.add(instance);
    return instance;
  }

  private dispatch(fn: FunctionBundle): void {
    const pool = this.pool(fn.name);
    while (pool.queue.length > 0) {
      let instance = pool.idle.pop();
      let coldStart = false;
      if (!instance) {
        if (pool.all.size >= this.maxInstances) return; // wait for a busy one to finish
        instance = this.spawn(fn);
        coldStart = true;
      }
      const job = pool.queue.shift() as Pending;
      instance.busy = true;
      void this.execute(fn, instance, job, coldStart);
    }
  }

  private async execute(fn: FunctionBundle, instance: Instance, job: Pending, coldStart: boolean): Promise<void> {
    const pool = this.pool(fn.name);
    const finish = (result: Omit<InvokeResult, 'coldStart' | 'ms'>, keep: boolean) => {
      instance.busy = false;
      instance.served++;
      if (keep && pool.all.has(instance) && !this.closed) pool.idle.push(instance);
      job.resolve({ ...result, coldStart, ms: performance.now() - job.started });
      this.dispatch(fn);
    };
    try {
      await instance.ready;
    } catch (error) {
      await instance.terminate();
      finish({ ok: false, error: { errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: `function ${fn.name} failed to load: ${(error as Error).message}` } }, false);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), fn.timeoutMs);
    });
    const outcome = await Promise.race([instance.run(job.msg), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // Like SCF: the instance that overran is killed, the next call gets a fresh one.
      await instance.terminate();
      finish({ ok: false, error: { errCode: FUNCTIONS_TIMEOUT, errMsg: `Invoking task timed out after ${fn.timeoutMs / 1000} seconds` } }, false);
    } else if (outcome.ok) {
      finish({ ok: true, result: JSON.parse(outcome.json) }, true);
    } else {
      finish({ ok: false, error: { errCode: FUNCTIONS_EXECUTE_FAIL, errMsg: outcome.message } }, true);
    }
  }
}
