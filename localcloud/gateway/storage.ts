import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Route } from '../http/server';
import { FileStore } from './storage/file-store';
import { DOWNLOAD_PREFIX, downloadRoute, UPLOAD_PREFIX, uploadAuthorization, uploadRoute } from './storage/http';
import { cloudPathProblem, defaultBucket, formatFileId, parseFileId } from './storage/paths';
import { UrlSigner } from './storage/signing';
import { GatewayError, gatewayError, json, type GatewayResult } from './types';

export interface StorageOptions {
  /** A folder under the local cloud's data folder; objects and the signing key live here. */
  dir: string;
  envId: string;
  /** The gateway's public origin (`http://127.0.0.1:8787`), known only after listen. */
  baseUrl: () => string;
  clock: Clock;
  /** Bucket part of fileIDs; default `<hex of the env id's first two chars>-local` (`6c6f-local` for `local-env`). */
  bucket?: string;
  /** How long a temporary URL works when the caller asks for no `maxAge`: default 2 h of clock time. */
  tempUrlTtlSec?: number;
  /** How long an upload authorisation from `getUploadMetadata` works: default 1 h of clock time. */
  uploadTtlSec?: number;
  /** Largest accepted upload: default 100 MB. */
  maxUploadBytes?: number;
}

/** One entry of `download_list` / `delete_list`; codes are CloudBase's (`SUCCESS`, `STORAGE_FILE_NONEXIST`, …). */
interface FileResult {
  fileID: string;
  code: string;
  message?: string;
}

/**
 * Cloud storage of the local cloud: the `storage.*` gateway actions behind `uploadFile`, `getTempFileURL` and
 * `deleteFile` (LOCALCLOUD.md), the `PUT /cos/<key>` upload and the signed `GET /files/<path>` download,
 * plus direct methods for other parts of the local cloud (seeding QR images, the browser bridge).
 */
export class StorageService {
  readonly bucket: string;
  private readonly files: FileStore;
  private readonly signer: UrlSigner;
  private readonly tempUrlTtlSec: number;
  private readonly uploadTtlSec: number;
  private readonly maxUploadBytes: number;

  constructor(private readonly options: StorageOptions) {
    this.bucket = options.bucket ?? defaultBucket(options.envId);
    this.files = new FileStore(options.dir);
    this.signer = UrlSigner.load(options.dir);
    this.tempUrlTtlSec = options.tempUrlTtlSec ?? 2 * 60 * 60;
    this.uploadTtlSec = options.uploadTtlSec ?? 60 * 60;
    this.maxUploadBytes = options.maxUploadBytes ?? 100 * 1024 * 1024;
  }

  handle(action: string, body: Record<string, unknown>): GatewayResult {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(body.path);
      case 'storage.batchGetDownloadUrl':
        return this.downloadUrls(body.file_list);
      case 'storage.batchDeleteFile':
        return this.deleteFiles(body.fileid_list);
      default:
        return gatewayError('INVALID_PARAM', `${action} is not supported by the local cloud`);
    }
  }

  /** `PUT /cos/<key>` (uploads) and `GET|HEAD /files/<path>` (temporary URLs). */
  routes(): Route[] {
    const deps = { files: this.files, signer: this.signer, clock: this.options.clock, maxUploadBytes: this.maxUploadBytes };
    return [uploadRoute(deps), downloadRoute(deps)];
  }

  /** Store bytes directly (no upload round trip) and return the fileID, as `uploadFile` would. */
  putFile(cloudPath: string, bytes: Uint8Array): string {
    const problem = cloudPathProblem(cloudPath);
    if (problem) throw new GatewayError('INVALID_PARAM', problem);
    this.files.writeBytes(cloudPath, bytes);
    return this.fileId(cloudPath);
  }

  exists(fileID: string): boolean {
    const parsed = parseFileId(fileID, this.options.envId, this.bucket);
    return parsed.ok && this.files.stat(parsed.path) !== undefined;
  }

  /** The stored bytes, or `undefined` when there is no such file. */
  read(fileID: string): Buffer | undefined {
    const parsed = parseFileId(fileID, this.options.envId, this.bucket);
    return parsed.ok ? this.files.read(parsed.path) : undefined;
  }

  /** A signed temporary URL, as `getTempFileURL` returns it; throws `STORAGE_FILE_NONEXIST` for a missing file. */
  tempUrl(fileID: string, maxAgeSec = this.tempUrlTtlSec): string {
    const parsed = parseFileId(fileID, this.options.envId, this.bucket);
    if (!parsed.ok) throw new GatewayError(parsed.code, parsed.message);
    if (!this.files.stat(parsed.path)) throw new GatewayError('STORAGE_FILE_NONEXIST', `${fileID} does not exist`);
    return this.signedUrl(parsed.path, maxAgeSec);
  }

  fileId(cloudPath: string): string {
    return formatFileId(this.options.envId, this.bucket, cloudPath);
  }

  private nowSec(): number {
    return Math.floor(this.options.clock.nowMs() / 1000);
  }

  /**
   * The path stays unencoded in the URL, as CloudBase's temporary URLs do: the SDK's `downloadFile` runs
   * `encodeURI` over it and browsers encode on their own (paths with `?`, `#`, `%` are refused at upload).
   */
  private signedUrl(cloudPath: string, maxAgeSec: number): string {
    const expires = this.nowSec() + maxAgeSec;
    const sign = this.signer.sign('get', cloudPath, expires);
    return `${this.options.baseUrl()}${DOWNLOAD_PREFIX}${cloudPath}?sign=${sign}&t=${expires}`;
  }

  private uploadMetadata(cloudPath: unknown): GatewayResult {
    const problem = cloudPathProblem(cloudPath);
    if (problem) return gatewayError('INVALID_PARAM', problem);
    const path = cloudPath as string;
    const start = this.nowSec();
    return json({
      url: `${this.options.baseUrl()}${UPLOAD_PREFIX}${encodeURIComponent(path)}`,
      // Not checked: the authorization alone carries the HMAC; the token only fills COS's security-token header.
      token: randomBytes(16).toString('base64url'),
      authorization: uploadAuthorization(this.signer, path, start, start + this.uploadTtlSec),
      fileId: this.fileId(path),
      cosFileId: createHash('sha256').update(`${this.bucket}/${path}`).digest('base64url').slice(0, 32),
    });
  }

  private downloadUrls(fileList: unknown): GatewayResult {
    if (!Array.isArray(fileList)) return gatewayError('INVALID_PARAM', 'file_list must be an array');
    const list = fileList.map((entry: unknown) => {
      const { fileid, max_age: maxAge } = (entry ?? {}) as { fileid?: unknown; max_age?: unknown };
      const ttl = typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge > 0 ? maxAge : this.tempUrlTtlSec;
      const found = this.lookup(fileid);
      if ('code' in found) return { ...found, tempFileURL: '', maxAge: ttl };
      return { fileID: found.fileID, tempFileURL: this.signedUrl(found.path, ttl), code: 'SUCCESS', maxAge: ttl };
    });
    return json({ download_list: list });
  }

  private deleteFiles(fileIdList: unknown): GatewayResult {
    if (!Array.isArray(fileIdList)) return gatewayError('INVALID_PARAM', 'fileid_list must be an array');
    const list = fileIdList.map((fileid: unknown): FileResult => {
      const found = this.lookup(fileid);
      if ('code' in found) return found;
      return this.files.remove(found.path)
        ? { fileID: found.fileID, code: 'SUCCESS' }
        : { fileID: found.fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' };
    });
    return json({ delete_list: list });
  }

  /** An existing file's path, or the per-file failure CloudBase would report for it. */
  private lookup(fileid: unknown): { fileID: string; path: string } | FileResult {
    const fileID = String(fileid ?? '');
    const parsed = parseFileId(fileid, this.options.envId, this.bucket);
    if (!parsed.ok) return { fileID, code: parsed.code, message: parsed.message };
    if (!this.files.stat(parsed.path)) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' };
    return { fileID, path: parsed.path };
  }
}
