/**
 * Per-environment settings, injected at build time from `.env.development` / `.env.production`
 * (Taro defines every `TARO_APP_*` key). Read them here only, never hard-code them elsewhere.
 */

/** Cloud environment id for `Taro.cloud.init` (WeChat build). */
export const CLOUD_ENV: string = process.env.TARO_APP_CLOUD_ENV || 'local-env';

/** Base URL of the local cloud for the browser build; empty means the page's own origin. */
export const API_BASE: string = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '');

/** Subscribe-message template ids to ask for on submit (comma-separated in TARO_APP_SUBSCRIBE_TEMPLATES). */
export const SUBSCRIBE_TEMPLATES: readonly string[] = (process.env.TARO_APP_SUBSCRIBE_TEMPLATES || '')
  .split(',')
  .map((id) => id.trim())
  .filter(Boolean);

/**
 * Browser build outside the local cloud: the CloudBase environment whose functions it calls through the web SDK.
 * Empty (development, tests, `npm start`) = the local cloud's `/fn` bridge with the development identity.
 */
export const CLOUDBASE_ENV: string = (process.env.TARO_APP_CLOUDBASE_ENV || '').trim();
export const CLOUDBASE_REGION: string = (process.env.TARO_APP_CLOUDBASE_REGION || '').trim() || 'ap-shanghai';
