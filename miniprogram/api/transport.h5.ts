import { currentDevOpenid } from '../dev-identity/store';
import { API_BASE, CLOUDBASE_ENV } from '../env';
import type { CallPayload } from './transport';

export type { CallPayload } from './transport';

/** Longer than any function's timeout (≤ 60 s in the cloud, shorter locally), so only a dead network hits it. */
const TIMEOUT_MS = 30_000;

/**
 * Browser build. Against a deployed CloudBase environment (TARO_APP_CLOUDBASE_ENV): the web SDK's callFunction,
 * loaded lazily (cloudbase-web.ts). Otherwise: POST to the local cloud's function bridge with the development
 * identity; handled errors come back as HTTP 200 envelopes, the JSON body is the envelope either way.
 */
export async function send(name: string, payload: CallPayload): Promise<unknown> {
  if (CLOUDBASE_ENV) {
    const { callWebFunction } = await import(/* webpackChunkName: "cloudbase-web" */ './cloudbase-web');
    return callWebFunction(name, payload);
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
  try {
    const res = await fetch(`${API_BASE}/fn/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-openid': currentDevOpenid() },
      body: JSON.stringify(payload),
      signal: controller?.signal,
    });
    return await res.json();
  } finally {
    if (timer) clearTimeout(timer);
  }
}
