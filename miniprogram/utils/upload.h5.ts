import { currentDevOpenid } from '../dev-identity/store';
import { API_BASE, CLOUDBASE_ENV } from '../env';
import type { MediaKind } from './media';
import { cloudPath } from './media-path';
import type { UploadHandle } from './upload';

export type { UploadHandle } from './upload';

/**
 * Browser build: files go to the local cloud's storage through its upload bridge (`POST /storage/upload`, the
 * counterpart of `Taro.cloud.uploadFile`), with progress from XHR — or, against a deployed CloudBase environment,
 * through the web SDK's uploadFile as the signed-in (anonymous) user.
 */
export const UPLOAD_SUPPORTED = true;

function uploadThroughWebSdk(localPath: string, kind: MediaKind, onProgress: (percent: number) => void): UploadHandle {
  let aborted = false;
  const done = (async () => {
    const blob = await (await fetch(localPath)).blob();
    const name = cloudPath(kind, blob.type === 'image/png' ? `${localPath}.png` : kind === 'video' ? `${localPath}.mp4` : `${localPath}.jpg`);
    const file = new File([blob], name.slice(name.lastIndexOf('/') + 1), { type: blob.type || (kind === 'video' ? 'video/mp4' : 'image/jpeg') });
    const { webApp } = await import(/* webpackChunkName: "cloudbase-web" */ '../api/cloudbase-web');
    const app = await webApp();
    if (aborted) throw new Error('aborted');
    const res = await app.uploadFile({
      cloudPath: name,
      filePath: file,
      onUploadProgress: (e) => e.total && onProgress(Math.round((e.loaded / e.total) * 100)),
    });
    if (aborted) throw new Error('aborted');
    return res.fileID;
  })();
  // The SDK offers no cancel: an aborted upload finishes in the background and its fileID is dropped.
  return { done, abort: () => (aborted = true) };
}

export function uploadMedia(localPath: string, kind: MediaKind, onProgress: (percent: number) => void): UploadHandle {
  if (CLOUDBASE_ENV) return uploadThroughWebSdk(localPath, kind, onProgress);
  const xhr = new XMLHttpRequest();
  const done = (async () => {
    // `chooseMedia` in the browser hands out blob: URLs; read the bytes back to send them.
    const blob = await (await fetch(localPath)).blob();
    const name = cloudPath(kind, blob.type === 'image/png' ? `${localPath}.png` : kind === 'video' ? `${localPath}.mp4` : `${localPath}.jpg`);
    return new Promise<string>((resolve, reject) => {
      xhr.open('POST', `${API_BASE}/storage/upload?path=${encodeURIComponent(name)}`);
      xhr.setRequestHeader('content-type', blob.type || (kind === 'video' ? 'video/mp4' : 'image/jpeg'));
      xhr.setRequestHeader('x-dev-openid', currentDevOpenid());
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
      xhr.onload = () => {
        try {
          const body = JSON.parse(xhr.responseText) as { fileID?: string; errMsg?: string };
          if (xhr.status === 200 && body.fileID) resolve(body.fileID);
          else reject(new Error(body.errMsg || `upload failed (${xhr.status})`));
        } catch {
          reject(new Error(`upload failed (${xhr.status})`));
        }
      };
      xhr.onerror = () => reject(new Error('network error'));
      xhr.onabort = () => reject(new Error('aborted'));
      xhr.send(blob);
    });
  })();
  return { done, abort: () => xhr.abort() };
}
