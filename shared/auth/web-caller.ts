/**
 * Callers from the browser build in production: CloudBase's web SDK signs the user in (anonymously, or with a
 * custom login ticket the company issues) and the platform tells the function who that is — `TCB_UUID` and
 * `TCB_CUSTOM_USER_ID` in the invocation's environment, never anything the browser sends in the event.
 * Such a caller gets an identity of its own, `web:<uid>` (or `web:cu:<custom user id>`), which cannot collide
 * with a WeChat OPENID (those never contain `:`).
 */
export const WEB_CALLER_PREFIX = 'web:';

export interface CloudbaseUser {
  /** The CloudBase end-user id (`TCB_UUID`): anonymous users get one that lasts as long as the browser keeps its login. */
  uid?: string;
  /** Set when the company signed the user in with a custom ticket: its own customer id. */
  customUserId?: string;
}

const ID_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

/** The identity a web caller acts as, or undefined when the platform vouched for nobody. */
export function webCallerId(user: CloudbaseUser): string | undefined {
  const custom = user.customUserId?.trim();
  if (custom && ID_RE.test(custom)) return `${WEB_CALLER_PREFIX}cu:${custom}`;
  const uid = user.uid?.trim();
  if (uid && ID_RE.test(uid)) return `${WEB_CALLER_PREFIX}${uid}`;
  return undefined;
}

export const isWebCaller = (openid: string | undefined): boolean => Boolean(openid?.startsWith(WEB_CALLER_PREFIX));

/**
 * The CloudBase user from an invocation's environment: the keys the platform lists in `TCB_CONTEXT_KEYS` (as
 * @cloudbase/node-sdk's getCloudbaseContext reads them), falling back to the well-known names.
 */
export function cloudbaseUserFromEnv(env: Record<string, string | undefined>): CloudbaseUser {
  const listed = new Set((env.TCB_CONTEXT_KEYS ?? '').split(',').map((k) => k.trim()));
  const read = (key: string) => (listed.has(key) || env[key] !== undefined ? env[key] : undefined);
  const uid = read('TCB_UUID');
  const customUserId = read('TCB_CUSTOM_USER_ID');
  return { ...(uid ? { uid } : {}), ...(customUserId ? { customUserId } : {}) };
}
