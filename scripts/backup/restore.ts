import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Database } from './connect';
import { decodeLine, encodeValue } from './ejson';
import { BACKUP_FORMAT, ContentHash, schemaVersion, type Manifest } from './manifest';
import { check, countOf, PAGE_SIZE, readAll } from './pages';

export interface RestoreOptions {
  /** Empty every collection of the backup first (a non-empty target is refused otherwise). */
  wipe?: boolean;
  /**
   * Continue an interrupted restore into the same target: documents already there are written again by `_id`
   * (replaced with the backup's version), none is duplicated.
   */
  resume?: boolean;
  onProgress?: (collection: string, written: number) => void;
  onWarning?: (message: string) => void;
}

export interface RestoreReport {
  collections: Record<string, { count: number; inserted: number; replaced: number }>;
}

/** Documents per insert request, and a byte bound so one request stays well under the gateway's body limits. */
const BATCH_DOCS = 500;
const BATCH_BYTES = 512 * 1024;

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${dir} has no manifest.json: not a finished backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`backup format ${String(manifest.format)} is not supported (expected ${BACKUP_FORMAT})`);
  return manifest;
}

/** Check every file against the manifest (bytes hash and line count) before anything is written. */
export async function verifyFiles(dir: string, manifest: Manifest): Promise<void> {
  for (const [name, entry] of Object.entries(manifest.collections)) {
    const hash = crypto.createHash('sha256');
    let lines = 0;
    for await (const chunk of fs.createReadStream(path.join(dir, entry.file))) {
      hash.update(chunk as Buffer);
      for (const byte of chunk as Buffer) if (byte === 10) lines++;
    }
    const sha = hash.digest('hex');
    if (sha !== entry.sha256) throw new Error(`${entry.file}: sha256 ${sha} does not match the manifest (${entry.sha256}) — the file was changed or truncated`);
    if (lines !== entry.count) throw new Error(`${entry.file}: ${lines} lines but the manifest says ${entry.count}`);
    void name;
  }
}

async function ensureCollection(db: Database, name: string): Promise<void> {
  try {
    const res = (await db.createCollection(name)) as { code?: string; message?: string };
    if (res?.code && !/EXIST/i.test(String(res.code) + String(res.message))) check(res, `create ${name}`);
  } catch (error) {
    if (!/EXIST/i.test(String((error as Error).message) + String((error as { code?: string }).code))) throw error;
  }
}

/** Empty a collection a page of ids at a time: every request stays small, however large the collection. */
async function wipeCollection(db: Database, name: string): Promise<void> {
  const _ = db.command;
  for (;;) {
    const res = check(await db.collection(name).field({ _id: true }).limit(PAGE_SIZE).get(), `list ${name}`);
    const ids = (res as { data: Array<{ _id: string | number }> }).data.map((d) => d._id);
    if (!ids.length) return;
    check(await db.collection(name).where({ _id: _.in(ids) }).remove(), `wipe ${name}`);
  }
}

type Doc = Record<string, unknown> & { _id: string | number };

async function writeBatch(db: Database, name: string, batch: Doc[], resume: boolean): Promise<{ inserted: number; replaced: number }> {
  let fresh = batch;
  const existing = new Set<string | number>();
  if (resume) {
    const _ = db.command;
    const res = check(
      await db.collection(name).where({ _id: _.in(batch.map((d) => d._id)) }).field({ _id: true }).limit(batch.length).get(),
      `look up ${name}`,
    );
    for (const d of (res as { data: Doc[] }).data) existing.add(d._id);
    fresh = batch.filter((d) => !existing.has(d._id));
  }
  if (fresh.length) check(await db.collection(name).add(fresh), `insert into ${name}`);
  for (const doc of batch) {
    if (!existing.has(doc._id)) continue;
    const { _id, ...rest } = doc;
    check(await db.collection(name).doc(_id).set(rest), `replace ${name}/${String(_id)}`);
  }
  return { inserted: fresh.length, replaced: existing.size };
}

/**
 * Restore a backup folder into a database: refuses a non-empty target unless `wipe` (empty it first) or
 * `resume` (write by `_id`), writes in batches, then checks each collection's count and content hash
 * against the manifest by reading everything back.
 */
export async function restore(db: Database, dir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const manifest = readManifest(dir);
  if (manifest.schemaVersion !== schemaVersion()) {
    options.onWarning?.(`the backup was written by code with another collections.ts (${manifest.schemaVersion}, now ${schemaVersion()}): check the data model before using it`);
  }
  await verifyFiles(dir, manifest);
  const names = Object.keys(manifest.collections);

  for (const name of names) await ensureCollection(db, name);
  if (options.wipe) {
    for (const name of names) await wipeCollection(db, name);
  } else if (!options.resume) {
    const busy: string[] = [];
    for (const name of names) if ((await countOf(db, name)) > 0) busy.push(name);
    if (busy.length) throw new Error(`the target is not empty (${busy.join(', ')}): restore with --wipe to replace its data, or --resume to continue an interrupted restore`);
  }

  const report: RestoreReport = { collections: {} };
  for (const name of names) {
    const entry = manifest.collections[name];
    let inserted = 0;
    let replaced = 0;
    let batch: Doc[] = [];
    let bytes = 0;
    const flush = async () => {
      if (!batch.length) return;
      const r = await writeBatch(db, name, batch, !!options.resume);
      inserted += r.inserted;
      replaced += r.replaced;
      batch = [];
      bytes = 0;
      options.onProgress?.(name, inserted + replaced);
    };
    const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, entry.file), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(decodeLine(line) as Doc);
      bytes += line.length;
      if (batch.length >= BATCH_DOCS || bytes >= BATCH_BYTES) await flush();
    }
    await flush();
    report.collections[name] = { count: entry.count, inserted, replaced };
  }

  for (const name of names) await verifyCollection(db, name, manifest);
  return report;
}

/** Read a collection back and compare it with the manifest: same count, same documents. */
export async function verifyCollection(db: Database, name: string, manifest: Manifest): Promise<void> {
  const entry = manifest.collections[name];
  const content = new ContentHash();
  let count = 0;
  for await (const page of readAll(db, name)) {
    for (const doc of page) content.add(encodeValue(doc));
    count += page.length;
  }
  if (count !== entry.count) throw new Error(`${name}: ${count} documents after the restore, the backup has ${entry.count}`);
  const sha = content.digest();
  if (sha !== entry.contentSha256) throw new Error(`${name}: restored documents differ from the backup (content hash ${sha} ≠ ${entry.contentSha256})`);
}
