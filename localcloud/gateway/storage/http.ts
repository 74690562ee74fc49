import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock';
import type { Route } from '../../http/server';
import { contentTypeFor } from './content-type';
import { cosErrorXml } from './cos-xml';
import { FileStore, TooLargeError } from './file-store';
import { cloudPathProblem } from './paths';
import type { UrlSigner } from './signing';

export const UPLOAD_PREFIX = '/cos/';
export const DOWNLOAD_PREFIX = '/files/';

export interface StorageHttpDeps {
  files: FileStore;
  signer: UrlSigner;
  clock: Clock;
  maxUploadBytes: number;
}

/** The upload authorisation `getUploadMetadata` hands out, in the shape of a COS `q-sign-*` authorization. */
export function uploadAuthorization(signer: UrlSigner, cloudPath: string, startSec: number, expiresSec: number): string {
  const keyTime = `${startSec};${expiresSec}`;
  return [
    'q-sign-algorithm=sha256',
    'q-ak=local',
    `q-sign-time=${keyTime}`,
    `q-key-time=${keyTime}`,
    'q-header-list=',
    'q-url-param-list=',
    `q-signature=${signer.sign('put', cloudPath, expiresSec)}`,
  ].join('&');
}

function sendXmlError(res: ServerResponse, status: number, code: string, message: string, resource: string, head = false): void {
  const body = cosErrorXml(code, message, resource);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

/** The still-encoded path below a prefix, from the raw request line (so `..` is seen, not normalised away). */
function keyFromRequest(req: IncomingMessage, prefix: string): string | null {
  const rawPath = (req.url ?? '').split('?')[0];
  if (!rawPath.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(rawPath.slice(prefix.length));
  } catch {
    return null;
  }
}

/** `PUT /cos/<encoded key>`: the second half of `uploadFile`. Success is an empty 200 body, failure COS XML. */
export function uploadRoute(deps: StorageHttpDeps): Route {
  return {
    method: 'PUT',
    path: UPLOAD_PREFIX,
    async handle(req, res) {
      const key = keyFromRequest(req, UPLOAD_PREFIX);
      const problem = key === null ? 'the object key is not valid percent-encoding' : cloudPathProblem(key);
      if (key === null || problem) {
        req.resume();
        return sendXmlError(res, 400, 'InvalidArgument', problem ?? 'invalid key', req.url ?? '');
      }
      const auth = new URLSearchParams(String(req.headers.authorization ?? ''));
      const signature = auth.get('q-signature');
      const expiresSec = Number((auth.get('q-sign-time') ?? '').split(';')[1]);
      if (!signature || !Number.isInteger(expiresSec)) {
        req.resume();
        return sendXmlError(res, 403, 'AccessDenied', 'Access Denied: no upload authorization (call storage.getUploadMetadata first)', key);
      }
      if (!deps.signer.verify('put', key, expiresSec, signature)) {
        req.resume();
        return sendXmlError(res, 403, 'SignatureDoesNotMatch', 'The upload authorization was not issued for this key', key);
      }
      if (expiresSec * 1000 < deps.clock.nowMs()) {
        req.resume();
        return sendXmlError(res, 403, 'AccessDenied', 'Request has expired', key);
      }
      try {
        await deps.files.writeStream(key, req, deps.maxUploadBytes);
      } catch (error) {
        if (error instanceof TooLargeError) {
          req.resume();
          return sendXmlError(res, 400, 'EntityTooLarge', error.message, key);
        }
        console.error('[localcloud] storage upload failed', key, error);
        return sendXmlError(res, 500, 'InternalError', 'the local cloud could not store the object', key);
      }
      res.writeHead(200, { 'content-length': 0 });
      res.end();
    },
  };
}

/** Parse a single `Range: bytes=…` against a size; `undefined` = whole file, `null` = unsatisfiable. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? null : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? null : { start, end };
}

/**
 * `GET /files/<path>?sign=…&t=…`: what temporary URLs point at. `t` is the expiry (unix seconds, local-cloud time),
 * `sign` the HMAC over path and expiry. HEAD is answered too (`getFileInfo` asks for size and type that way),
 * and single byte ranges, which browsers need to seek in a video.
 */
export function downloadRoute(deps: StorageHttpDeps): Route {
  return {
    method: '*',
    path: DOWNLOAD_PREFIX,
    handle(req, res, url) {
      const head = req.method === 'HEAD';
      if (req.method !== 'GET' && !head) {
        res.writeHead(405, { allow: 'GET, HEAD' });
        return void res.end();
      }
      const key = keyFromRequest(req, DOWNLOAD_PREFIX);
      const sign = url.searchParams.get('sign') ?? '';
      const expiresSec = Number(url.searchParams.get('t'));
      if (key === null || cloudPathProblem(key) || !Number.isInteger(expiresSec) || !deps.signer.verify('get', key, expiresSec, sign)) {
        return sendXmlError(res, 403, 'AccessDenied', 'Access Denied: the URL signature is not valid', url.pathname, head);
      }
      const remainingSec = expiresSec - Math.floor(deps.clock.nowMs() / 1000);
      if (remainingSec < 0) return sendXmlError(res, 403, 'AccessDenied', 'Request has expired', url.pathname, head);
      const stat = deps.files.stat(key);
      if (!stat) return sendXmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname, head);

      const range = parseRange(req.headers.range, stat.size);
      if (range === null) {
        res.writeHead(416, { 'content-range': `bytes */${stat.size}` });
        return void res.end();
      }
      const { start, end } = range ?? { start: 0, end: stat.size - 1 };
      res.writeHead(range ? 206 : 200, {
        'content-type': contentTypeFor(key),
        'content-length': Math.max(0, end - start + 1),
        ...(range ? { 'content-range': `bytes ${start}-${end}/${stat.size}` } : {}),
        'accept-ranges': 'bytes',
        'last-modified': stat.mtime.toUTCString(),
        'cache-control': `private, max-age=${remainingSec}`,
        'x-content-type-options': 'nosniff',
        // The URL is the capability; the browser build may read the bytes (canvas, previews) from its own origin.
        'access-control-allow-origin': '*',
      });
      if (head || stat.size === 0) return void res.end();
      const stream = fs.createReadStream(stat.file, { start, end });
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    },
  };
}
