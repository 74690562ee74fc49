import { currentDevOpenid } from '../dev-identity/store';
import { API_BASE } from '../env';
import { importCloudPath, type PickedImportFile } from './import-path';

export type { PickedImportFile } from './import-path';

/** Browser build: a file picker, then the local cloud's upload bridge (`POST /storage/upload`), as photos go. */
export function pickAndUploadImportFile(): Promise<PickedImportFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.json,.txt,text/csv,application/json';
    input.style.display = 'none';
    input.id = 'import-file-input';
    input.onchange = async () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(undefined);
      try {
        const type = /\.json$/i.test(file.name) ? 'application/json' : 'text/csv';
        const res = await fetch(`${API_BASE}/storage/upload?path=${encodeURIComponent(importCloudPath(file.name))}`, { method: 'POST', headers: { 'content-type': type, 'x-dev-openid': currentDevOpenid() }, body: file });
        const body = (await res.json()) as { fileID?: string; errMsg?: string };
        if (!res.ok || !body.fileID) return reject(new Error(body.errMsg || `上传失败（${res.status}）`));
        resolve({ fileId: body.fileID, name: file.name, bytes: file.size });
      } catch (error) {
        reject(error);
      }
    };
    document.body.appendChild(input);
    input.click();
  });
}
