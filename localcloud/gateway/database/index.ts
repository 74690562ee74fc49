import { MingoError } from 'mingo/util';
import type { CollectionDecl } from '../../../shared/db/collections';
import type { Clock } from '../../clock';
import type { Sqlite } from '../../sqlite';
import { GatewayError, gatewayError, type GatewayResult } from '../types';
import { handleAction, insertDocs, type ActionContext } from './actions';
import { DbCode } from './errors';
import { countDocs, findDocs, type SortSpec } from './query';
import { Store } from './store';
import { Transactions } from './transactions';
import { cloneDoc, isPlainObject, type Doc } from './values';

export interface DatabaseEngineOptions {
  db: Sqlite;
  clock: Clock;
  /** Declared collections (created at start if missing) and their indexes. */
  collections: Record<string, CollectionDecl>;
  /** How long an abandoned transaction lives (default 30 s of local-cloud time). */
  transactionTimeoutMs?: number;
}

/**
 * The local cloud's database: executes every `database.*` action of the CloudBase server protocol over
 * in-memory collections (mingo semantics) persisted to SQLite. See store.ts for the memory and durability
 * model, indexes.ts / query-plan.ts for index use, transactions.ts for the transaction algorithm.
 */
export class DatabaseEngine {
  private readonly store: Store;
  private readonly txs: Transactions;
  private readonly ctx: ActionContext;

  constructor(opts: DatabaseEngineOptions) {
    this.store = new Store(opts.db, opts.collections);
    this.txs = new Transactions(this.store, opts.clock, opts.transactionTimeoutMs);
    this.ctx = { store: this.store, txs: this.txs, clock: opts.clock };
  }

  /** One protocol action (`database.getDocument`, …) with its request body; errors become `{code, message}`. */
  handle(action: string, body: Record<string, unknown>): GatewayResult {
    this.txs.expire();
    try {
      return handleAction(this.ctx, action, body);
    } catch (error) {
      if (error instanceof GatewayError) return gatewayError(error.code, error.message);
      if (error instanceof SyntaxError) return gatewayError(DbCode.invalidParam, `malformed request: ${error.message}`);
      // mingo rejecting a query or expression (unknown operator, bad argument) is the caller's error.
      if (error instanceof MingoError) return gatewayError(DbCode.requestFailed, error.message);
      throw error; // SQLite or programming errors: the router logs them and answers SYS_ERR
    }
  }

  // Direct, non-protocol access for seeding, backup and tests. Plain JS values in and out.

  /** Create a collection if it does not exist. */
  createCollection(name: string): void {
    this.store.createCollection(name);
  }

  listCollections(): string[] {
    return this.store.names().sort();
  }

  /** Insert all documents or none (unique indexes enforced); returns their `_id`s. */
  insertMany(collection: string, docs: object[]): string[] {
    const coll = this.store.require(collection);
    const copies = docs.map((d) => {
      if (!isPlainObject(d)) throw new TypeError('insertMany takes plain objects');
      return cloneDoc(d);
    });
    return insertDocs(this.store, coll, copies).map(String);
  }

  /** Matching documents (copies) in natural order or `sort`; no default limit. */
  find(collection: string, query: object = {}, opts: { sort?: SortSpec; limit?: number; skip?: number } = {}): Doc[] {
    const coll = this.store.require(collection);
    return findDocs(coll, query as Doc, { order: opts.sort, limit: opts.limit, offset: opts.skip }).map(cloneDoc);
  }

  count(collection: string, query: object = {}): number {
    return countDocs(this.store.require(collection), query as Doc);
  }

  /** Open transactions (for tests and diagnostics). */
  get openTransactions(): number {
    return this.txs.openCount;
  }
}
