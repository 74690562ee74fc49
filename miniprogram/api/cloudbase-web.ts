import { CLOUDBASE_ENV, CLOUDBASE_REGION } from '../env';

/**
 * Browser build in production: CloudBase's web SDK (@cloudbase/js-sdk), loaded on the first call only — its app,
 * auth, functions and storage modules are ~390 KB, so the page never pays for them up front, and the local-cloud
 * build (no TARO_APP_CLOUDBASE_ENV) never loads them at all. The user is signed in anonymously once; the login is
 * persisted in localStorage, so the same browser keeps the same CloudBase uid — the `web:<uid>` customer the
 * functions see (cloudfunctions/_server/caller.ts). Imported only from `*.h5.ts` files.
 */

/** The part of the SDK's app object this build uses (its own typings pull in every optional module). */
export interface WebApp {
  callFunction(options: { name: string; data?: unknown }): Promise<{ result: unknown }>;
  uploadFile(options: { cloudPath: string; filePath: unknown; onUploadProgress?: (e: { loaded: number; total: number }) => void }): Promise<{ fileID: string }>;
}

interface WebAuth {
  getLoginState(): Promise<unknown>;
  signInAnonymously(): Promise<{ error?: { message?: string } | null }>;
}

let appPromise: Promise<WebApp> | undefined;

async function connect(): Promise<WebApp> {
  const [app, auth, functions, storage] = await Promise.all([
    import(/* webpackChunkName: "cloudbase" */ '@cloudbase/js-sdk/app'),
    import(/* webpackChunkName: "cloudbase" */ '@cloudbase/js-sdk/auth'),
    import(/* webpackChunkName: "cloudbase" */ '@cloudbase/js-sdk/functions'),
    import(/* webpackChunkName: "cloudbase" */ '@cloudbase/js-sdk/storage'),
  ]);
  const cloudbase = (app as unknown as { default?: unknown }).default ?? app;
  auth.registerAuth(cloudbase as never);
  functions.registerFunctions(cloudbase as never);
  storage.registerStorage(cloudbase as never);
  const instance = (cloudbase as { init(config: Record<string, unknown>): WebApp & { auth(o: { persistence: string }): WebAuth } }).init({
    env: CLOUDBASE_ENV,
    region: CLOUDBASE_REGION,
    persistence: 'local',
  });
  const login = instance.auth({ persistence: 'local' });
  if (!(await login.getLoginState())) {
    const { error } = await login.signInAnonymously();
    // Anonymous login must be switched on in the CloudBase console (身份认证 → 匿名登录).
    if (error) throw new Error(error.message || 'anonymous sign-in failed');
  }
  return instance;
}

/** The signed-in app; a failed start is retried on the next call rather than cached. */
export function webApp(): Promise<WebApp> {
  appPromise ??= connect().catch((error) => {
    appPromise = undefined;
    throw error;
  });
  return appPromise;
}

export async function callWebFunction(name: string, data: unknown): Promise<unknown> {
  const res = await (await webApp()).callFunction({ name, data });
  return res.result;
}
