import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Clock } from '../../localcloud/clock';
import { DatabaseEngine } from '../../localcloud/gateway/database';
import { openSqlite, type Sqlite } from '../../localcloud/sqlite';
import { COLLECTIONS } from '../../shared/db/collections';
import { connectSdk, startGateway, type TestGateway } from '../helpers/gateway';

/**
 * The real, unmodified wx-server-sdk against the database engine through the HTTP gateway:
 * every request body is built by the SDK and every answer parsed by it.
 */

const DAY = 86_400_000;
let gw: TestGateway;
let dir: string;
let sqlite: Sqlite;
let engine: DatabaseEngine;
let clock: Clock;
// The SDK's typings return unions of callback/promise forms; the tests use the promise form.
let db: any;
let _: any;
let $: any;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-sdk-'));
  sqlite = openSqlite(dir);
  clock = new Clock();
  clock.advance(DAY); // server dates must come from the local-cloud clock, not the machine's
  engine = new DatabaseEngine({
    db: sqlite,
    clock,
    collections: { ...COLLECTIONS, accounts: { purpose: 'tests', indexes: [] }, users: { purpose: 'tests', indexes: [] } },
  });
  gw = await startGateway({ database: engine });
  const cloud = connectSdk(gw.url);
  db = cloud.database();
  _ = db.command;
  $ = db.command.aggregate;
});

afterAll(async () => {
  await gw?.close();
  sqlite?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode?: number; errMsg?: string };
  }
  throw new Error('expected the SDK call to fail');
}

describe('documents through the real SDK', () => {
  test('add, doc().get, where with commands, orderBy/skip/limit/field, count', async () => {
    const orders = db.collection('orders');
    const added = await orders.add({ data: { orderNo: 'A1', amount: 25, status: 'paid', tags: ['x', 'y'], title: 'Foo order', createdAt: new Date(1000) } });
    expect(added._id).toMatch(/^[0-9a-f]{32}$/);
    for (const [i, s] of [
      ['A2', 'paid'],
      ['A3', 'refunded'],
      ['A4', 'paid'],
    ] as const) {
      await orders.add({ data: { orderNo: i, amount: Number(i.slice(1)) * 10, status: s, tags: ['z'], title: `order ${i}`, note: i === 'A4' ? 'n' : undefined } });
    }
    const one = await orders.doc(added._id).get();
    expect(one.data).toMatchObject({ _id: added._id, orderNo: 'A1', amount: 25, tags: ['x', 'y'] });
    expect(one.data.createdAt).toEqual(new Date(1000));

    const gt = await orders.where({ amount: _.gt(20) }).orderBy('amount', 'desc').get();
    expect(gt.data.map((d: any) => d.orderNo)).toEqual(['A4', 'A3', 'A1']);
    expect((await orders.where({ status: _.in(['refunded']) }).get()).data.map((d: any) => d.orderNo)).toEqual(['A3']);
    expect((await orders.where({ tags: _.elemMatch(_.eq('x')) }).get()).data.map((d: any) => d.orderNo)).toEqual(['A1']);
    expect((await orders.where({ note: _.exists(true) }).get()).data.map((d: any) => d.orderNo)).toEqual(['A4']);
    expect((await orders.where({ title: db.RegExp({ regexp: '^foo', options: 'i' }) }).get()).data.map((d: any) => d.orderNo)).toEqual(['A1']);
    expect((await orders.where(_.or([{ amount: _.lt(25) }, { status: 'refunded' }])).get()).data.map((d: any) => d.orderNo)).toEqual(['A2', 'A3']);

    const page = await orders.where({ status: 'paid' }).orderBy('status', 'asc').orderBy('amount', 'asc').skip(1).limit(1).field({ orderNo: true, amount: true }).get();
    expect(page.data).toHaveLength(1);
    expect(Object.keys(page.data[0]).sort()).toEqual(['_id', 'amount', 'orderNo']);
    expect(page.data[0].orderNo).toBe('A1');
    expect((await orders.where({ status: 'paid' }).count()).total).toBe(3);
    expect((await orders.count()).total).toBe(4);
    expect((await orders.get()).data).toHaveLength(4);
  });

  test('doc().update with inc/push/set, doc().set, remove, where().update multi', async () => {
    const orders = db.collection('orders');
    const { _id } = await orders.add({ data: { orderNo: 'U1', n: 1, log: ['a'], meta: { a: 1, b: 2 } } });
    const upd = await orders.doc(_id).update({ data: { n: _.inc(2), log: _.push(['b', 'c']), meta: _.set({ c: 3 }), 'deep.x': 1 } });
    expect(upd.stats.updated).toBe(1);
    const after = (await orders.doc(_id).get()).data;
    expect(after).toMatchObject({ n: 3, log: ['a', 'b', 'c'], meta: { c: 3 }, deep: { x: 1 } });
    expect(after.meta.a).toBeUndefined();

    const replaced = await orders.doc(_id).set({ data: { orderNo: 'U1', replaced: true } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await orders.doc(_id).get()).data).toEqual({ _id, orderNo: 'U1', replaced: true });
    const created = await orders.doc('fresh-id').set({ data: { orderNo: 'U2' } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });

    const many = await orders.where({ orderNo: _.in(['U1', 'U2']) }).update({ data: { flagged: true } });
    expect(many.stats.updated).toBe(2);
    expect((await orders.where({ flagged: true }).count()).total).toBe(2);

    expect((await orders.doc('fresh-id').remove()).stats.removed).toBe(1);
    expect((await orders.where({ flagged: true }).remove()).stats.removed).toBe(1);
    const gone = await rejection(orders.doc(_id).get());
    expect(String(gone.errMsg)).toMatch(/does not exist/);
  });

  test('db.serverDate() values come back as Dates at the local-cloud time (clock advanced by a day)', async () => {
    const events = db.collection('events');
    const { _id } = await events.add({ data: { complaintId: 'c1', at: db.serverDate(), dueAt: db.serverDate({ offset: 3_600_000 }) } });
    const doc = (await events.doc(_id).get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(Math.abs(doc.at.getTime() - clock.nowMs())).toBeLessThan(5000);
    expect(doc.at.getTime() - Date.now()).toBeGreaterThan(DAY - 60_000);
    expect(doc.dueAt.getTime() - doc.at.getTime()).toBe(3_600_000);
    await events.doc(_id).update({ data: { seenAt: db.serverDate() } });
    expect((await events.doc(_id).get()).data.seenAt.getTime()).toBeGreaterThanOrEqual(doc.at.getTime());
    expect((await events.where({ at: _.lte(db.serverDate()) }).count()).total).toBe(1);
    expect((await events.where({ at: _.gt(db.serverDate({ offset: 60_000 })) }).count()).total).toBe(0);
  });

  test('aggregate with match/group/sort/lookup', async () => {
    await db.collection('users').add({ data: { _id: 'u1', name: 'Ann' } });
    await db.collection('users').add({ data: { _id: 'u2', name: 'Bo' } });
    const shipments = db.collection('shipments');
    for (const [orderNo, owner, kg] of [
      ['S1', 'u1', 2],
      ['S2', 'u2', 3],
      ['S3', 'u1', 5],
    ] as const) {
      await shipments.add({ data: { orderNo, owner, kg } });
    }
    const res = await shipments
      .aggregate()
      .match({ kg: _.gte(2) })
      .group({ _id: '$owner', total: $.sum('$kg'), n: $.sum(1) })
      .sort({ total: -1 })
      .lookup({ from: 'users', localField: '_id', foreignField: '_id', as: 'user' })
      .end();
    expect(res.list).toEqual([
      { _id: 'u1', total: 7, n: 2, user: [{ _id: 'u1', name: 'Ann' }] },
      { _id: 'u2', total: 3, n: 1, user: [{ _id: 'u2', name: 'Bo' }] },
    ]);
  });

  test('createCollection, and a missing collection gives the SDK error -502005', async () => {
    const missing = await rejection(db.collection('no_such_collection').get());
    expect(missing.errCode).toBe(-502005);
    const missingAdd = await rejection(db.collection('no_such_collection').add({ data: { a: 1 } }));
    expect(missingAdd.errCode).toBe(-502005);
    await db.createCollection('made_here');
    const { _id } = await db.collection('made_here').add({ data: { a: 1 } });
    expect((await db.collection('made_here').doc(_id).get()).data.a).toBe(1);
    expect(engine.listCollections()).toContain('made_here');
    await rejection(db.createCollection('made_here'));
  });

  test('a unique index violation is an SDK error whose message contains E11000', async () => {
    const complaints = db.collection('complaints');
    await complaints.add({ data: { ticketNo: 'TK-1', customerOpenid: 'o1', requestId: 'r1' } });
    const dup = await rejection(complaints.add({ data: { ticketNo: 'TK-2', customerOpenid: 'o1', requestId: 'r1' } }));
    expect(dup.errCode).toBe(-502001);
    expect(String(dup.errMsg)).toContain('E11000');
    expect(String(dup.errMsg)).toContain('customer_request_unique');
    expect((await complaints.where({ ticketNo: 'TK-2' }).count()).total).toBe(0);
  });

  test('a geo query is refused with a clear error', async () => {
    const err = await rejection(
      db.collection('orders').where({ loc: _.geoNear({ geometry: new db.Geo.Point(113, 23), maxDistance: 1000 }) }).get(),
    );
    expect(err.errCode).toBe(-502002);
    expect(String(err.errMsg)).toMatch(/does not support geo queries/);
  });
});

describe('transactions through the real SDK', () => {
  test('runTransaction commits all writes together', async () => {
    await db.collection('accounts').add({ data: { _id: 'alice', balance: 100 } });
    await db.collection('accounts').add({ data: { _id: 'bob', balance: 0 } });
    const result = await db.runTransaction(async (t: any) => {
      const alice = (await t.collection('accounts').doc('alice').get()).data;
      await t.collection('accounts').doc('alice').update({ data: { balance: alice.balance - 30 } });
      await t.collection('accounts').doc('bob').update({ data: { balance: _.inc(30) } });
      await t.collection('users').add({ data: { _id: 'transfer-1', note: 'alice->bob' } });
      // inside, own writes are visible
      expect((await t.collection('accounts').doc('alice').get()).data.balance).toBe(70);
      return 'done';
    });
    expect(result).toBe('done');
    expect((await db.collection('accounts').doc('alice').get()).data.balance).toBe(70);
    expect((await db.collection('accounts').doc('bob').get()).data.balance).toBe(30);
    expect((await db.collection('users').doc('transfer-1').get()).data.note).toBe('alice->bob');
    expect(engine.openTransactions).toBe(0);
  });

  test('a concurrent update makes the commit conflict and runTransaction retry', async () => {
    await db.collection('accounts').add({ data: { _id: 'carol', balance: 100 } });
    let attempts = 0;
    await db.runTransaction(async (t: any) => {
      attempts++;
      const carol = (await t.collection('accounts').doc('carol').get()).data;
      if (attempts === 1) {
        // someone else writes the same document between the read and the commit
        await db.collection('accounts').doc('carol').update({ data: { balance: _.inc(1000) } });
      }
      await t.collection('accounts').doc('carol').update({ data: { balance: carol.balance - 10 } });
    });
    expect(attempts).toBe(2);
    // the retry read the concurrent write: nothing was lost
    expect((await db.collection('accounts').doc('carol').get()).data.balance).toBe(1090);
    expect(engine.openTransactions).toBe(0);
  });

  test('startTransaction + rollback discards the writes', async () => {
    await db.collection('accounts').add({ data: { _id: 'dave', balance: 5 } });
    const t = await db.startTransaction();
    await t.collection('accounts').doc('dave').update({ data: { balance: 0 } });
    await t.collection('accounts').doc('dave-2').set({ data: { balance: 1 } });
    expect((await t.collection('accounts').doc('dave').get()).data.balance).toBe(0);
    expect((await db.collection('accounts').doc('dave').get()).data.balance).toBe(5);
    await t.rollback();
    expect((await db.collection('accounts').doc('dave').get()).data.balance).toBe(5);
    expect((await db.collection('accounts').where({ _id: 'dave-2' }).count()).total).toBe(0);
    expect(engine.openTransactions).toBe(0);
  });

  test('startTransaction + commit, and remove inside a transaction', async () => {
    await db.collection('accounts').add({ data: { _id: 'erin', balance: 5 } });
    const t = await db.startTransaction();
    await t.collection('accounts').doc('erin').remove();
    await t.collection('accounts').add({ data: { _id: 'frank', balance: 9 } });
    await t.commit();
    expect((await db.collection('accounts').where({ _id: _.in(['erin', 'frank']) }).get()).data).toEqual([{ _id: 'frank', balance: 9 }]);
  });
});
