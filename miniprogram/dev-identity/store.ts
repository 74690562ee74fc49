import { DEMO_IDENTITIES, type DemoIdentity } from '@shared/demo/identities';
import { CLOUDBASE_ENV } from '../env';

/**
 * The development identity of the browser build: which demo openid the local cloud should
 * report from getWXContext(). Browser-only — imported from `*.h5.ts(x)` files alone, so
 * nothing here reaches the WeChat build.
 */

export const DEFAULT_DEV_OPENID = 'demo-customer-1';

/**
 * Only against the local cloud. A build for a deployed CloudBase environment (TARO_APP_CLOUDBASE_ENV) has no
 * development identity at all: no picker, no `?as=`, no header — the caller is whoever the web SDK signed in.
 */
export const DEV_IDENTITY_ENABLED = !CLOUDBASE_ENV;
const STORAGE_KEY = 'kousu.devOpenid';
/** Same character set as the server's ids; anything else in `?as=` is ignored. */
const OPENID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

type Listener = (openid: string) => void;
const listeners = new Set<Listener>();
let current: string | undefined;

function readStorage(): string | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY) ?? undefined;
    return value && OPENID_RE.test(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled (private mode): fall back to the default
  }
}

function writeStorage(openid: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, openid);
  } catch {
    /* not persisted; still used for this session */
  }
}

/** `?as=<openid>` before or inside the hash (`/#/pages/x/index?as=demo-admin`). */
export function openidFromUrl(href: string): string | undefined {
  const queries: string[] = [];
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const q = beforeHash.indexOf('?');
  if (q >= 0) queries.push(beforeHash.slice(q + 1));
  if (hashAt >= 0) {
    const hash = href.slice(hashAt + 1);
    const hq = hash.indexOf('?');
    if (hq >= 0) queries.push(hash.slice(hq + 1));
  }
  for (const query of queries) {
    for (const pair of query.split('&')) {
      const [key, value = ''] = pair.split('=');
      if (key !== 'as') continue;
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        /* keep raw */
      }
      if (OPENID_RE.test(decoded)) return decoded;
    }
  }
  return undefined;
}

/** The identity every browser call carries as `x-dev-openid`. The URL wins over storage, once, at start. */
export function currentDevOpenid(): string {
  if (current === undefined) {
    const fromUrl = typeof window !== 'undefined' ? openidFromUrl(window.location.href) : undefined;
    current = fromUrl ?? readStorage() ?? DEFAULT_DEV_OPENID;
    if (fromUrl) writeStorage(fromUrl);
  }
  return current;
}

export function setDevOpenid(openid: string): void {
  if (!OPENID_RE.test(openid) || openid === currentDevOpenid()) return;
  current = openid;
  writeStorage(openid);
  listeners.forEach((listener) => listener(openid));
}

export function onDevOpenidChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function findDemoIdentity(openid: string): DemoIdentity | undefined {
  return DEMO_IDENTITIES.find((identity) => identity.openid === openid);
}
