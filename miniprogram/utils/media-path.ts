import { newRequestId } from '../api';
import type { MediaKind } from './media';

/** Where a picked file goes in cloud storage (both builds; kept apart so each build's upload module can use it). */
export function cloudPath(kind: MediaKind, localPath: string): string {
  const ext = /\.(\w{2,5})$/.exec(localPath)?.[1]?.toLowerCase() ?? (kind === 'video' ? 'mp4' : 'jpg');
  const d = new Date(Date.now() + 8 * 3600_000); // the China date, for tidy folders
  const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  // A random name: the openid is not needed in the path, and guessing another customer's file must be hopeless.
  return `complaint-media/${day}/${newRequestId()}.${ext}`;
}

