import { datedCloudPath } from './media-path';

export interface PickedImportFile {
  fileId: string;
  name: string;
  bytes: number;
}

/** Where an administrator's logistics file goes in cloud storage: a dated folder, a random name, its own extension. */
export function importCloudPath(fileName: string): string {
  const ext = /\.json$/i.test(fileName) ? 'json' : 'csv';
  return datedCloudPath('logistics-import', ext);
}
