/**
 * Cloud paths (`img/a.png`) and the fileIDs CloudBase hands out for them
 * (`cloud://<envId>.<bucket>/<path>`, e.g. `cloud://local-env.6c6f-local/img/a.png`).
 */

/** CloudBase limits an object key to 850 bytes. */
const MAX_PATH_BYTES = 850;

/**
 * `?`, `#` and `%` are refused on top of CloudBase's own rules: temporary URLs carry the path unencoded
 * (the SDK runs `encodeURI` over them, browsers encode on their own), which only round-trips without these.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\\?#%]/;

/** Why a cloud path is refused, or `null` when it is usable. Rejects traversal and absolute paths. */
export function cloudPathProblem(path: unknown): string | null {
  if (typeof path !== 'string' || path.length === 0) return 'the cloud path must be a non-empty string';
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) return `the cloud path is longer than ${MAX_PATH_BYTES} bytes`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the cloud path must be relative (no leading "/")';
  if (FORBIDDEN_CHARS.test(path)) return 'the cloud path contains a control character, "\\", "?", "#" or "%"';
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return 'the cloud path contains an empty segment ("//" or a trailing "/")';
  if (segments.some((s) => s === '.' || s === '..')) return 'the cloud path must not contain "." or ".." segments';
  return null;
}

/** The bucket part of a fileID: hex of the env id's first two characters, then `local` where CloudBase has the app id. */
export function defaultBucket(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-local`;
}

export function formatFileId(envId: string, bucket: string, path: string): string {
  return `cloud://${envId}.${bucket}/${path}`;
}

export type ParsedFileId =
  | { ok: true; path: string }
  /** CloudBase codes: a malformed id is INVALID_PARAM, another environment's file is not ours to touch. */
  | { ok: false; code: 'INVALID_PARAM' | 'STORAGE_EXCEED_AUTHORITY'; message: string };

export function parseFileId(fileId: unknown, envId: string, bucket: string): ParsedFileId {
  if (typeof fileId !== 'string') return { ok: false, code: 'INVALID_PARAM', message: 'fileID must be a string' };
  const match = /^cloud:\/\/([^/.]+)\.([^/]+)\/(.+)$/.exec(fileId);
  if (!match) return { ok: false, code: 'INVALID_PARAM', message: `malformed fileID ${fileId}` };
  const [, env, fileBucket, path] = match;
  if (env !== envId || fileBucket !== bucket) {
    return { ok: false, code: 'STORAGE_EXCEED_AUTHORITY', message: `${fileId} belongs to another environment or bucket` };
  }
  const problem = cloudPathProblem(path);
  if (problem) return { ok: false, code: 'INVALID_PARAM', message: problem };
  return { ok: true, path };
}
