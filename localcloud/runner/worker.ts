/**
 * One cloud-function instance: a worker thread that loads one built bundle (and with it wx-server-sdk)
 * once, then serves one invocation at a time — like a real instance, because getWXContext() reads the
 * caller from process.env, which is this thread's own copy.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerData {
  bundle: string;
  functionName: string;
  clockOffsetMs: number;
}

export type ToWorker = {
  type: 'invoke';
  id: number;
  event: unknown;
  env: Record<string, string | undefined>;
  clockOffsetMs: number;
  requestId: string;
  timeoutMs: number;
};

export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; id: number; ok: true; json: string }
  | { type: 'result'; id: number; ok: false; message: string };

const data = workerData as WorkerData;
const port = parentPort!;

/** The local cloud's clock runs ahead of real time after `POST /__local/clock`; the function must see it too. */
let clockOffset = data.clockOffsetMs;
const RealDate = Date;
function LocalDate(this: unknown, ...args: unknown[]) {
  if (!new.target) return new RealDate(RealDate.now() + clockOffset).toString();
  return args.length ? new (RealDate as unknown as new (...a: unknown[]) => Date)(...args) : new RealDate(RealDate.now() + clockOffset);
}
LocalDate.prototype = RealDate.prototype;
LocalDate.now = () => RealDate.now() + clockOffset;
LocalDate.parse = RealDate.parse;
LocalDate.UTC = RealDate.UTC;
globalThis.Date = LocalDate as unknown as DateConstructor;

const started = performance.now();
let main: (event: unknown, context: unknown) => Promise<unknown>;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  main = require(data.bundle).main;
  if (typeof main !== 'function') throw new Error(`${data.bundle} does not export main`);
  port.postMessage({ type: 'ready', loadMs: performance.now() - started } satisfies FromWorker);
} catch (error) {
  port.postMessage({ type: 'load-failed', message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies FromWorker);
}

port.on('message', async (msg: ToWorker) => {
  if (msg.type !== 'invoke') return;
  clockOffset = msg.clockOffsetMs;
  for (const [key, value] of Object.entries(msg.env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const context = {
    request_id: msg.requestId,
    function_name: data.functionName,
    function_version: '$LATEST',
    namespace: process.env.SCF_NAMESPACE,
    memory_limit_in_mb: 256,
    time_limit_in_ms: msg.timeoutMs,
  };
  try {
    const value = await main(msg.event, context);
    // A real invocation's result crosses the network as JSON.
    port.postMessage({ type: 'result', id: msg.id, ok: true, json: JSON.stringify(value ?? null) } satisfies FromWorker);
  } catch (error) {
    const message = error instanceof Error ? error.stack ?? error.message : typeof error === 'string' ? error : JSON.stringify(error);
    port.postMessage({ type: 'result', id: msg.id, ok: false, message } satisfies FromWorker);
  }
});
