import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import { decodeEJSON, encodeEJSON } from '../ejson';
import { gatewayError, json, type GatewayResult } from '../types';
import { aggregate } from './aggregate';
import { DbCode, invalidParam, requestFailed } from './errors';
import { countDocs, findDocs, normalizeOrder, project } from './query';
import type { Change, Collection, Store } from './store';
import type { Transactions } from './transactions';
import { applyUpdate, isOperatorUpdate, replaceDocument, upsertSeed } from './update';
import { deepEqual, idKey, isPlainObject, type Doc } from './values';

/**
 * The `database.*` actions of the CloudBase server protocol (LOCALCLOUD.md): request fields in, the
 * `data` the SDK parses out (read from @cloudbase/database: list items are EJSON strings, counts are
 * `total`, inserts `insertedIds`, updates `updated`/`upsert_id`, removes `deleted`).
 */

export interface ActionContext {
  store: Store;
  txs: Transactions;
  clock: Clock;
}

type Body = Record<string, unknown>;

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Per-action decoding: one server time for every `serverDate()` in the request. */
class ActionRequest {
  readonly now: number;

  constructor(
    readonly ctx: ActionContext,
    readonly body: Body,
  ) {
    this.now = ctx.clock.nowMs();
  }

  decode(value: unknown): unknown {
    return decodeEJSON(value, () => this.now);
  }

  /** `query`: an EJSON string, absent or '' for the whole collection. */
  query(): Doc {
    const raw = this.body.query;
    if (raw === undefined || raw === null || raw === '') return {};
    const q = this.decode(raw);
    if (!isPlainObject(q)) throw invalidParam('query must be an object');
    return q;
  }

  optionalDoc(field: string): Doc | undefined {
    const raw = this.body[field];
    if (raw === undefined || raw === null || raw === '') return undefined;
    const v = this.decode(raw);
    if (!isPlainObject(v)) throw invalidParam(`${field} must be an object`);
    return v;
  }

  collection(): Collection {
    const name = this.body.collectionName;
    if (typeof name !== 'string' || !name) throw invalidParam('collectionName is required');
    return this.ctx.store.require(name);
  }

  transactionId(): string | undefined {
    const id = this.body.transactionId;
    return typeof id === 'string' && id ? id : undefined;
  }

  /** The `_id` a DOC request (or a WHERE request on `_id` alone) addresses. */
  docId(query: Doc): unknown {
    const keys = Object.keys(query);
    if (keys.length !== 1 || keys[0] !== '_id') return undefined;
    const cond = query._id;
    if (isPlainObject(cond)) return Object.keys(cond).length === 1 && '$eq' in cond ? cond.$eq : undefined;
    return cond instanceof RegExp ? undefined : cond;
  }

  requireDocId(query: Doc): unknown {
    const id = this.docId(query);
    if (id === undefined || id === null) {
      throw invalidParam('inside a transaction only doc(id).get/update/set/remove and add() are supported');
    }
    return id;
  }
}

/** 32 hex characters, like CloudBase's generated ids (randomUUID is much faster than randomBytes per id). */
const newId = () => randomUUID().replace(/-/g, '');

export function handleAction(ctx: ActionContext, action: string, body: Body): GatewayResult {
  const req = new ActionRequest(ctx, body);
  switch (action) {
    case 'database.getDocument':
      return getDocument(req);
    case 'database.calculateDocument':
      return json({ total: countDocs(req.collection(), req.query()) });
    case 'database.insertDocument':
      return insertDocument(req);
    case 'database.modifyDocument':
      return modifyDocument(req);
    case 'database.modifyAndReturnDoc':
      return modifyAndReturnDoc(req);
    case 'database.removeDocument':
      return removeDocument(req);
    case 'database.aggregateDocuments':
      return aggregateDocuments(req);
    case 'database.addCollection':
      return addCollection(req);
    case 'database.startTransaction': {
      const transactionId = ctx.txs.start();
      return json({ transactionId }, { transactionId });
    }
    case 'database.commitTransaction':
      ctx.txs.commit(String(body.transactionId ?? ''));
      return json({});
    case 'database.abortTransaction':
      ctx.txs.abort(String(body.transactionId ?? ''));
      return json({});
    case 'database.getInTransaction':
    case 'database.updateDocInTransaction':
    case 'database.deleteDocInTransaction':
      return legacyTransactionAction(req, action);
    default:
      return gatewayError(DbCode.invalidParam, `action ${action} is not supported by the local cloud database`);
  }
}

function getDocument(req: ActionRequest): GatewayResult {
  const coll = req.collection();
  const query = req.query();
  const projection = req.optionalDoc('projection');
  const txId = req.transactionId();
  if (txId || req.body.queryType === 'DOC') {
    const id = txId ? req.requireDocId(query) : req.docId(query);
    if (id !== undefined) {
      const doc = txId ? req.ctx.txs.read(req.ctx.txs.get(txId), coll, idKey(id)) : (coll.entries.get(idKey(id))?.doc ?? null);
      const list = doc ? (projection ? project([doc], projection) : [doc]) : [];
      return json({ list: list.map(encodeEJSON), limit: 1, offset: 0 });
    }
  }
  const offset = Math.max(0, Number(req.body.offset) || 0);
  const requested = Number(req.body.limit);
  const limit = Number.isFinite(requested) && requested > 0 ? Math.min(Math.floor(requested), MAX_LIMIT) : DEFAULT_LIMIT;
  const order = normalizeOrder(typeof req.body.order === 'string' ? req.decode(req.body.order) : req.body.order);
  const docs = findDocs(coll, query, { order, offset, limit, projection });
  return json({ list: docs.map(encodeEJSON), limit, offset });
}

function insertDocument(req: ActionRequest): GatewayResult {
  const coll = req.collection();
  const raw = Array.isArray(req.body.data) ? req.body.data : [req.body.data];
  if (raw.length === 0) throw invalidParam('data must contain at least one document');
  const docs = raw.map((item) => {
    const doc = req.decode(item);
    if (!isPlainObject(doc)) throw invalidParam('each inserted document must be an object');
    return doc;
  });
  const txId = req.transactionId();
  if (txId) {
    const tx = req.ctx.txs.get(txId);
    const ids = docs.map((doc) => {
      const withId = withGeneratedId(doc);
      const key = idKey(withId._id);
      if (req.ctx.txs.read(tx, coll, key)) throw duplicateId(coll, withId._id);
      req.ctx.txs.write(tx, coll, key, withId);
      return withId._id;
    });
    return json({ insertedIds: ids });
  }
  return json({ insertedIds: insertDocs(req.ctx.store, coll, docs) });
}

function withGeneratedId(doc: Doc): Doc {
  return doc._id === undefined || doc._id === null ? { _id: newId(), ...doc } : doc;
}

const duplicateId = (coll: Collection, id: unknown) =>
  requestFailed(`E11000 duplicate key error collection: ${coll.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);

/** Insert all or nothing (one commit); the `_id`s in order. Shared with the engine's direct API. */
export function insertDocs(store: Store, coll: Collection, docs: Doc[]): unknown[] {
  const seen = new Set<string>();
  const changes: Change[] = docs.map((doc) => {
    const withId = withGeneratedId(doc);
    const key = idKey(withId._id);
    if (seen.has(key) || coll.entries.has(key)) throw duplicateId(coll, withId._id);
    seen.add(key);
    return { coll, id: key, before: undefined, after: withId };
  });
  store.commit(changes);
  return changes.map((c) => (c.after as Doc)._id);
}

interface Modified {
  updated: number;
  upsertId?: unknown;
  /** The new version of the first modified document (modifyAndReturnDoc). */
  doc?: Doc | null;
}

/** Shared by modifyDocument and modifyAndReturnDoc. */
function modify(req: ActionRequest, opts: { multi: boolean; merge: boolean; upsert: boolean }): Modified {
  const coll = req.collection();
  const query = req.query();
  const data = req.decode(req.body.data);
  if (!isPlainObject(data)) throw invalidParam('data must be an object');
  if (!opts.merge && isOperatorUpdate(data)) throw invalidParam('set (merge: false) takes a whole document, not update operators');
  const now = new Date(req.now);
  const next = (doc: Doc) => (opts.merge ? applyUpdate(doc, data, now) : replaceDocument(doc._id, data));

  const txId = req.transactionId();
  if (txId) {
    const txs = req.ctx.txs;
    const tx = txs.get(txId);
    const id = req.requireDocId(query);
    const key = idKey(id);
    const current = txs.read(tx, coll, key);
    if (!current) {
      if (!opts.upsert) return { updated: 0, doc: null };
      const created = opts.merge ? applyUpdate({ _id: id, ...upsertSeed(query) }, data, now) : replaceDocument(id, data);
      txs.write(tx, coll, key, created);
      return { updated: 0, upsertId: id, doc: created };
    }
    const after = next(current);
    if (deepEqual(current, after)) return { updated: 0, doc: current };
    txs.write(tx, coll, key, after);
    return { updated: 1, doc: after };
  }

  const id = req.body.queryType === 'DOC' ? req.docId(query) : undefined;
  const targets =
    id !== undefined
      ? [coll.entries.get(idKey(id))?.doc].filter((d): d is Doc => !!d)
      : findDocs(coll, query, opts.multi ? {} : { limit: 1 });
  const changes: Change[] = [];
  let firstDoc: Doc | null = null;
  for (const doc of targets) {
    const after = next(doc);
    firstDoc ??= after;
    if (!deepEqual(doc, after)) {
      const key = idKey(doc._id);
      changes.push({ coll, id: key, before: coll.entries.get(key), after });
    }
  }
  if (targets.length === 0 && opts.upsert) {
    const newIdValue = id ?? req.docId(query) ?? newId();
    const created = opts.merge ? applyUpdate({ _id: newIdValue, ...upsertSeed(query) }, data, now) : replaceDocument(newIdValue, data);
    if (coll.entries.has(idKey(newIdValue))) throw duplicateId(coll, newIdValue);
    req.ctx.store.commit([{ coll, id: idKey(newIdValue), before: undefined, after: created }]);
    return { updated: 0, upsertId: newIdValue, doc: created };
  }
  req.ctx.store.commit(changes);
  return { updated: changes.length, doc: firstDoc };
}

function modifyDocument(req: ActionRequest): GatewayResult {
  const { updated, upsertId } = modify(req, {
    multi: req.body.multi === true,
    merge: req.body.merge !== false,
    upsert: req.body.upsert === true,
  });
  return json(upsertId === undefined ? { updated } : { updated, upsert_id: upsertId });
}

/** `where(q).updateAndReturn(u)`: the first match, updated, and its new version. */
function modifyAndReturnDoc(req: ActionRequest): GatewayResult {
  const { updated, doc, upsertId } = modify(req, { multi: false, merge: true, upsert: req.body.upsert === true });
  return json({ updated, doc: doc ? encodeEJSON(doc) : null, ...(upsertId === undefined ? {} : { upsert_id: upsertId }) });
}

function removeDocument(req: ActionRequest): GatewayResult {
  const coll = req.collection();
  const query = req.query();
  const txId = req.transactionId();
  if (txId) {
    const tx = req.ctx.txs.get(txId);
    const key = idKey(req.requireDocId(query));
    if (!req.ctx.txs.read(tx, coll, key)) return json({ deleted: 0 });
    req.ctx.txs.write(tx, coll, key, null);
    return json({ deleted: 1 });
  }
  const id = req.body.queryType === 'DOC' ? req.docId(query) : undefined;
  const targets =
    id !== undefined
      ? [coll.entries.get(idKey(id))?.doc].filter((d): d is Doc => !!d)
      : findDocs(coll, query, req.body.multi === false ? { limit: 1 } : {});
  const changes: Change[] = targets.map((doc) => {
    const key = idKey(doc._id);
    return { coll, id: key, before: coll.entries.get(key), after: null };
  });
  req.ctx.store.commit(changes);
  return json({ deleted: changes.length });
}

function aggregateDocuments(req: ActionRequest): GatewayResult {
  const coll = req.collection();
  const stages = req.body.stages;
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  const pipeline = stages.map((s: { stageKey?: unknown; stageValue?: unknown }) => {
    if (typeof s?.stageKey !== 'string') throw invalidParam('each stage needs a stageKey');
    return { [s.stageKey]: req.decode(s.stageValue) };
  });
  return json({ list: aggregate(req.ctx.store, coll, pipeline).map(encodeEJSON) });
}

function addCollection(req: ActionRequest): GatewayResult {
  const name = req.body.collectionName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidParam('collectionName must be 1-64 letters, digits, _ or -');
  if (!req.ctx.store.createCollection(name)) {
    return gatewayError(DbCode.collectionAlreadyExist, `collection ${name} already exists`);
  }
  return json({});
}

/**
 * The older transaction API of @cloudbase/database (transaction.js): `_id` instead of a query, results at
 * the top level of the body as JSON strings.
 */
function legacyTransactionAction(req: ActionRequest, action: string): GatewayResult {
  const coll = req.collection();
  const txs = req.ctx.txs;
  const tx = txs.get(String(req.body.transactionId ?? ''));
  const id = req.body._id;
  if (id === undefined || id === null) throw invalidParam('_id is required');
  const key = idKey(id);
  const current = txs.read(tx, coll, key);
  if (action === 'database.getInTransaction') return json(encodeEJSON(current));
  if (action === 'database.deleteDocInTransaction') {
    if (current) txs.write(tx, coll, key, null);
    return json(undefined, { deleted: String(current ? 1 : 0) });
  }
  const data = req.decode(req.body.data);
  if (!isPlainObject(data)) throw invalidParam('data must be an object');
  const now = new Date(req.now);
  if (!current) {
    if (req.body.upsert !== true) return json(undefined, { updated: '0' });
    const created = isOperatorUpdate(data) ? applyUpdate({ _id: id }, data, now) : replaceDocument(id, data);
    txs.write(tx, coll, key, created);
    return json(undefined, { updated: '0', upserted: JSON.stringify([{ _id: id }]) });
  }
  const after = isOperatorUpdate(data) ? applyUpdate(current, data, now) : replaceDocument(id, data);
  txs.write(tx, coll, key, after);
  return json(undefined, { updated: String(deepEqual(current, after) ? 0 : 1) });
}
