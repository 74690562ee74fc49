import crypto from 'node:crypto';
import { COLLECTIONS } from '../../shared/db/collections';

/** Version of the file layout below; a restore refuses a format it does not know. */
export const BACKUP_FORMAT = 1;

export interface CollectionEntry {
  file: string;
  count: number;
  /** sha256 of the `.jsonl` file's bytes: the file arrived intact. */
  sha256: string;
  /** sha256 over the documents with keys sorted: the restored data is the same data, whatever its key order. */
  contentSha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  finishedAt: string;
  source: string;
  /** Fingerprint of shared/db/collections.ts (collections and indexes) of the code that wrote the backup. */
  schemaVersion: string;
  collections: Record<string, CollectionEntry>;
}

export function schemaVersion(): string {
  return crypto.createHash('sha256').update(JSON.stringify(COLLECTIONS)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, for the content hash. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

/** Running content hash: one canonical line per document, in `_id` order. */
export class ContentHash {
  private hash = crypto.createHash('sha256');
  add(encoded: unknown): void {
    this.hash.update(canonical(encoded)).update('\n');
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}
