import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * Runs the built WeChat output (dist/weapp) the way the WeChat JS engine would, without DevTools:
 * `miniprogram-simulate` provides the `wx` API, each output file is evaluated once as a CommonJS module
 * with `wx`, `App`, `Page`, `Component` in scope, and the `setData` calls a page makes are recorded.
 * (miniprogram-simulate cannot render Taro's WXML, so the data sent to the view is what we check.)
 */

type AnyFn = (...args: any[]) => any;
export type CallFunction = (req: { name: string; data: { action: string; input: unknown; requestId?: string } }) => Promise<{ result: unknown }>;

export interface PageHarness {
  /** Every `setData` payload, in order. */
  diffs: Record<string, unknown>[];
  /** All diffs as one JSON string, to look for rendered text. */
  rendered(): string;
  instance: Record<string, any>;
}

export interface WeappRuntime {
  app: Record<string, any>;
  calls: Array<{ name: string; action: string; input: unknown; requestId?: string }>;
  cloudInit: unknown[];
  /** Loads a page's JS and runs onLoad + onShow with `query` (as WeChat passes it: values URL-encoded). */
  openPage(route: string, query?: Record<string, string>): Promise<PageHarness>;
  /** Resolves once pending timers and promises have run. */
  settle(ms?: number): Promise<void>;
}

export function loadWeappRuntime(dir: string, callFunction: CallFunction): WeappRuntime {
  const nodeRequire = createRequire(__filename);
  // Registers the wx API (global.wx) and the built-in components; needs a DOM-like window (jsdom).
  nodeRequire('miniprogram-simulate');
  const wx = (globalThis as any).wx as Record<string, any>;

  const calls: WeappRuntime['calls'] = [];
  const cloudInit: unknown[] = [];
  wx.cloud = {
    init: (opts: unknown) => void cloudInit.push(opts),
    callFunction: async (req: Parameters<CallFunction>[0]) => {
      calls.push({ name: req.name, action: req.data.action, input: req.data.input, requestId: req.data.requestId });
      return callFunction(req);
    },
  };

  let appConfig: Record<string, any> | undefined;
  const pageConfigs = new Map<string, Record<string, any>>();
  let loadingFile = '';
  const globals = {
    wx,
    App: (config: Record<string, any>) => void (appConfig = config),
    Page: (config: Record<string, any>) => void pageConfigs.set(loadingFile, config),
    Component: () => undefined,
    getApp: () => appConfig,
    getCurrentPages: () => [],
    requirePlugin: () => ({}),
  };

  const cache = new Map<string, { exports: unknown }>();
  function load(file: string): unknown {
    const abs = path.resolve(dir, file.endsWith('.js') ? file : `${file}.js`);
    const cached = cache.get(abs);
    if (cached) return cached.exports;
    const mod = { exports: {} as unknown };
    cache.set(abs, mod);
    const code = fs.readFileSync(abs, 'utf8');
    const names = Object.keys(globals);
    const fn = new Function('require', 'module', 'exports', ...names, code) as AnyFn;
    const previous = loadingFile;
    loadingFile = path.relative(dir, abs).replace(/\.js$/, '');
    fn((dep: string) => load(path.join(path.dirname(path.relative(dir, abs)), dep)), mod, mod.exports, ...names.map((n) => (globals as any)[n]));
    loadingFile = previous;
    return mod.exports;
  }

  for (const file of ['runtime', 'taro', 'vendors', 'common']) if (fs.existsSync(path.join(dir, `${file}.js`))) load(file);
  load('app');
  if (!appConfig) throw new Error('app.js did not call App()');
  const app = appConfig;
  const launch = { path: 'pages/complaint/index', query: {}, scene: 1001 };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);

  const settle = (ms = 50) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  return {
    app,
    calls,
    cloudInit,
    settle,
    async openPage(route, query = {}) {
      load(route);
      const config = pageConfigs.get(route);
      if (!config) throw new Error(`${route}.js did not call Page()`);
      const diffs: Record<string, unknown>[] = [];
      const instance: Record<string, any> = Object.assign(Object.create(config), {
        route,
        __route__: route,
        __wxWebviewId__: diffs.length,
        data: {},
        setData(data: Record<string, unknown>, cb?: () => void) {
          diffs.push(data);
          Object.assign(instance.data, data);
          cb?.();
        },
        getTabBar: () => undefined,
      });
      instance.onLoad.call(instance, query);
      instance.onShow?.call(instance);
      instance.onReady?.call(instance);
      await settle();
      return { diffs, instance, rendered: () => JSON.stringify(diffs) };
    },
  };
}

/** Polls until `check` passes or the time is up; returns whether it passed. */
export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
