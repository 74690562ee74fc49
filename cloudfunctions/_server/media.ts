import { cloud } from './cloud';

interface TempFile {
  fileID: string;
  tempFileURL?: string;
  status: number;
}

/** Temporary download URLs for stored files (one storage call); `url` is absent for a file that does not exist. */
export async function tempUrls(fileIds: readonly string[]): Promise<Array<{ fileId: string; url?: string }>> {
  if (!fileIds.length) return [];
  const res = (await cloud.getTempFileURL({ fileList: [...fileIds] })) as unknown as { fileList: TempFile[] };
  const byId = new Map(res.fileList.map((f) => [f.fileID, f]));
  return fileIds.map((fileId) => {
    const f = byId.get(fileId);
    return f && f.status === 0 && f.tempFileURL ? { fileId, url: f.tempFileURL } : { fileId };
  });
}
