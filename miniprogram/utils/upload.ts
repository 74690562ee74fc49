import Taro from '@tarojs/taro';
import type { MediaKind } from './media';
import { cloudPath } from './media-path';

/** WeChat build: files go straight to cloud storage with `wx.cloud.uploadFile` (progress included). */
export const UPLOAD_SUPPORTED = true;

export interface UploadHandle {
  /** The cloud fileID (`cloud://…`) that `complaint.submit` takes in `mediaFileIds`. */
  done: Promise<string>;
  abort(): void;
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
