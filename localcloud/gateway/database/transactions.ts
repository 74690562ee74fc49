import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock';
import { GatewayError } from '../types';
import { DbCode, requestFailed } from './errors';
import type { Change, Collection, Store } from './store';
import type { Doc } from './values';

/**
 * Transactions, optimistic as CloudBase's: a snapshot at start, writes buffered, conflicts detected at commit.
 *
 * - Snapshot: the commit sequence number at start. Reads return the transaction's own buffered write if any,
 *   otherwise the document as of that number (the store keeps old versions while a transaction is open).
 * - Commit: if any document the transaction read or wrote was changed by another commit after the start,
 *   the transaction fails with DATABASE_TRANSACTION_CONFLICT (the SDK's runTransaction retries); first
 *   committer wins. Otherwise all buffered writes go to the store as ONE commit (one SQLite transaction).
 * - Abandoned transactions expire `ttlMs` after their start (local-cloud time).
 */

interface BufferedWrite {
  coll: Collection;
  id: string;
  doc: Doc | null;
}

interface Tx {
  id: string;
  startSeq: number;
  startedAt: number;
  reads: Set<string>;
  writes: Map<string, BufferedWrite>;
}

const txKey = (coll: Collection, id: string) => `${coll.name}\u0000${id}`;

export class Transactions {
  private readonly open = new Map<string, Tx>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {}

  start(): string {
    this.expire();
    const tx: Tx = {
      id: `tx${randomBytes(12).toString('hex')}`,
      startSeq: this.store.currentSeq(),
      startedAt: this.clock.nowMs(),
      reads: new Set(),
      writes: new Map(),
    };
    this.open.set(tx.id, tx);
    this.updateFloor();
    return tx.id;
  }

  /** The open transaction, or an error if it ended, expired or never existed. */
  get(id: string): Tx {
    this.expire();
    const tx = this.open.get(id);
    if (!tx) throw requestFailed(`transaction ${id} does not exist: it was committed, aborted, or expired (${this.ttlMs / 1000} s)`);
    return tx;
  }

  /** A document as this transaction sees it; the read is remembered for conflict detection. */
  read(tx: Tx, coll: Collection, id: string): Doc | null {
    const key = txKey(coll, id);
    const own = tx.writes.get(key);
    if (own) return own.doc;
    tx.reads.add(key);
    return this.store.readAsOf(coll, id, tx.startSeq);
  }

  write(tx: Tx, coll: Collection, id: string, doc: Doc | null): void {
    tx.writes.set(txKey(coll, id), { coll, id, doc });
  }

  commit(id: string): void {
    const tx = this.get(id);
    this.end(tx);
    for (const key of new Set([...tx.reads, ...tx.writes.keys()])) {
      const [collName, docId] = splitKey(key);
      const coll = this.store.get(collName);
      if (coll && this.store.lastChange(coll, docId) > tx.startSeq) {
        throw new GatewayError(
          DbCode.transactionConflict,
          `transaction ${tx.id} conflicts with a concurrent write to ${collName}/${docId}; retry the transaction`,
        );
      }
    }
    const changes: Change[] = [...tx.writes.values()].map(({ coll, id: docId, doc }) => ({
      coll,
      id: docId,
      before: coll.entries.get(docId),
      after: doc,
    }));
    this.store.commit(changes);
  }

  abort(id: string): void {
    const tx = this.open.get(id);
    if (tx) this.end(tx);
  }

  private end(tx: Tx): void {
    this.open.delete(tx.id);
    this.updateFloor();
  }

  /** Drop transactions older than the time limit (called on every database action). */
  expire(): void {
    const limit = this.clock.nowMs() - this.ttlMs;
    let changed = false;
    for (const tx of this.open.values()) {
      if (tx.startedAt < limit) {
        this.open.delete(tx.id);
        changed = true;
      }
    }
    if (changed) this.updateFloor();
  }

  private updateFloor(): void {
    let floor: number | null = null;
    for (const tx of this.open.values()) floor = floor === null ? tx.startSeq : Math.min(floor, tx.startSeq);
    this.store.setHistoryFloor(floor);
  }

  get openCount(): number {
    return this.open.size;
  }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}
