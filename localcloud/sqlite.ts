import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Sqlite = Database.Database;

/**
 * The local cloud's one durable store. WAL with synchronous=NORMAL: a committed transaction survives the
 * process being killed (kill -9) because it is in the WAL file before the call returns; only a power cut
 * could lose the last commits, which is fine for a development cloud. `LOCALCLOUD_SYNC=full` fsyncs each commit.
 */
export function openSqlite(dataDir: string): Sqlite {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'cloud.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${process.env.LOCALCLOUD_SYNC === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  return db;
}

/** Small key → JSON value settings kept beside the data (clock offset, seed marker, generated keys). */
export class MetaStore {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Sqlite) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get<T>(key: string): T | undefined {
    const row = this.getStmt.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }
}
