import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { ROLE_LABELS } from '../shared/auth/roles';
import { COLLECTIONS } from '../shared/db/collections';
import { DEMO_IDENTITIES } from '../shared/demo/identities';
import { toIso } from '../shared/time/clock';
import { buildDemoData } from '../scripts/seed/demo-data';
import { seedDemoComplaints } from '../scripts/seed/demo-complaints';
import type { Envelope } from '../shared/api/envelope';
import { Clock } from './clock';
import { DatabaseEngine } from './gateway/database';
import { OpenApi } from './gateway/openapi';
import { StorageService } from './gateway/storage';
import { json } from './gateway/types';
import { ActionCounter, handleAdmin } from './http/admin';
import { corsPreflight, handleFunctionCall } from './http/bridge';
import { handleClientUpload } from './http/client-upload';
import { HTTP_PREFIX, handleHttpAccess } from './http/http-access';
import { renderDevPage } from './http/dev-page';
import { handleTencentCloud } from './http/tencentcloud';
import { handleWecom } from './http/wecom';
import { readJson, sendBytes, sendJson } from './http/respond';
import { close, createHttpServer, listen, type Route } from './http/server';
import { MessageLog } from './messages';
import { localNotifyEnv } from './notify-env';
import { FunctionRunner } from './runner/function-runner';
import { Scheduler, type TimerRun } from './scheduler/scheduler';
import { MetaStore, openSqlite } from './sqlite';

const ROOT = path.resolve(__dirname, '..');

export interface LocalCloudOptions {
  /** Data folder (SQLite, stored files); an empty folder starts a fresh environment. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  functionsDir?: string;
  /** The browser build to serve at `/`; false serves none. Default dist/h5 when it exists. */
  h5Dir?: string | false;
  envId?: string;
  appId?: string;
  /** Seed the demo data into a fresh environment (default true). */
  seed?: boolean;
  /** Run timer triggers on the clock (default true). */
  scheduler?: boolean;
  /** Start one instance of each function right away (default false). */
  prewarm?: boolean;
  /**
   * File and work demo complaints through the functions once per environment (default false: tests start
   * empty; `npm start` turns it on so the app shows tickets in every state).
   */
  demoComplaints?: boolean;
  maxInstances?: number;
  /** Write a CPU profile of every function instance into this folder (LOCALCLOUD_CPU_PROF). */
  cpuProfileDir?: string;
  /** Where function log lines go (default: dropped). */
  onFunctionLog?: (fn: string, line: string) => void;
  onTimerRun?: (run: TimerRun) => void;
  /**
   * Extra environment variables for every function (e.g. to switch on an optional integration in a test);
   * a function of the local cloud's URL when they must point back at it.
   */
  functionEnv?: Record<string, string> | ((url: string) => Record<string, string>);
}

export interface LocalCloud {
  url: string;
  port: number;
  dataDir: string;
  envId: string;
  clock: Clock;
  database: DatabaseEngine;
  storage: StorageService;
  openapi: OpenApi;
  messages: MessageLog;
  runner: FunctionRunner;
  scheduler: Scheduler;
  counter: ActionCounter;
  /** The secret the `logistics` function checks pushes against (LOGISTICS_PUSH_SECRET in its environment). */
  logisticsPushSecret: string;
  close(): Promise<void>;
}

/** Secrets the functions read from their environment; generated once per environment and kept with its data. */
function functionSecrets(meta: MetaStore): Record<string, string> {
  const stored = meta.get<Record<string, string>>('functionSecrets') ?? {};
  // Environments created before a secret existed get it added, and keep the ones they have.
  const secrets = {
    DATA_ENCRYPTION_KEY: stored.DATA_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    // The logistics provider's push signing secret (shared/logistics/signature.ts); `npm start` prints it.
    LOGISTICS_PUSH_SECRET: stored.LOGISTICS_PUSH_SECRET ?? randomBytes(32).toString('hex'),
    ...stored,
  };
  if (Object.keys(secrets).length !== Object.keys(stored).length) meta.set('functionSecrets', secrets);
  return secrets;
}

function seedDemoData(meta: MetaStore, database: DatabaseEngine, clock: Clock): void {
  if (meta.get('seededAt')) return;
  for (const [name, docs] of Object.entries(buildDemoData(clock.now()))) {
    database.createCollection(name);
    if (docs.length) database.insertMany(name, docs);
  }
  meta.set('seededAt', clock.now().toISOString());
}

/** Start the whole local cloud: gateway, storage, open APIs, function runner, scheduler, bridge and browser build. */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const envId = options.envId ?? 'local-env';
  const appId = options.appId ?? 'wx-local-app';
  const dataDir = path.resolve(options.dataDir);
  const functionsDir = options.functionsDir ?? path.join(ROOT, 'dist', 'cloudfunctions');
  const h5Dir = options.h5Dir === false ? undefined : (options.h5Dir ?? path.join(ROOT, 'dist', 'h5'));
  const hasBrowserBuild = !!h5Dir && fs.existsSync(path.join(h5Dir, 'index.html'));

  const sqlite = openSqlite(dataDir);
  const meta = new MetaStore(sqlite);
  const clock = new Clock(meta);
  const messages = new MessageLog(sqlite);
  const database = new DatabaseEngine({ db: sqlite, clock, collections: COLLECTIONS });
  if (options.seed !== false) seedDemoData(meta, database, clock);

  let url = '';
  const storage = new StorageService({ dir: path.join(dataDir, 'storage'), envId, baseUrl: () => url, clock });
  const openapi = new OpenApi({
    messages,
    clock,
    appId,
    pageUrl: (page, scene) => `${url}/#/${page}?scene=${encodeURIComponent(scene)}`,
  });
  const counter = new ActionCounter();
  let runner: FunctionRunner | undefined;
  let scheduler: Scheduler | undefined;

  // dev: true reads dist/h5 from disk on each request, so a rebuild shows without restarting the local cloud.
  const serveStatic = hasBrowserBuild ? sirv(h5Dir, { etag: true, dev: true }) : undefined;
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/admin',
      handle: (req, res) =>
        handleAdmin(req, res, {
          database,
          storage,
          openapi,
          functions: {
            // functions.invokeFunction: a call from inside a function runs without a user identity.
            invoke: async (name, requestData) => {
              const result = await runner!.invoke(name, requestData ? JSON.parse(requestData) : {}, { source: 'scf' });
              return result.ok
                ? json({ response_data: JSON.stringify(result.result) })
                : { kind: 'error', code: 'FUNCTIONS_EXECUTE_FAIL', message: result.error?.errMsg ?? 'function failed' };
            },
          },
        }, counter),
    },
    ...storage.routes(),
    { method: 'POST', path: '/tencentcloud/', handle: (req, res, u) => handleTencentCloud(req, res, u, messages, clock) },
    { method: 'POST', path: '/wecom/', handle: (req, res, u) => handleWecom(req, res, u, messages, clock) },
    { method: 'OPTIONS', path: '/fn/', handle: (_req, res) => corsPreflight(res) },
    { method: 'POST', path: '/fn/', handle: (req, res, u) => handleFunctionCall(req, res, u, runner!, appId) },
    { method: '*', path: `${HTTP_PREFIX}/`, handle: (req, res, u) => handleHttpAccess(req, res, u, runner!) },
    { method: 'OPTIONS', path: '/storage/upload', handle: (_req, res) => corsPreflight(res) },
    { method: 'POST', path: '/storage/upload', handle: (req, res, u) => handleClientUpload(req, res, u, storage) },
    {
      method: 'GET',
      path: '/healthz',
      handle: (_req, res) => {
        const functions = runner!.list().map((f) => f.name);
        const ready = functions.length > 0 && (options.scheduler === false || scheduler!.running);
        sendJson(res, ready ? 200 : 503, { ok: ready, envId, now: toIso(clock.now()), functions, timers: scheduler!.timers, browserBuild: hasBrowserBuild });
      },
    },
    {
      method: 'GET',
      path: '/__local/messages',
      handle: (_req, res, u) => {
        const channel = u.searchParams.get('channel');
        const to = u.searchParams.get('to');
        const list = messages
          .list()
          .filter((m) => (!channel || m.channel === channel) && (!to || m.to === to))
          .map(({ seq, at, channel: ch, to: recipient, template, data, extra }) => ({ seq, at, channel: ch, to: recipient, template, data, ...extra }));
        sendJson(res, 200, list);
      },
    },
    { method: 'GET', path: '/__local/clock', handle: (_req, res) => sendJson(res, 200, { now: toIso(clock.now()), offsetMs: clock.offsetMs }) },
    {
      method: 'POST',
      path: '/__local/clock',
      handle: async (req, res) => {
        const body = await readJson<{ advanceMinutes?: unknown; stepMinutes?: unknown }>(req, 4096);
        const minutes = Number(body.advanceMinutes ?? 0);
        const step = body.stepMinutes === undefined ? undefined : Number(body.stepMinutes);
        if (!Number.isFinite(minutes) || minutes < 0 || minutes > 366 * 24 * 60 || (step !== undefined && (!Number.isFinite(step) || step <= 0))) {
          return sendJson(res, 400, { error: 'advanceMinutes must be a number of minutes ≥ 0 (at most a year); stepMinutes > 0 when given' });
        }
        const ran = await scheduler!.advance(minutes * 60_000, step ? step * 60_000 : undefined);
        sendJson(res, 200, { now: toIso(clock.now()), offsetMs: clock.offsetMs, ran });
      },
    },
    { method: 'GET', path: '/__local/stats', handle: (_req, res) => sendJson(res, 200, { gateway: counter.snapshot() }) },
    {
      method: 'POST',
      path: '/__local/stats/reset',
      handle: (_req, res) => {
        counter.reset();
        sendJson(res, 200, { ok: true });
      },
    },
    {
      method: 'GET',
      path: '/__local/',
      handle: (_req, res) =>
        sendBytes(
          res,
          200,
          renderDevPage({
            now: toIso(clock.now()),
            envId,
            functions: runner!.list().map((f) => ({ name: f.name, timeoutMs: f.timeoutMs })),
            timers: scheduler!.timers,
            identities: DEMO_IDENTITIES.map((i) => ({ openid: i.openid, name: i.name, role: ROLE_LABELS[i.role] })),
            messages: messages.list(),
            hasBrowserBuild,
          }),
          'text/html; charset=utf-8',
        ),
    },
  ];

  const fallback = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && serveStatic) return serveStatic(req, res, () => sendJson(res, 404, { error: 'not found' }));
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://x').pathname === '/') {
      return sendBytes(res, 200, '<meta charset="utf-8"><p>浏览器版尚未构建：运行 <code>npm run build:h5</code>，或打开 <a href="/__local/">开发面板</a>。</p>', 'text/html; charset=utf-8');
    }
    sendJson(res, 404, { error: 'not found' });
  };
  const server = createHttpServer(routes, fallback);
  const port = await listen(server, options.port ?? 8787, options.host ?? '127.0.0.1');
  url = `http://127.0.0.1:${port}`;

  const functionEnv = { ...functionSecrets(meta), ...localNotifyEnv(url), ...(typeof options.functionEnv === 'function' ? options.functionEnv(url) : options.functionEnv) };
  runner = new FunctionRunner({
    functionsDir,
    gatewayUrl: url,
    envId,
    appId,
    clock,
    maxInstances: options.maxInstances,
    cpuProfileDir: options.cpuProfileDir,
    env: functionEnv,
    onLog: options.onFunctionLog,
  });
  scheduler = new Scheduler(runner, clock, options.onTimerRun);
  if (options.scheduler !== false) scheduler.start();
  if (options.prewarm) await runner.prewarm();
  if (options.demoComplaints && options.seed !== false && !meta.get('demoComplaintsAt')) {
    const invoke = runner;
    await seedDemoComplaints(async (fn, action, input, openid, requestId) => {
      const res = await invoke.invoke(fn, { action, input, ...(requestId ? { requestId } : {}) }, { openid, source: 'wx_client' });
      if (!res.ok) throw new Error(`demo complaints: ${fn}.${action} failed: ${res.error?.errMsg}`);
      return res.result as Envelope<unknown>;
    });
    meta.set('demoComplaintsAt', clock.now().toISOString());
  }

  const cloud: LocalCloud = {
    url,
    port,
    dataDir,
    envId,
    clock,
    database,
    storage,
    openapi,
    messages,
    runner,
    scheduler,
    counter,
    logisticsPushSecret: functionEnv.LOGISTICS_PUSH_SECRET,
    async close() {
      await scheduler!.stop();
      await close(server);
      await runner!.close();
      sqlite.close();
    },
  };
  return cloud;
}
