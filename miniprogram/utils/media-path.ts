import { newRequestId } from '../api';
import { chinaDay } from './time';
import type { MediaKind } from './media';

/** Where a picked file goes in cloud storage (both builds; kept apart so each build's upload module can use it). */
export function cloudPath(kind: MediaKind, localPath: string): string {
  const ext = /\.(\w{2,5})$/.exec(localPath)?.[1]?.toLowerCase() ?? (kind === 'video' ? 'mp4' : 'jpg');
  return datedCloudPath('complaint-media', ext);
}

/**
 * `<folder>/<China date YYYYMMDD>/<random>.<ext>`: dated folders stay tidy, and a random name means the openid is
 * not needed in the path and guessing another person's file is hopeless.
 */
export function datedCloudPath(folder: string, ext: string): string {
  return `${folder}/${chinaDay().replaceAll('-', '')}/${newRequestId()}.${ext}`;
}

