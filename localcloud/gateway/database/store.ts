import type { CollectionDecl } from '../../../shared/db/collections';
import type { Sqlite } from '../../sqlite';
import { decodeEJSON, encodeEJSON } from '../ejson';
import { collectionNotExist } from './errors';
import { FieldIndex, UniqueIndex } from './indexes';
import type { Doc } from './values';

/**
 * The memory model: every document of every collection lives in memory, in a Map per collection keyed by
 * `_id` whose insertion order is the natural order (mingo runs over it). Stored documents are immutable:
 * a write builds new objects, so a transaction can keep reading an old version.
 *
 * Durability: every write goes through `commit`, which writes all its changes to SQLite in ONE transaction
 * and touches memory only after SQLite has accepted them. An acknowledged write is in the WAL file.
 */

export interface Entry {
  readonly doc: Doc;
  /** Natural-order position, persisted: index lookups sort their candidates by it. */
  readonly ord: number;
  /** Sequence number of the commit that wrote this version (transaction conflict detection). */
  readonly seq: number;
}

export class Collection {
  readonly entries = new Map<string, Entry>();
  /** Query helpers on the first field of each declared index, by field path. */
  readonly fieldIndexes = new Map<string, FieldIndex>();
  readonly uniqueIndexes: UniqueIndex[] = [];

  constructor(
    readonly name: string,
    decl?: CollectionDecl,
  ) {
    for (const index of decl?.indexes ?? []) {
      const first = index.keys[0]?.[0];
      if (first && first !== '_id' && !this.fieldIndexes.has(first)) this.fieldIndexes.set(first, new FieldIndex(first));
      if (index.unique) this.uniqueIndexes.push(new UniqueIndex(name, index));
    }
  }

  /** All documents in natural order. */
  docs(): Doc[] {
    return Array.from(this.entries.values(), (e) => e.doc);
  }

  /** All documents in natural order, without building an array (full scans stop early at a limit). */
  *scan(): Generator<Doc> {
    for (const e of this.entries.values()) yield e.doc;
  }

  indexAdd(id: string, doc: Doc): void {
    for (const index of this.fieldIndexes.values()) index.add(id, doc);
    for (const index of this.uniqueIndexes) {
      if (!index.add(id, doc)) console.warn(`[localcloud] stored data violates ${this.name}.${index.decl.name}: ${index.duplicateError(doc).message}`);
    }
  }

  indexRemove(id: string, doc: Doc): void {
    for (const index of this.fieldIndexes.values()) index.remove(id, doc);
    for (const index of this.uniqueIndexes) index.remove(id, doc);
  }
}

/** One document's new state in a commit: `after: null` deletes, `before: undefined` inserts. */
export interface Change {
  coll: Collection;
  id: string;
  before: Entry | undefined;
  after: Doc | null;
}

interface PreImage {
  /** The commit that replaced this version: it was current for every snapshot older than this. */
  untilSeq: number;
  before: Entry | undefined;
}

/** Above this many documents in one commit, index lists are rebuilt instead of updated one by one. */
const BULK_THRESHOLD = 2000;

const historyKey = (coll: string, id: string) => `${coll}\u0000${id}`;

export class Store {
  private readonly collections = new Map<string, Collection>();
  private seq = 0;
  private nextOrd = 1;
  /** Old versions, kept only while a transaction is open and only for snapshots that still need them. */
  private readonly history = new Map<string, PreImage[]>();
  private historyFloor: number | null = null;
  private readonly stmt;

  constructor(
    private readonly db: Sqlite,
    private readonly decls: Record<string, CollectionDecl>,
  ) {
    // A rowid table: rows are ~1 KB, too large for WITHOUT ROWID; `ord` (the rowid) is the natural order,
    // so loading is one sequential scan.
    db.exec(`
      CREATE TABLE IF NOT EXISTS db_collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS db_docs (ord INTEGER PRIMARY KEY, coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL);
      CREATE UNIQUE INDEX IF NOT EXISTS db_docs_id ON db_docs (coll, id);
    `);
    this.stmt = {
      addCollection: db.prepare('INSERT OR IGNORE INTO db_collections (name, created_at) VALUES (?, ?)'),
      insert: db.prepare('INSERT INTO db_docs (ord, coll, id, body) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE db_docs SET body = ? WHERE coll = ? AND id = ?'),
      delete: db.prepare('DELETE FROM db_docs WHERE coll = ? AND id = ?'),
    };
    this.load();
  }

  private load(): void {
    const names = this.db.prepare<[], { name: string }>('SELECT name FROM db_collections').all().map((r) => r.name);
    const missing = Object.keys(this.decls).filter((n) => !names.includes(n));
    if (missing.length) {
      this.db.transaction(() => missing.forEach((n) => this.stmt.addCollection.run(n, Date.now())))();
    }
    for (const name of [...names, ...missing]) this.collections.set(name, new Collection(name, this.decls[name]));
    for (const coll of this.collections.values()) coll.fieldIndexes.forEach((i) => i.beginBulk());

    // Streamed in pages by rowid: holding every row of a large database as JS strings at once doubles the
    // peak memory and the garbage collector's work.
    const page = this.db.prepare<[number], [string, string, number, string]>('SELECT coll, id, ord, body FROM db_docs WHERE ord > ? ORDER BY ord LIMIT 5000').raw();
    const serverNow = () => 0; // stored documents hold no server-date placeholders
    for (let after = 0; ; ) {
      const rows = page.all(after);
      if (rows.length === 0) break;
      for (const [collName, id, ord, body] of rows) {
        const coll = this.collections.get(collName);
        if (!coll) continue; // a document of a collection that was never registered: ignore it
        const doc = decodeEJSON(body, serverNow) as Doc;
        coll.entries.set(id, { doc, ord, seq: 0 });
        coll.indexAdd(id, doc);
      }
      after = rows[rows.length - 1][2];
      this.nextOrd = after + 1;
    }
    for (const c of this.collections.values()) c.fieldIndexes.forEach((i) => i.endBulk());
  }

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  require(name: string): Collection {
    const coll = this.collections.get(name);
    if (!coll) throw collectionNotExist(name);
    return coll;
  }

  names(): string[] {
    return [...this.collections.keys()];
  }

  /** Create a collection; false if it already existed. */
  createCollection(name: string): boolean {
    if (this.collections.has(name)) return false;
    this.stmt.addCollection.run(name, Date.now());
    this.collections.set(name, new Collection(name, this.decls[name]));
    return true;
  }

  /**
   * The single write path. Checks unique indexes over the whole batch, writes SQLite in one transaction,
   * then updates memory and indexes. Throws (and changes nothing) on a duplicate key or a SQLite failure.
   */
  commit(changes: Change[]): void {
    const effective = changes.filter((c) => c.before || c.after);
    if (effective.length === 0) return;
    this.checkUnique(effective);

    const seq = this.seq + 1;
    const written: Array<{ change: Change; ord: number; body?: string }> = effective.map((change) => ({
      change,
      ord: change.before?.ord ?? 0,
      body: change.after ? encodeEJSON(change.after) : undefined,
    }));
    let ord = this.nextOrd;
    for (const w of written) if (!w.change.before && w.change.after) w.ord = ord++;

    this.db.transaction(() => {
      for (const { change, ord: o, body } of written) {
        const { coll, id, before } = change;
        if (body === undefined) this.stmt.delete.run(coll.name, id);
        else if (before) this.stmt.update.run(body, coll.name, id);
        else this.stmt.insert.run(o, coll.name, id, body);
      }
    })();

    // SQLite has the data: now memory. A large batch rebuilds the sorted index lists once at the end.
    this.seq = seq;
    this.nextOrd = ord;
    const bulk = written.length > BULK_THRESHOLD ? new Set(written.map((w) => w.change.coll)) : undefined;
    bulk?.forEach((c) => c.fieldIndexes.forEach((i) => i.beginBulk()));
    // Unfile every old version before filing the new ones: a batch may swap unique values between documents.
    for (const { change } of written) {
      const { coll, id, before } = change;
      if (this.historyFloor !== null) {
        const key = historyKey(coll.name, id);
        const list = this.history.get(key) ?? [];
        list.push({ untilSeq: seq, before });
        this.history.set(key, list);
      }
      if (before) coll.indexRemove(id, before.doc);
    }
    for (const { change, ord: o } of written) {
      const { coll, id, after } = change;
      if (after) {
        coll.entries.set(id, { doc: after, ord: o, seq });
        coll.indexAdd(id, after);
      } else {
        coll.entries.delete(id);
      }
    }
    bulk?.forEach((c) => c.fieldIndexes.forEach((i) => i.endBulk()));
  }

  private checkUnique(changes: Change[]): void {
    const byColl = new Map<Collection, Change[]>();
    for (const c of changes) {
      const list = byColl.get(c.coll);
      if (list) list.push(c);
      else byColl.set(c.coll, [c]);
    }
    for (const [coll, list] of byColl) {
      if (coll.uniqueIndexes.length === 0) continue;
      const touched = new Set(list.map((c) => c.id));
      for (const index of coll.uniqueIndexes) {
        const pending = new Map<string, string>();
        for (const c of list) {
          if (!c.after) continue;
          const key = index.keyOf(c.after);
          const inBatch = pending.get(key);
          const owner = index.owner(key);
          if ((inBatch !== undefined && inBatch !== c.id) || (owner !== undefined && owner !== c.id && !touched.has(owner))) {
            throw index.duplicateError(c.after);
          }
          pending.set(key, c.id);
        }
      }
    }
  }

  /** The commit sequence number now: a transaction's snapshot. */
  currentSeq(): number {
    return this.seq;
  }

  /** A document as it was at commit `seq` (null if it did not exist). */
  readAsOf(coll: Collection, id: string, seq: number): Doc | null {
    const list = this.history.get(historyKey(coll.name, id));
    if (list) for (const h of list) if (h.untilSeq > seq) return h.before?.doc ?? null;
    return coll.entries.get(id)?.doc ?? null;
  }

  /** The last commit that changed (inserted, updated or removed) this document. */
  lastChange(coll: Collection, id: string): number {
    const list = this.history.get(historyKey(coll.name, id));
    return Math.max(coll.entries.get(id)?.seq ?? 0, list?.[list.length - 1]?.untilSeq ?? 0);
  }

  /**
   * Keep old versions for snapshots at or after `floor` (the oldest open transaction); null when no
   * transaction is open, which drops all history.
   */
  setHistoryFloor(floor: number | null): void {
    this.historyFloor = floor;
    if (floor === null) {
      this.history.clear();
      return;
    }
    for (const [key, list] of this.history) {
      const kept = list.filter((h) => h.untilSeq > floor);
      if (kept.length === 0) this.history.delete(key);
      else if (kept.length !== list.length) this.history.set(key, kept);
    }
  }
}

