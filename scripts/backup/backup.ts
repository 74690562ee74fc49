import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTION_NAMES } from '../../shared/db/collections';
import type { Database } from './connect';
import { encodeValue } from './ejson';
import { BACKUP_FORMAT, ContentHash, schemaVersion, type Manifest } from './manifest';
import { countOf, readAll } from './pages';

export interface BackupOptions {
  /** Shown in the manifest (`local:http://…` or `cloudbase:<envId>`). */
  source: string;
  onProgress?: (collection: string, count: number) => void;
}

/**
 * Every collection of shared/db/collections.ts into `<dir>/<collection>.jsonl` (one document a line, in `_id`
 * order), then `manifest.json` last — a folder without a manifest is an unfinished backup.
 * The count read is compared with the collection's count: a difference means writes happened during the
 * backup (run it when the app is quiet, or accept the newer count by running it again).
 */
export async function backup(db: Database, dir: string, options: BackupOptions): Promise<Manifest> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir} already holds a backup (manifest.json): choose an empty folder`);
  const createdAt = new Date().toISOString();
  const collections: Manifest['collections'] = {};
  for (const name of COLLECTION_NAMES) {
    const file = `${name}.jsonl`;
    const fd = fs.openSync(path.join(dir, file), 'w');
    const fileHash = crypto.createHash('sha256');
    const content = new ContentHash();
    let count = 0;
    try {
      for await (const page of readAll(db, name)) {
        let chunk = '';
        for (const doc of page) {
          const encoded = encodeValue(doc);
          content.add(encoded);
          chunk += JSON.stringify(encoded) + '\n';
        }
        fs.writeSync(fd, chunk);
        fileHash.update(chunk);
        count += page.length;
        options.onProgress?.(name, count);
      }
    } finally {
      fs.closeSync(fd);
    }
    const expected = await countOf(db, name);
    if (expected !== count) throw new Error(`${name}: read ${count} documents but the collection counts ${expected} (was it written to during the backup?)`);
    collections[name] = { file, count, sha256: fileHash.digest('hex'), contentSha256: content.digest() };
  }
  const manifest: Manifest = { format: BACKUP_FORMAT, createdAt, finishedAt: new Date().toISOString(), source: options.source, schemaVersion: schemaVersion(), collections };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
