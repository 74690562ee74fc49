import type { MediaKind } from './media';
import type { UploadHandle } from './upload';

export type { UploadHandle } from './upload';

/**
 * Browser build: the local cloud has no client-side storage upload (WeChat's client SDK signs uploads
 * itself; the browser has neither it nor an upload-ticket action), so picked files stay on this device.
 * The form says so plainly and submits without them.
 */
export const UPLOAD_SUPPORTED = false;

export function uploadMedia(_localPath: string, _kind: MediaKind, _onProgress: (percent: number) => void): UploadHandle {
  return { done: Promise.reject(new Error('upload not available in the browser build')), abort: () => undefined };
}
