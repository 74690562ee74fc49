import Taro from '@tarojs/taro';

export type MediaKind = 'image' | 'video';

/** A photo or video the customer picked, before or after upload. */
export interface PickedMedia {
  /** Local temp path (WeChat) or blob URL (browser). */
  path: string;
  kind: MediaKind;
  size: number;
  /** What to show in the grid: the image itself, or a video's cover frame. */
  thumb: string;
  /** Seconds, videos only. */
  duration?: number;
}

/** DOMAIN.md: up to 6 files. Short videos only: long ones are slow to upload on a phone and rarely needed. */
export const MAX_MEDIA = 6;
export const MAX_VIDEO_SECONDS = 30;
/** After WeChat's compression; a bigger file fails on weak mobile networks more often than not. */
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
const COMPRESS_VIDEO_ABOVE = 10 * 1024 * 1024;

const isCancel = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? error));

/**
 * Photos and short videos from the album or camera, images already compressed by WeChat (`sizeType`).
 * A cancelled picker is an empty answer, not an error.
 */
export async function pickMedia(count: number): Promise<PickedMedia[]> {
  if (count <= 0) return [];
  let res: Taro.chooseMedia.SuccessCallbackResult;
  try {
    res = await Taro.chooseMedia({ count, mediaType: ['image', 'video'], sourceType: ['album', 'camera'], sizeType: ['compressed'], maxDuration: MAX_VIDEO_SECONDS, camera: 'back' });
  } catch (error) {
    if (isCancel(error)) return [];
    throw error;
  }
  return res.tempFiles.slice(0, count).map((f) => {
    // WeChat says `video`; the browser build gives the MIME type (`video/mp4`).
    const kind: MediaKind = /video/.test(String(f.fileType)) ? 'video' : 'image';
    return { path: f.tempFilePath, kind, size: f.size, thumb: f.thumbTempFilePath || f.tempFilePath, ...(kind === 'video' ? { duration: f.duration } : {}) };
  });
}

/** WeChat only: big videos are re-encoded before upload (images were compressed when picked). */
export async function compressForUpload(media: PickedMedia): Promise<PickedMedia> {
  if (process.env.TARO_ENV !== 'weapp' || media.kind !== 'video' || media.size <= COMPRESS_VIDEO_ABOVE) return media;
  try {
    const out = await Taro.compressVideo({ src: media.path, quality: 'medium', bitrate: 1200, fps: 30, resolution: 0.7 });
    return { ...media, path: out.tempFilePath, size: out.size };
  } catch {
    return media; // compression is a nicety; the original still uploads
  }
}
