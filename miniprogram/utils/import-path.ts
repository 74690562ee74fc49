import { newRequestId } from '../api';

export interface PickedImportFile {
  fileId: string;
  name: string;
  bytes: number;
}

/** Where an administrator's logistics file goes in cloud storage: a dated folder, a random name, its own extension. */
export function importCloudPath(fileName: string): string {
  const ext = /\.json$/i.test(fileName) ? 'json' : 'csv';
  const d = new Date(Date.now() + 8 * 3600_000);
  const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return `logistics-import/${day}/${newRequestId()}.${ext}`;
}
