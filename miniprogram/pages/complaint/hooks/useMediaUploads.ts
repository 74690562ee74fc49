import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DraftMedia } from '../../../utils/draft';
import { compressForUpload, MAX_MEDIA, MAX_VIDEO_BYTES, type MediaKind, type PickedMedia } from '../../../utils/media';
import { UPLOAD_SUPPORTED, uploadMedia, type UploadHandle } from '../../../utils/upload';

export type MediaStatus = 'uploading' | 'done' | 'failed' | 'local' | 'too_big';

export interface MediaItem {
  key: string;
  kind: MediaKind;
  /** Shown in the grid (a cloud fileID also works as an image source in WeChat); empty: a plain video cover. */
  thumb: string;
  status: MediaStatus;
  /** 0–100 while uploading. */
  progress: number;
  fileId?: string;
  local?: PickedMedia;
}

let seq = 0;
const nextKey = () => `m${Date.now().toString(36)}${(seq++).toString(36)}`;

/**
 * The photos and videos of one complaint: each picked file is compressed and uploaded at once, with its
 * progress; uploaded ones survive in the draft. Where the build cannot upload (browser), files stay local.
 */
export function useMediaUploads(initial: DraftMedia[]) {
  const [items, setItems] = useState<MediaItem[]>(() =>
    initial.slice(0, MAX_MEDIA).map((m) => ({ key: nextKey(), kind: m.kind, thumb: m.kind === 'image' ? m.fileId : '', status: 'done', progress: 100, fileId: m.fileId })),
  );
  const uploads = useRef(new Map<string, UploadHandle>());

  const patch = useCallback((key: string, change: Partial<MediaItem>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    async (key: string, picked: PickedMedia) => {
      patch(key, { status: 'uploading', progress: 0 });
      const ready = await compressForUpload(picked);
      if (ready.kind === 'video' && ready.size > MAX_VIDEO_BYTES) return patch(key, { status: 'too_big', progress: 0 });
      const handle = uploadMedia(ready.path, ready.kind, (progress) => patch(key, { progress }));
      uploads.current.set(key, handle);
      try {
        const fileId = await handle.done;
        if (uploads.current.get(key) === handle) patch(key, { status: 'done', progress: 100, fileId });
      } catch {
        if (uploads.current.get(key) === handle) patch(key, { status: 'failed' });
      } finally {
        if (uploads.current.get(key) === handle) uploads.current.delete(key);
      }
    },
    [patch],
  );

  const add = useCallback(
    (picked: PickedMedia[]) => {
      const fresh = picked.map((p) => ({ key: nextKey(), kind: p.kind, thumb: p.thumb, status: (UPLOAD_SUPPORTED ? 'uploading' : 'local') as MediaStatus, progress: 0, local: p }));
      setItems((list) => [...list, ...fresh].slice(0, MAX_MEDIA));
      if (UPLOAD_SUPPORTED) fresh.forEach((item) => void start(item.key, item.local));
    },
    [start],
  );

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const item = items.find((i) => i.key === key);
      if (item?.local && UPLOAD_SUPPORTED) void start(key, item.local);
    },
    [items, start],
  );

  /** After a successful submit the next complaint starts empty. */
  const clear = useCallback(() => {
    uploads.current.forEach((handle) => handle.abort());
    uploads.current.clear();
    setItems([]);
  }, []);

  // Leaving the page mid-upload: stop sending bytes nobody will use.
  useEffect(() => () => uploads.current.forEach((handle) => handle.abort()), []);

  const uploaded = useMemo<DraftMedia[]>(() => items.filter((i) => i.status === 'done' && i.fileId).map((i) => ({ fileId: i.fileId!, kind: i.kind })), [items]);
  return {
    items,
    uploaded,
    busy: items.some((i) => i.status === 'uploading'),
    failed: items.some((i) => i.status === 'failed' || i.status === 'too_big'),
    room: MAX_MEDIA - items.length,
    add,
    remove,
    retry,
    clear,
  };
}
