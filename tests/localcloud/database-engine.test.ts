import { EJSON } from 'bson';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { find as mingoFind } from 'mingo';
import { compare as mingoCompare, resolve as mingoResolve } from 'mingo/util';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { Clock } from '../../localcloud/clock';
import { decodeEJSON, encodeEJSON } from '../../localcloud/gateway/ejson';
import { DatabaseEngine } from '../../localcloud/gateway/database';
import { Collection } from '../../localcloud/gateway/database/store';
import { openSqlite, type Sqlite } from '../../localcloud/sqlite';
import type { CollectionDecl } from '../../shared/db/collections';

const asc = (f: string) => [f, 1] as const;

const COLLS: Record<string, CollectionDecl> = {
  tickets: {
    purpose: 'unique and range indexes',
    indexes: [
      { name: 'ticketNo_unique', keys: [asc('ticketNo')], unique: true },
      { name: 'customer_request_unique', keys: [asc('customerOpenid'), asc('requestId')], unique: true },
      { name: 'status_due', keys: [asc('status'), asc('nextDueAt')] },
      { name: 'nextDueAt', keys: [asc('nextDueAt')] },
    ],
  },
  items: { purpose: 'no indexes', indexes: [] },
  users: { purpose: 'lookup target', indexes: [] },
  rand: {
    purpose: 'randomized index comparison',
    indexes: ['a', 'b', 'c', 'd', 'e.f'].map((f) => ({ name: f, keys: [asc(f)] })),
  },
};

const opened: Sqlite[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-engine-'));
  dirs.push(dir);
  return dir;
}

function open(dir = tmpDir(), clock = new Clock(), collections = COLLS, transactionTimeoutMs?: number) {
  const db = openSqlite(dir);
  opened.push(db);
  const engine = new DatabaseEngine({ db, clock, collections, transactionTimeoutMs });
  return { dir, db, clock, engine };
}

class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The SDK's encoding: EJSON canonical mode. */
const ej = (v: unknown) => EJSON.stringify(v as never, { relaxed: false });
const serverDate = (offset = 0) => ({ $tcb_server_date: { offset } });

function call(engine: DatabaseEngine, action: string, body: Record<string, unknown>): Record<string, any> {
  const res = engine.handle(`database.${action}`, body);
  if (res.kind === 'error') throw new DbError(res.code, res.message);
  if (res.kind !== 'json') throw new Error('unexpected binary answer');
  return { ...(res.top ?? {}), ...(res.data as object) };
}

function errorOf(fn: () => unknown): DbError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DbError) return error;
    throw error;
  }
  throw new Error('expected a database error');
}

/** A tiny client over `handle`, building the same bodies as @cloudbase/database. */
function client(engine: DatabaseEngine, transactionId?: string) {
  const tx = transactionId ? { transactionId } : {};
  const parse = (list: string[]) => list.map((s) => EJSON.parse(s) as Record<string, any>);
  return {
    add: (coll: string, ...docs: unknown[]) => call(engine, 'insertDocument', { collectionName: coll, data: docs.map(ej), ...tx }).insertedIds as string[],
    get: (coll: string, id: string) =>
      parse(call(engine, 'getDocument', { collectionName: coll, queryType: 'DOC', query: ej({ _id: id }), multi: false, ...tx }).list)[0],
    where: (coll: string, query: unknown, opts: { order?: unknown; offset?: number; limit?: number; projection?: unknown } = {}) =>
      parse(
        call(engine, 'getDocument', {
          collectionName: coll,
          queryType: 'WHERE',
          query: ej(query),
          ...(opts.order ? { order: ej(opts.order) } : {}),
          ...(opts.offset ? { offset: opts.offset } : {}),
          ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
          ...(opts.projection ? { projection: ej(opts.projection) } : {}),
        }).list,
      ),
    update: (coll: string, id: string, data: unknown) =>
      call(engine, 'modifyDocument', {
        collectionName: coll, queryType: 'DOC', query: ej({ _id: id }), data: ej(data), multi: false, merge: true, upsert: false, ...tx,
      }),
    updateWhere: (coll: string, query: unknown, data: unknown) =>
      call(engine, 'modifyDocument', { collectionName: coll, queryType: 'WHERE', query: ej(query), data: ej(data), multi: true, merge: true, upsert: false }),
    set: (coll: string, id: string, data: unknown) =>
      call(engine, 'modifyDocument', {
        collectionName: coll, queryType: 'DOC', query: ej({ _id: id }), data: ej(data), multi: false, merge: false, upsert: true, ...tx,
      }),
    remove: (coll: string, id: string) =>
      call(engine, 'removeDocument', { collectionName: coll, queryType: 'DOC', query: ej({ _id: id }), multi: false, ...tx }),
    count: (coll: string, query: unknown) => call(engine, 'calculateDocument', { collectionName: coll, queryType: 'WHERE', query: ej(query) }).total as number,
    aggregate: (coll: string, stages: Array<Record<string, unknown>>) =>
      parse(
        call(engine, 'aggregateDocuments', {
          collectionName: coll,
          stages: stages.map((s) => {
            const [k, v] = Object.entries(s)[0];
            return { stageKey: k, stageValue: typeof v === 'object' && v !== null ? ej(v) : JSON.stringify(v) };
          }),
        }).list,
      ),
  };
}

describe('EJSON', () => {
  const now = 1_800_000_000_000;

  test('decodes every wrapper the SDK writes into plain values', () => {
    const text = ej({
      i: 1,
      d: 1.5,
      big: 2 ** 40,
      when: new Date(5),
      re: /^foo/i,
      arr: [1, 'two', null, { n: 3 }],
      nested: { at: serverDate(60_000) },
    });
    expect(text).toContain('$numberInt');
    expect(text).toContain('$numberLong');
    expect(text).toContain('"$tcb_server_date":{"offset":{"$numberInt":"60000"}}');
    const v = decodeEJSON(text, () => now) as any;
    expect(v.i).toBe(1);
    expect(v.d).toBe(1.5);
    expect(v.big).toBe(2 ** 40);
    expect(v.when).toEqual(new Date(5));
    expect(v.re).toBeInstanceOf(RegExp);
    expect(v.re.source).toBe('^foo');
    expect(v.re.flags).toBe('i');
    expect(v.arr).toEqual([1, 'two', null, { n: 3 }]);
    expect(v.nested.at).toEqual(new Date(now + 60_000));
    expect(decodeEJSON('{"a":{"$numberDouble":"NaN"},"b":{"$numberDouble":"-Infinity"},"c":{"$numberDecimal":"2.5"},"o":{"$oid":"abc"}}', () => now)).toEqual({
      a: NaN,
      b: -Infinity,
      c: 2.5,
      o: 'abc',
    });
    expect(decodeEJSON('{"d":{"$date":"2020-01-01T00:00:00Z"},"r":{"$regularExpression":{"pattern":"a","options":"ixl"}}}', () => now)).toEqual({
      d: new Date('2020-01-01T00:00:00Z'),
      r: /a/i,
    });
    // operator objects that merely start with `$` are not wrappers
    expect(decodeEJSON('{"a":{"$gt":{"$numberInt":"1"}},"b":{"$regex":"x","$options":"i"}}', () => now)).toEqual({ a: { $gt: 1 }, b: { $regex: 'x', $options: 'i' } });
  });

  test('encoded documents come back through bson EJSON.parse (what the SDK calls) as the same values', () => {
    const doc = { _id: 'x', n: 1, f: 1.25, neg: -3, when: new Date(1_700_000_000_123), list: [new Date(0), { deep: [1, 'a'] }], nul: null, t: true, s: 'é' };
    const back = EJSON.parse(encodeEJSON(doc)) as any;
    expect(back).toEqual(doc);
    expect(back.when).toBeInstanceOf(Date);
    expect(back.list[0]).toBeInstanceOf(Date);
    const special = EJSON.parse(encodeEJSON({ nan: NaN, inf: Infinity, re: /a+/im })) as any;
    expect(special.nan).toBeNaN();
    expect(special.inf).toBe(Infinity);
    expect(special.re.pattern).toBe('a+');
    expect(decodeEJSON(encodeEJSON(doc), () => 0)).toEqual(doc);
  });
});

describe('queries', () => {
  test('order by several fields, offset, limit default 100 and cap 1000', () => {
    const { engine } = open();
    const db = client(engine);
    const docs = Array.from({ length: 1200 }, (_, i) => ({ k: i % 3, t: i % 7, i }));
    engine.insertMany('items', docs);
    expect(db.where('items', {}).length).toBe(100);
    expect(db.where('items', {}, { limit: 5000 }).length).toBe(1000);
    expect(call(engine, 'getDocument', { collectionName: 'items', queryType: 'WHERE', query: '{}', limit: 5000 }).limit).toBe(1000);
    const sorted = db.where('items', { i: { $lt: 30 } }, { order: { k: -1, t: 1, i: -1 }, offset: 2, limit: 4 });
    const expected = docs
      .filter((d) => d.i < 30)
      .sort((a, b) => b.k - a.k || a.t - b.t || b.i - a.i)
      .slice(2, 6)
      .map((d) => d.i);
    expect(sorted.map((d) => d.i)).toEqual(expected);
    // natural order without orderBy
    expect(db.where('items', { k: 1 }, { limit: 3 }).map((d) => d.i)).toEqual([1, 4, 7]);
    expect(db.count('items', { k: 1 })).toBe(400);
  });

  test('commands: comparison, $in/$nin, $or, $exists, $elemMatch, $not, $size, $all, $expr, regexp, dotted paths', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('items', [
      { _id: '1', a: 1, b: 2, title: 'Foo bar', tags: ['x', 'y'], owner: { openid: 'o1' } },
      { _id: '2', a: 5, b: 1, title: 'foolish', tags: ['a', 'b'], owner: { openid: 'o2' }, c: null },
      { _id: '3', a: 10, title: 'other', tags: [] },
    ]);
    const ids = (q: unknown) => db.where('items', q).map((d) => d._id);
    expect(ids({ a: { $gt: 1 } })).toEqual(['2', '3']);
    expect(ids({ a: { $in: [1, 10] } })).toEqual(['1', '3']);
    expect(ids({ a: { $nin: [1, 10] } })).toEqual(['2']);
    expect(ids({ $or: [{ a: { $lt: 2 } }, { a: { $gte: 10 } }] })).toEqual(['1', '3']);
    expect(ids({ c: { $exists: true } })).toEqual(['2']);
    expect(ids({ tags: { $elemMatch: { $eq: 'x' } } })).toEqual(['1']);
    expect(ids({ a: { $not: { $eq: 1 } } })).toEqual(['2', '3']);
    expect(ids({ tags: { $size: 2 }, $and: [{ tags: { $all: ['a', 'b'] } }] })).toEqual(['2']);
    expect(ids({ $expr: { $gt: ['$a', '$b'] } })).toEqual(['2']);
    expect(ids({ title: /^foo/i })).toEqual(['1', '2']);
    expect(ids({ 'owner.openid': 'o2' })).toEqual(['2']);
  });

  test('projections: inclusion, exclusion, _id, nested, $slice, and the mixed form the SDK lets through', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('items', [{ _id: 'p', a: 1, b: { c: 2, d: 3 }, list: [1, 2, 3, 4] }]);
    expect(db.where('items', {}, { projection: { a: 1 } })).toEqual([{ _id: 'p', a: 1 }]);
    expect(db.where('items', {}, { projection: { a: 0, list: 0 } })).toEqual([{ _id: 'p', b: { c: 2, d: 3 } }]);
    expect(db.where('items', {}, { projection: { 'b.c': 1, _id: 0 } })).toEqual([{ b: { c: 2 } }]);
    expect(db.where('items', {}, { projection: { list: { $slice: 2 }, a: 1 } })).toEqual([{ _id: 'p', a: 1, list: [1, 2] }]);
    expect(db.where('items', {}, { projection: { a: 0, 'b.c': 1 } })).toEqual([{ _id: 'p', b: { c: 2 } }]);
    const doc = call(engine, 'getDocument', { collectionName: 'items', queryType: 'DOC', query: ej({ _id: 'p' }), projection: ej({ a: 1 }) }).list;
    expect(doc.map((s: string) => EJSON.parse(s))).toEqual([{ _id: 'p', a: 1 }]);
  });

  test('server dates use the local-cloud clock in inserts, updates and queries', () => {
    const clock = new Clock();
    clock.advance(86_400_000);
    const { engine } = open(undefined, clock);
    const db = client(engine);
    const [id] = db.add('items', { at: serverDate(), later: serverDate(60_000) });
    const doc = db.get('items', id);
    expect(doc.at).toBeInstanceOf(Date);
    expect(Math.abs(doc.at.getTime() - clock.nowMs())).toBeLessThan(2000);
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000);
    expect(db.where('items', { at: { $lte: serverDate(1000) } }).length).toBe(1);
    expect(db.where('items', { at: { $gt: serverDate(1000) } }).length).toBe(0);
    db.update('items', id, { $set: { touched: serverDate(-5000) } });
    expect(clock.nowMs() - db.get('items', id).touched.getTime()).toBeGreaterThanOrEqual(5000);
  });

  test('geo queries answer a clear unsupported error; missing collection and unknown action are errors', () => {
    const { engine } = open();
    const db = client(engine);
    const geo = errorOf(() => db.where('items', { loc: { $geoWithin: { $centerSphere: [[113, 23], 0.01] } } }));
    expect(geo.code).toBe('DATABASE_INVALID_OPERRATOR');
    expect(geo.message).toMatch(/local cloud does not support geo queries/);
    expect(errorOf(() => db.aggregate('items', [{ $geoNear: { near: { type: 'Point', coordinates: [0, 0] }, distanceField: 'd' } }])).code).toBe(
      'DATABASE_INVALID_OPERRATOR',
    );
    expect(errorOf(() => db.where('nope', {})).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(errorOf(() => db.add('nope', { a: 1 })).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect(errorOf(() => call(engine, 'frobnicate', {})).code).toBe('INVALID_PARAM');
    expect(errorOf(() => call(engine, 'getDocument', { collectionName: 'items', query: '{not json' })).code).toBe('INVALID_PARAM');
  });

  test('insert generates 32-hex ids, keeps given ids, rejects a duplicate _id', () => {
    const { engine } = open();
    const db = client(engine);
    const [gen, given] = db.add('items', { a: 1 }, { _id: 'mine', a: 2 });
    expect(gen).toMatch(/^[0-9a-f]{32}$/);
    expect(given).toBe('mine');
    const dup = errorOf(() => db.add('items', { _id: 'mine' }));
    expect(dup.code).toBe('DATABASE_REQUEST_FAILED');
    expect(dup.message).toMatch(/^E11000 duplicate key error collection: items index: _id_ dup key: \{ _id: "mine" \}/);
  });
});

describe('updates', () => {
  function withDoc(doc: Record<string, unknown>) {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('items', [{ _id: 'u', ...doc }]);
    const apply = (modifier: unknown) => {
      db.update('items', 'u', modifier);
      const { _id, ...rest } = db.get('items', 'u');
      return rest;
    };
    return { engine, db, apply };
  }

  test('every update operator', () => {
    const { apply } = withDoc({ n: 1 });
    expect(apply({ $set: { n: 2, 'deep.k': 'v', meta: { x: 1 } } })).toEqual({ n: 2, deep: { k: 'v' }, meta: { x: 1 } });
    expect(apply({ $inc: { n: 3, fresh: 1 } })).toMatchObject({ n: 5, fresh: 1 });
    expect(apply({ $mul: { n: 2, zero: 4 } })).toMatchObject({ n: 10, zero: 0 });
    expect(apply({ $unset: { zero: '', meta: '' } })).toEqual({ n: 10, deep: { k: 'v' }, fresh: 1 });
    expect(apply({ $min: { n: 3 }, $max: { fresh: 9 } })).toMatchObject({ n: 3, fresh: 9 });
    expect(apply({ $min: { n: 30 }, $max: { fresh: 1 } })).toMatchObject({ n: 3, fresh: 9 });
    expect(apply({ $rename: { fresh: 'renamed' } })).toEqual({ n: 3, deep: { k: 'v' }, renamed: 9 });

    const arrays = withDoc({ list: [3, 1], log: [], u: [1, 4, 5, 2], s: ['t'], p: [1, 2, 3], sh: [1, 2, 3], all: [1, 2, 1, 3], objs: [{ a: 2 }, { a: 1 }] });
    expect(arrays.apply({ $push: { list: { $each: [2] } } }).list).toEqual([3, 1, 2]);
    expect(arrays.apply({ $push: { list: { $each: [9, 8], $position: 0 } } }).list).toEqual([9, 8, 3, 1, 2]);
    expect(arrays.apply({ $push: { list: { $each: [7], $sort: 1, $slice: 3 } } }).list).toEqual([1, 2, 3]);
    expect(arrays.apply({ $push: { objs: { $each: [{ a: 3 }], $sort: { a: -1 }, $slice: 2 } } }).objs).toEqual([{ a: 3 }, { a: 2 }]);
    expect(arrays.apply({ $push: { log: { $each: [{ at: new Date(5), msg: 'hi' }] } } }).log).toEqual([{ at: new Date(5), msg: 'hi' }]);
    expect(arrays.apply({ $pull: { u: { $gt: 3 } } }).u).toEqual([1, 2]);
    expect(arrays.apply({ $pullAll: { all: [1, 3] } }).all).toEqual([2]);
    expect(arrays.apply({ $addToSet: { s: 't' } }).s).toEqual(['t']);
    expect(arrays.apply({ $addToSet: { s: { $each: ['t', 'u', 'v'] } } }).s).toEqual(['t', 'u', 'v']);
    const popped = arrays.apply({ $pop: { p: 1, sh: -1 } });
    expect(popped.p).toEqual([1, 2]);
    expect(popped.sh).toEqual([2, 3]);

    const paths = withDoc({ arr: [1, { a: 1 }] });
    expect(paths.apply({ $set: { 'arr.1.a': 2, 'arr.0': 0, 'profile.addr.city': 'x' } })).toEqual({ arr: [0, { a: 2 }], profile: { addr: { city: 'x' } } });
  });

  test('the SDK capture with every operator at once, on a document that lacks the fields', () => {
    const { apply } = withDoc({ rn: 'r', old: 1 });
    const out = apply({
      $inc: { n: 1 },
      $push: { log: { $each: [{ msg: 'hi' }] }, arr2: { $each: [1, 2], $position: 0 } },
      $set: { meta: { x: 1 }, 'deep.k': 'v' },
      $unset: { old: '' },
      $mul: { cnt: 2 },
      $pull: { u: { $gt: 3 } },
      $addToSet: { s: 't' },
      $pop: { p: 1, sh: -1 },
      $min: { mn: 1 },
      $max: { mx: 9 },
      $rename: { rn: 'rn2' },
    });
    expect(out).toEqual({ n: 1, log: [{ msg: 'hi' }], arr2: [1, 2], meta: { x: 1 }, deep: { k: 'v' }, cnt: 0, s: ['t'], mn: 1, mx: 9, rn2: 'r' });
  });

  test('MongoDB errors mingo would skip: non-numeric $inc, array operators on non-arrays, _id', () => {
    const { db } = withDoc({ name: 'x', tags: 'not-array' });
    const inc = errorOf(() => db.update('items', 'u', { $inc: { name: 1 } }));
    expect(inc.code).toBe('DATABASE_REQUEST_FAILED');
    expect(inc.message).toMatch(/Cannot apply \$inc to a value of non-numeric type/);
    expect(errorOf(() => db.update('items', 'u', { $push: { tags: 1 } })).message).toMatch(/must be an array/);
    expect(errorOf(() => db.update('items', 'u', { $set: { _id: 'other' } })).message).toMatch(/immutable field '_id'/);
    expect(db.get('items', 'u')).toEqual({ _id: 'u', name: 'x', tags: 'not-array' });
  });

  test('updated counts only changed documents; set replaces or upserts; multi updates; remove', () => {
    const { db, engine } = withDoc({ a: 1 });
    expect(db.update('items', 'u', { $set: { a: 1 } }).updated).toBe(0);
    expect(db.update('items', 'missing', { $set: { a: 1 } }).updated).toBe(0);
    expect(db.set('items', 'u', { b: 2 })).toEqual({ updated: 1 });
    expect(db.get('items', 'u')).toEqual({ _id: 'u', b: 2 });
    expect(db.set('items', 'new', { c: 3 })).toEqual({ updated: 0, upsert_id: 'new' });
    expect(db.get('items', 'new')).toEqual({ _id: 'new', c: 3 });
    engine.insertMany('items', [{ s: 'open' }, { s: 'open' }, { s: 'closed' }]);
    expect(db.updateWhere('items', { s: 'open' }, { $set: { s: 'done' } }).updated).toBe(2);
    expect(db.count('items', { s: 'done' })).toBe(2);
    const one = call(engine, 'modifyDocument', {
      collectionName: 'items', queryType: 'WHERE', query: ej({ s: 'done' }), data: ej({ $set: { s: 'x' } }), multi: false, merge: true, upsert: false,
    });
    expect(one.updated).toBe(1);
    const ret = call(engine, 'modifyAndReturnDoc', { collectionName: 'items', queryType: 'WHERE', query: ej({ s: 'done' }), data: ej({ $inc: { v: 1 } }) });
    expect(ret.updated).toBe(1);
    expect(EJSON.parse(ret.doc)).toMatchObject({ s: 'done', v: 1 });
    expect(call(engine, 'removeDocument', { collectionName: 'items', queryType: 'WHERE', query: ej({ s: { $in: ['x', 'done'] } }), multi: true }).deleted).toBe(2);
    expect(db.remove('items', 'u')).toEqual({ deleted: 1 });
    expect(db.remove('items', 'u')).toEqual({ deleted: 0 });
  });
});

describe('unique indexes', () => {
  test('single, compound and missing-as-null violations; nothing of the failed write is applied', () => {
    const { engine } = open();
    const db = client(engine);
    db.add('tickets', { ticketNo: 'T1', customerOpenid: 'o1', requestId: 'r1' });
    const single = errorOf(() => db.add('tickets', { ticketNo: 'T1', customerOpenid: 'o1', requestId: 'r2' }));
    expect(single.code).toBe('DATABASE_REQUEST_FAILED');
    expect(single.message).toMatch(/^E11000 duplicate key error collection: tickets index: ticketNo_unique dup key: \{ ticketNo: "T1" \}/);
    const compound = errorOf(() => db.add('tickets', { ticketNo: 'T2', customerOpenid: 'o1', requestId: 'r1' }));
    expect(compound.message).toMatch(/^E11000 duplicate key error collection: tickets index: customer_request_unique dup key: \{ customerOpenid: "o1", requestId: "r1" \}/);
    // a missing field counts as null: two documents without ticketNo collide
    db.add('tickets', { customerOpenid: 'o2', requestId: 'a' });
    const missing = errorOf(() => db.add('tickets', { customerOpenid: 'o2', requestId: 'b' }));
    expect(missing.message).toMatch(/index: ticketNo_unique dup key: \{ ticketNo: null \}/);
    // multi-document insert: a duplicate inside the batch or against stored data inserts nothing
    expect(errorOf(() => db.add('tickets', { ticketNo: 'T3', requestId: 'x' }, { ticketNo: 'T3', requestId: 'y' })).message).toMatch(/ticketNo_unique/);
    expect(errorOf(() => db.add('tickets', { ticketNo: 'T4', requestId: 'x' }, { ticketNo: 'T1', requestId: 'y' })).message).toMatch(/ticketNo_unique/);
    expect(() => engine.insertMany('tickets', [{ ticketNo: 'T5' }, { ticketNo: 'T5' }])).toThrow(/E11000/);
    expect(engine.count('tickets', { ticketNo: { $in: ['T3', 'T4', 'T5'] } })).toBe(0);
    expect(engine.count('tickets', {})).toBe(2);
  });

  test('enforced on update, set/upsert and multi-update; swapping keys within one write is allowed', () => {
    const { engine } = open();
    const db = client(engine);
    const [a, b] = db.add('tickets', { ticketNo: 'A', requestId: '1' }, { ticketNo: 'B', requestId: '2' });
    expect(errorOf(() => db.update('tickets', b, { $set: { ticketNo: 'A' } })).message).toMatch(/dup key: \{ ticketNo: "A" \}/);
    expect(errorOf(() => db.set('tickets', b, { ticketNo: 'A', requestId: '9' })).message).toMatch(/ticketNo_unique/);
    expect(errorOf(() => db.set('tickets', 'c', { ticketNo: 'B', requestId: '3' })).message).toMatch(/ticketNo_unique/);
    expect(errorOf(() => db.updateWhere('tickets', {}, { $set: { ticketNo: 'Z' } })).message).toMatch(/ticketNo_unique/);
    expect(db.get('tickets', b).ticketNo).toBe('B');
    expect(engine.count('tickets', {})).toBe(2);
    expect(db.update('tickets', a, { $set: { ticketNo: 'A2' } }).updated).toBe(1);
    expect(db.add('tickets', { ticketNo: 'A', requestId: '3' })).toHaveLength(1);
    // a transaction swapping two unique values commits, and the index still knows both owners afterwards
    const tx = call(engine, 'startTransaction', {}).transactionId;
    client(engine, tx).update('tickets', a, { $set: { ticketNo: 'B' } });
    client(engine, tx).update('tickets', b, { $set: { ticketNo: 'A2' } });
    call(engine, 'commitTransaction', { transactionId: tx });
    expect(db.get('tickets', a).ticketNo).toBe('B');
    expect(db.get('tickets', b).ticketNo).toBe('A2');
    expect(errorOf(() => db.add('tickets', { ticketNo: 'B', requestId: '7' })).message).toMatch(/dup key: \{ ticketNo: "B" \}/);
    expect(errorOf(() => db.add('tickets', { ticketNo: 'A2', requestId: '8' })).message).toMatch(/dup key: \{ ticketNo: "A2" \}/);
  });
});

describe('index-assisted queries', () => {
  const rnd = (() => {
    let seed = 12345;
    return () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
  })();
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const scalar = (): unknown =>
    pick([
      () => Math.floor(rnd() * 20),
      () => Math.floor(rnd() * 20) + 0.5,
      () => pick(['a', 'b', 'c', 'ab', 'B', '']),
      () => new Date(1_700_000_000_000 + Math.floor(rnd() * 20) * 1000),
      () => null,
      () => rnd() < 0.5,
    ])();
  const value = (): unknown => {
    const r = rnd();
    if (r < 0.12) return undefined;
    if (r < 0.25) return Array.from({ length: Math.floor(rnd() * 4) }, scalar);
    if (r < 0.28) return { x: scalar() };
    return scalar();
  };
  const randomDoc = () => {
    const doc: Record<string, unknown> = {};
    for (const f of ['a', 'b', 'c', 'd', 'z']) {
      const v = value();
      if (v !== undefined) doc[f] = v;
    }
    if (rnd() < 0.7) doc.e = rnd() < 0.1 ? [{ f: scalar() }] : { f: scalar() };
    return doc;
  };
  const condition = (): unknown => {
    const v = scalar();
    switch (Math.floor(rnd() * 8)) {
      case 0:
        return v;
      case 1:
        return { $eq: v };
      case 2:
        return { $in: [scalar(), scalar(), scalar()] };
      case 3:
        return { [pick(['$gt', '$gte', '$lt', '$lte'])]: v };
      case 4: {
        const lo = scalar();
        return { [pick(['$gt', '$gte'])]: lo, [pick(['$lt', '$lte'])]: typeof lo === 'number' ? lo + Math.floor(rnd() * 8) : scalar() };
      }
      case 5:
        return { $gte: v, $ne: scalar() };
      case 6:
        return { $exists: rnd() < 0.5 };
      default:
        return { $nin: [scalar()] };
    }
  };
  const randomQuery = () => {
    const q: Record<string, unknown> = {};
    const n = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) q[pick(['a', 'b', 'c', 'd', 'z', 'e.f', '_id'])] = condition();
    if (rnd() < 0.2) return { $and: [q, { [pick(['a', 'b'])]: condition() }] };
    return q;
  };

  test('return exactly what a full scan returns, in the same order, while documents change', () => {
    const { engine } = open();
    const ids = engine.insertMany('rand', Array.from({ length: 3000 }, randomDoc));
    const db = client(engine);
    let compared = 0;
    let nonEmpty = 0;
    for (let round = 0; round < 6; round++) {
      const all = engine.find('rand', {}); // no condition: natural order, no index
      for (let i = 0; i < 150; i++) {
        const q = randomQuery();
        if (rnd() < 0.3 && '_id' in q) (q as Record<string, unknown>)._id = pick(ids);
        const viaEngine = engine.find('rand', q).map((d) => d._id);
        const fullScan = mingoFind(all, q).all().map((d) => d._id);
        expect(viaEngine, JSON.stringify(q)).toEqual(fullScan);
        compared++;
        if (fullScan.length) nonEmpty++;
      }
      // sorting: ordered by mingo's comparison of each key, ties in natural order, skip/limit after the sort
      const position = new Map(all.map((d, i) => [d._id, i]));
      for (let i = 0; i < 40; i++) {
        const q = randomQuery();
        const sort = Object.fromEntries(
          Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => [pick(['a', 'b', 'c', 'e.f', '_id']), rnd() < 0.5 ? 1 : -1]),
        ) as Record<string, 1 | -1>;
        const sorted = engine.find('rand', q, { sort });
        const what = `${JSON.stringify(q)} sort ${JSON.stringify(sort)}`;
        expect(sorted.map((d) => d._id).sort(), what).toEqual(mingoFind(all, q).all().map((d) => d._id).sort());
        for (let k = 1; k < sorted.length; k++) {
          let c = 0;
          for (const [field, dir] of Object.entries(sort)) {
            c = mingoCompare(mingoResolve(sorted[k - 1], field), mingoResolve(sorted[k], field)) * dir;
            if (c !== 0) break;
          }
          expect(c, what).toBeLessThanOrEqual(0);
          if (c === 0) expect(position.get(sorted[k - 1]._id)! < position.get(sorted[k]._id)!, what).toBe(true);
        }
        expect(engine.find('rand', q, { sort, skip: 3, limit: 7 }), what).toEqual(sorted.slice(3, 10));
      }
      // change documents through the protocol so indexes must follow
      for (let i = 0; i < 200; i++) {
        const id = pick(ids);
        const r = rnd();
        if (r < 0.5) db.set('rand', id, randomDoc());
        else if (r < 0.8) db.update('rand', id, { $set: { [pick(['a', 'b', 'c', 'd'])]: scalar() } });
        else db.remove('rand', id);
      }
      ids.push(...engine.insertMany('rand', Array.from({ length: 100 }, randomDoc)));
    }
    expect(compared).toBe(900);
    expect(nonEmpty).toBeGreaterThan(300);
  });

  test('an SLA sweep over 100,000 open tickets touches only the due ones', () => {
    const { engine } = open();
    const base = 1_800_000_000_000;
    const docs = Array.from({ length: 100_000 }, (_, i) => ({
      ticketNo: `T${i}`,
      requestId: `r${i}`,
      status: 'open',
      nextDueAt: new Date(base + (i < 100 ? -i * 1000 : 3_600_000 + i * 1000)),
    }));
    engine.insertMany('tickets', docs);
    const now = new Date(base);
    // The planner answers from the nextDueAt index: no full scan of the collection (its speed is `npm run bench -- database`).
    const scans = vi.spyOn(Collection.prototype, 'scan');
    try {
      const due = engine.find('tickets', { nextDueAt: { $lte: now }, status: 'open' }, { limit: 1000 });
      expect(due).toHaveLength(100);
      expect(scans).not.toHaveBeenCalled();
      // The same sweep on a field without an index has to scan (the spy sees what it should).
      expect(engine.find('tickets', { requestId: { $in: ['r1', 'r2'] } })).toHaveLength(2);
      expect(scans).toHaveBeenCalled();
    } finally {
      scans.mockRestore();
    }
  });
});

describe('aggregation', () => {
  test('match/group/sort/project/lookup/unwind/addFields/bucket/sample/count, stored documents untouched', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('users', [{ _id: 'u1', name: 'Ann' }, { _id: 'u2', name: 'Bo' }]);
    engine.insertMany('items', [
      { status: 'open', score: 4, owner: 'u1', tags: ['a', 'b'], a: 1, createdAt: new Date('2024-05-01') },
      { status: 'open', score: 2, owner: 'u2', tags: ['c'], a: 15, createdAt: new Date('2025-01-01') },
      { status: 'closed', score: 5, owner: 'u1', tags: [], a: 30, createdAt: new Date('2025-02-01') },
    ]);
    const before = JSON.stringify(engine.find('items', {}));
    const grouped = db.aggregate('items', [
      { $match: { status: { $in: ['open', 'closed'] } } },
      { $group: { _id: '$status', n: { $sum: 1 }, avg: { $avg: '$score' } } },
      { $sort: { n: -1 } },
      { $project: { n: 1, avg: 1, ratio: { $divide: ['$n', 10] } } },
    ]);
    expect(grouped).toEqual([
      { _id: 'open', n: 2, avg: 3, ratio: 0.2 },
      { _id: 'closed', n: 1, avg: 5, ratio: 0.1 },
    ]);
    const joined = db.aggregate('items', [
      { $lookup: { from: 'users', localField: 'owner', foreignField: '_id', as: 'u' } },
      { $unwind: '$u' },
      { $addFields: { 'u.seen': true, y: { $year: '$createdAt' } } },
      { $project: { _id: 0, name: '$u.name', seen: '$u.seen', y: 1 } },
    ]);
    expect(joined).toEqual([
      { name: 'Ann', seen: true, y: 2024 },
      { name: 'Bo', seen: true, y: 2025 },
      { name: 'Ann', seen: true, y: 2025 },
    ]);
    const unwound = db.aggregate('items', [{ $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } }, { $count: 'total' }]);
    expect(unwound).toEqual([{ total: 4 }]);
    expect(db.aggregate('items', [{ $bucket: { groupBy: '$a', boundaries: [0, 10, 20, 100], default: 'other' } }])).toEqual([
      { _id: 0, count: 1 },
      { _id: 10, count: 1 },
      { _id: 20, count: 1 },
    ]);
    expect(db.aggregate('items', [{ $bucket: { groupBy: '$a', boundaries: [0, 10, 100], output: { s: { $sum: '$score' } } } }])).toEqual([
      { _id: 0, s: 4 },
      { _id: 10, s: 7 },
    ]);
    expect(errorOf(() => db.aggregate('items', [{ $bucket: { groupBy: '$a', boundaries: [0, 10] } }])).message).toMatch(/no default/);
    const sampled = db.aggregate('items', [{ $sample: { size: 10 } }]);
    expect(new Set(sampled.map((d) => d._id)).size).toBe(3);
    expect(db.aggregate('items', [{ $match: { status: 'none' } }, { $count: 'total' }])).toEqual([]);
    expect(db.aggregate('items', [{ $lookup: { from: 'missing', localField: 'owner', foreignField: '_id', as: 'x' } }, { $limit: 1 }])[0].x).toEqual([]);
    // MongoDB's date parts are null for a missing date (mingo alone would throw)
    expect(db.aggregate('items', [{ $project: { _id: 0, y: { $year: '$createdAt' }, m: { $month: { date: '$nowhere' } } } }, { $limit: 1 }])).toEqual([
      { y: 2024, m: null },
    ]);
    expect(JSON.stringify(engine.find('items', {}))).toBe(before);
    expect(errorOf(() => db.aggregate('items', [{ $out: 'users' }])).code).toBe('DATABASE_REQUEST_FAILED');
  });
});

describe('$lookup', () => {
  test('run once over the foreign indexes, nest, group, and never let later stages write into stored documents', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('users', [{ _id: 'u1', name: 'Ann', tags: ['x'] }, { _id: 'u2', name: 'Bo', tags: [] }]);
    engine.insertMany('items', [
      { _id: 'i1', status: 'open', owner: 'u1', score: 3 },
      { _id: 'i2', status: 'open', owner: 'u1', score: 5 },
      { _id: 'i3', status: 'closed', owner: 'u2', score: 1 },
    ]);
    const before = JSON.stringify([engine.find('users', {}), engine.find('items', {})]);
    const rows = db.aggregate('users', [
      { $match: { _id: 'u1' } },
      { $project: { _id: 1 } },
      { $lookup: { from: 'items', pipeline: [{ $match: { status: 'open' } }, { $group: { _id: '$owner', n: { $sum: 1 }, top: { $max: '$score' } } }], as: 'loads' } },
      { $lookup: { from: 'items', pipeline: [{ $match: { owner: 'u1' } }, { $limit: 1 }, { $project: { score: 1 } }], as: 'first' } },
      {
        $lookup: {
          from: 'items',
          pipeline: [{ $match: { _id: 'i3' } }, { $lookup: { from: 'users', localField: 'owner', foreignField: '_id', as: 'who' } }],
          as: 'nested',
        },
      },
      { $lookup: { from: 'users', pipeline: [{ $match: { name: 'Bo' } }], as: 'bo' } },
      { $lookup: { from: 'nowhere', pipeline: [{ $match: {} }], as: 'none' } },
      { $unwind: '$bo' },
      { $addFields: { 'bo.touched': true } },
    ]);
    expect(rows).toEqual([
      {
        _id: 'u1',
        loads: [{ _id: 'u1', n: 2, top: 5 }],
        first: [{ _id: 'i1', score: 3 }],
        nested: [{ _id: 'i3', status: 'closed', owner: 'u2', score: 1, who: [{ _id: 'u2', name: 'Bo', tags: [] }] }],
        bo: { _id: 'u2', name: 'Bo', tags: [], touched: true },
        none: [],
      },
    ]);
    // A projection shares nested values with stored documents until a later stage writes: then it is a copy.
    engine.insertMany('users', [{ _id: 'u3', name: 'Cy', meta: { level: 1, tags: ['a'] } }]);
    const before3 = JSON.stringify(engine.find('users', { _id: 'u3' }));
    expect(db.aggregate('users', [{ $match: { _id: 'u3' } }, { $project: { meta: 1 } }, { $addFields: { 'meta.level': 2 } }, { $unwind: '$meta.tags' }])).toEqual([
      { _id: 'u3', meta: { level: 2, tags: 'a' } },
    ]);
    expect(JSON.stringify(engine.find('users', { _id: 'u3' }))).toBe(before3);
    // No outer documents: nothing joined, nothing run.
    expect(db.aggregate('users', [{ $match: { _id: 'nobody' } }, { $lookup: { from: 'items', pipeline: [{ $match: {} }], as: 'all' } }])).toEqual([]);
    expect(JSON.stringify([engine.find('users', { _id: { $in: ['u1', 'u2'] } }), engine.find('items', {})])).toBe(before);
  });

  test('equality joins find the foreign documents by index and join through arrays, null and missing as MongoDB does', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('users', [
      { _id: 'u1', name: 'Ann', team: 't1' },
      { _id: 'u2', name: 'Bo', team: ['t1', 't2'] },
      { _id: 'u3', name: 'Cy' },
    ]);
    engine.insertMany('items', [
      { _id: 'o1', lines: [{ owner: 'u1' }, { owner: 'u2' }], team: 't2' },
      { _id: 'o2', lines: [], team: null },
    ]);
    const before = JSON.stringify([engine.find('users', {}), engine.find('items', {})]);
    const rows = db.aggregate('items', [
      { $lookup: { from: 'users', localField: 'lines.owner', foreignField: '_id', as: 'owners' } },
      { $lookup: { from: 'users', localField: 'team', foreignField: 'team', as: 'members' } },
      { $project: { owners: '$owners._id', members: '$members._id' } },
    ]);
    expect(rows).toEqual([
      { _id: 'o1', owners: ['u1', 'u2'], members: ['u2'] },
      // A null local value joins documents where the field is null or missing.
      { _id: 'o2', owners: [], members: ['u3'] },
    ]);
    // Later stages that write into the joined documents write into copies.
    const unwound = db.aggregate('items', [{ $lookup: { from: 'users', localField: 'lines.owner', foreignField: '_id', as: 'owner' } }, { $unwind: '$owner' }, { $addFields: { 'owner.seen': true } }]);
    expect(unwound.map((d) => d.owner)).toEqual([
      { _id: 'u1', name: 'Ann', team: 't1', seen: true },
      { _id: 'u2', name: 'Bo', team: ['t1', 't2'], seen: true },
    ]);
    expect(JSON.stringify([engine.find('users', {}), engine.find('items', {})])).toBe(before);
  });
});

describe('transactions', () => {
  const start = (engine: DatabaseEngine) => {
    const res = call(engine, 'startTransaction', {});
    expect(res.transactionId).toBeTruthy();
    return res.transactionId as string;
  };
  const commit = (engine: DatabaseEngine, id: string) => call(engine, 'commitTransaction', { transactionId: id });
  const abort = (engine: DatabaseEngine, id: string) => call(engine, 'abortTransaction', { transactionId: id });

  test('own writes are visible inside, invisible outside until commit, then applied together', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('items', [{ _id: 'acc', balance: 10 }]);
    const id = start(engine);
    const tx = client(engine, id);
    expect(tx.get('items', 'acc')).toEqual({ _id: 'acc', balance: 10 });
    expect(tx.update('items', 'acc', { $inc: { balance: -3 } })).toEqual({ updated: 1 });
    const [logId] = tx.add('users', { note: 'debit' });
    expect(tx.get('items', 'acc').balance).toBe(7);
    expect(tx.get('users', logId)).toMatchObject({ note: 'debit' });
    expect(db.get('items', 'acc').balance).toBe(10);
    expect(db.where('users', {})).toEqual([]);
    tx.set('items', 'other', { x: 1 });
    tx.remove('items', 'other');
    expect(tx.get('items', 'other')).toBeUndefined();
    commit(engine, id);
    expect(db.get('items', 'acc').balance).toBe(7);
    expect(db.get('users', logId)).toMatchObject({ note: 'debit' });
    expect(db.where('items', {}).map((d) => d._id)).toEqual(['acc']);
    expect(engine.openTransactions).toBe(0);
  });

  test('snapshot isolation, and a conflict when a document read or written changed after the start', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('items', [{ _id: 'a', v: 1 }, { _id: 'b', v: 1 }]);
    const id = start(engine);
    const tx = client(engine, id);
    expect(tx.get('items', 'a').v).toBe(1);
    db.update('items', 'a', { $set: { v: 2 } });
    db.remove('items', 'b');
    expect(tx.get('items', 'a').v).toBe(1); // still the snapshot
    expect(tx.get('items', 'b').v).toBe(1); // removed outside, still visible inside
    tx.update('items', 'a', { $inc: { v: 10 } });
    const conflict = errorOf(() => commit(engine, id));
    expect(conflict.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.get('items', 'a').v).toBe(2);
    expect(engine.openTransactions).toBe(0);
  });

  test('first committer wins; unrelated documents do not conflict; a new document read as missing does', () => {
    const { engine } = open();
    const db = client(engine);
    engine.insertMany('items', [{ _id: 'a', v: 1 }, { _id: 'b', v: 1 }]);
    const t1 = start(engine);
    const t2 = start(engine);
    client(engine, t1).update('items', 'a', { $inc: { v: 1 } });
    client(engine, t2).update('items', 'a', { $inc: { v: 100 } });
    commit(engine, t1);
    expect(errorOf(() => commit(engine, t2)).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.get('items', 'a').v).toBe(2);

    const t3 = start(engine);
    client(engine, t3).update('items', 'b', { $inc: { v: 1 } });
    db.update('items', 'a', { $inc: { v: 1 } });
    commit(engine, t3);
    expect(db.get('items', 'b').v).toBe(2);

    const t4 = start(engine);
    expect(client(engine, t4).get('items', 'c')).toBeUndefined();
    db.add('items', { _id: 'c' });
    client(engine, t4).set('items', 'c', { v: 1 });
    expect(errorOf(() => commit(engine, t4)).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('abort discards; unique violations fail the commit; transactions expire after 30 s', () => {
    const clock = new Clock();
    const { engine } = open(undefined, clock);
    const db = client(engine);
    engine.insertMany('tickets', [{ _id: 't', ticketNo: 'T1', requestId: '1' }]);
    const a = start(engine);
    client(engine, a).update('tickets', 't', { $set: { status: 'x' } });
    abort(engine, a);
    expect(db.get('tickets', 't').status).toBeUndefined();
    expect(errorOf(() => commit(engine, a)).code).toBe('DATABASE_REQUEST_FAILED');

    const u = start(engine);
    client(engine, u).add('tickets', { ticketNo: 'T1', requestId: '2' });
    client(engine, u).update('tickets', 't', { $set: { status: 'y' } });
    expect(errorOf(() => commit(engine, u)).message).toMatch(/^E11000 .*ticketNo_unique/);
    expect(db.get('tickets', 't').status).toBeUndefined();
    expect(engine.count('tickets', {})).toBe(1);

    const e = start(engine);
    client(engine, e).update('tickets', 't', { $set: { status: 'z' } });
    clock.advance(31_000);
    expect(engine.openTransactions).toBe(1);
    expect(errorOf(() => commit(engine, e)).message).toMatch(/does not exist.*expired/);
    expect(engine.openTransactions).toBe(0);
    expect(db.get('tickets', 't').status).toBeUndefined();
  });

  test('inside a transaction only doc-level operations are accepted', () => {
    const { engine } = open();
    const id = start(engine);
    const err = errorOf(() => call(engine, 'getDocument', { collectionName: 'items', queryType: 'WHERE', query: ej({ a: 1 }), transactionId: id }));
    expect(err.code).toBe('INVALID_PARAM');
    expect(err.message).toMatch(/only doc\(id\)/);
  });

  test('legacy transaction actions (getInTransaction / updateDocInTransaction / deleteDocInTransaction)', () => {
    const { engine } = open();
    engine.insertMany('items', [{ _id: 'l', v: 1 }]);
    const id = start(engine);
    const got = engine.handle('database.getInTransaction', { collectionName: 'items', transactionId: id, _id: 'l' });
    expect(got.kind === 'json' && EJSON.parse(got.data as string)).toEqual({ _id: 'l', v: 1 });
    const upd = engine.handle('database.updateDocInTransaction', { collectionName: 'items', transactionId: id, _id: 'l', data: ej({ $set: { v: 2 } }) });
    expect(upd.kind === 'json' && upd.top).toEqual({ updated: '1' });
    const del = engine.handle('database.deleteDocInTransaction', { collectionName: 'items', transactionId: id, _id: 'l' });
    expect(del.kind === 'json' && del.top).toEqual({ deleted: '1' });
    commit(engine, id);
    expect(engine.count('items', {})).toBe(0);
  });
});

describe('durability', () => {
  test('a new engine on the same SQLite file sees identical data, order and indexes', () => {
    const dir = tmpDir();
    const first = open(dir);
    const db = client(first.engine);
    db.add('tickets', { ticketNo: 'T1', requestId: '1', at: new Date(5), nested: { list: [1, 'a', null] } });
    db.add('items', { n: 1 }, { n: 2 }, { n: 3 });
    db.update('items', db.where('items', { n: 1 })[0]._id, { $set: { n: 10 } });
    db.remove('items', db.where('items', { n: 2 })[0]._id);
    const tx = call(first.engine, 'startTransaction', {}).transactionId;
    client(first.engine, tx).add('items', { n: 4 });
    call(first.engine, 'commitTransaction', { transactionId: tx });
    call(first.engine, 'addCollection', { collectionName: 'extra' });
    first.engine.insertMany('extra', [{ x: 1 }]);
    const snapshot = (engine: DatabaseEngine) => Object.fromEntries(engine.listCollections().map((c) => [c, engine.find(c, {})]));
    const before = snapshot(first.engine);
    first.db.close();
    opened.splice(opened.indexOf(first.db), 1);

    const second = open(dir);
    expect(snapshot(second.engine)).toEqual(before);
    expect(second.engine.find('items', {}).map((d) => d.n)).toEqual([10, 3, 4]);
    expect(second.engine.find('tickets', {})[0].at).toEqual(new Date(5));
    expect(() => second.engine.insertMany('tickets', [{ ticketNo: 'T1' }])).toThrow(/E11000/);
    expect(second.engine.find('tickets', { ticketNo: 'T1' })).toHaveLength(1);
    client(second.engine).add('items', { n: 5 });
    expect(second.engine.find('items', {}).map((d) => d.n)).toEqual([10, 3, 4, 5]);
  });

  test('memory changes only after SQLite accepted the whole write', () => {
    const { engine, db } = open();
    // make SQLite refuse one document of a batch
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON db_docs WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    engine.insertMany('items', [{ _id: 'keep', v: 1 }]);
    expect(() => client(engine).add('items', { _id: 'ok', v: 1 }, { _id: 'boom', v: 2 })).toThrow(/refused/);
    expect(engine.find('items', {}).map((d) => d._id)).toEqual(['keep']);
    const tx = call(engine, 'startTransaction', {}).transactionId;
    client(engine, tx).update('items', 'keep', { $set: { v: 5 } });
    client(engine, tx).add('items', { _id: 'boom' });
    expect(() => call(engine, 'commitTransaction', { transactionId: tx })).toThrow(/refused/);
    expect(engine.find('items', {})).toEqual([{ _id: 'keep', v: 1 }]);
    expect(db.prepare('SELECT count(*) AS n FROM db_docs').get()).toEqual({ n: 1 });
  });

  test('acknowledged writes survive kill -9', async () => {
    const dir = tmpDir();
    const script = path.join(dir, 'writer.ts');
    const root = path.resolve(__dirname, '../..');
    fs.writeFileSync(
      script,
      `import { openSqlite } from ${JSON.stringify(path.join(root, 'localcloud/sqlite.ts'))};
import { Clock } from ${JSON.stringify(path.join(root, 'localcloud/clock.ts'))};
import { DatabaseEngine } from ${JSON.stringify(path.join(root, 'localcloud/gateway/database/index.ts'))};
const engine = new DatabaseEngine({ db: openSqlite(${JSON.stringify(path.join(dir, 'data'))}), clock: new Clock(), collections: { items: { purpose: '', indexes: [] } } });
for (let i = 0; ; i++) {
  const res = engine.handle('database.insertDocument', { collectionName: 'items', data: [JSON.stringify({ _id: 'd' + i, i })] });
  if (res.kind !== 'json') throw new Error(JSON.stringify(res));
  process.stdout.write('ack ' + i + '\\n');
}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited with ${code}`))));
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acked = Number(line.slice(4));
        if (acked >= 300) child.kill('SIGKILL');
      });
    });
    expect(acked).toBeGreaterThanOrEqual(300);
    const { engine } = open(path.join(dir, 'data'), new Clock(), { items: { purpose: '', indexes: [] } });
    const stored = new Set(engine.find('items', {}).map((d) => d._id));
    for (let i = 0; i <= acked; i++) expect(stored.has(`d${i}`)).toBe(true);
  });
});
