import Taro from '@tarojs/taro';
import { newRequestId } from '../api';
import type { MediaKind } from './media';

/** WeChat build: files go straight to cloud storage with `wx.cloud.uploadFile` (progress included). */
export const UPLOAD_SUPPORTED = true;

export interface UploadHandle {
  /** The cloud fileID (`cloud://…`) that `complaint.submit` takes in `mediaFileIds`. */
  done: Promise<string>;
  abort(): void;
}

function cloudPath(kind: MediaKind, localPath: string): string {
  const ext = /\.(\w{2,5})$/.exec(localPath)?.[1]?.toLowerCase() ?? (kind === 'video' ? 'mp4' : 'jpg');
  const d = new Date(Date.now() + 8 * 3600_000); // the China date, for tidy folders
  const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  // A random name: the openid is not needed in the path, and guessing another customer's file must be hopeless.
  return `complaint-media/${day}/${newRequestId()}.${ext}`;
}

export function uploadMedia(localPath: string, kind: MediaKind, onProgress: (percent: number) => void): UploadHandle {
  let task: Taro.UploadTask | undefined;
  const done = new Promise<string>((resolve, reject) => {
    task = Taro.cloud.uploadFile({
      cloudPath: cloudPath(kind, localPath),
      filePath: localPath,
      success: (res) => (res.fileID ? resolve(res.fileID) : reject(new Error('no fileID'))),
      fail: (err) => reject(new Error(err.errMsg || 'upload failed')),
    });
    task?.onProgressUpdate?.((p) => onProgress(p.progress));
  });
  return { done, abort: () => task?.abort?.() };
}
