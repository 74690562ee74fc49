import { EJSON } from 'bson';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { Clock } from '../../localcloud/clock';
import { DatabaseEngine } from '../../localcloud/gateway/database';
import { openSqlite, type Sqlite } from '../../localcloud/sqlite';
import type { CollectionDecl } from '../../shared/db/collections';
import { startGateway, type TestGateway } from '../helpers/gateway';

/**
 * Contract: the `database.*` request bodies captured from the unmodified wx-server-sdk 4.0.2, POSTed as
 * captured, in file order, to the gateway over HTTP. Fails loudly if the captured wire format changes
 * (request shape checks) or the engine's answers stop being what the SDK parses (response shape checks).
 */

const REFERENCE = path.resolve(__dirname, '../../../shared/reference/cloudbase-protocol');
const FILES = ['captured-requests.jsonl', 'captured-requests-extra.jsonl'];

interface Captured {
  file: string;
  line: number;
  url: string;
  body: Record<string, any>;
}

const captured: Captured[] = FILES.flatMap((file) =>
  fs
    .readFileSync(path.join(REFERENCE, file), 'utf8')
    .split('\n')
    .map((text, line) => ({ text, line }))
    .filter(({ text }) => text.trim())
    .map(({ text, line }) => ({ ...JSON.parse(text), file, line }))
    .filter((r) => r.method === 'POST' && typeof r.body?.action === 'string' && r.body.action.startsWith('database.'))
    .map((r) => ({ file, line: r.line, url: r.url, body: r.body })),
);

/** What the SDK does with a list item. */
const parseDoc = (s: string) => EJSON.parse(s) as Record<string, any>;

const label = (r: Captured) => `${r.file}:${r.line + 1} ${r.body.action}`;

/** The SDK's common fields, sent with every action. */
const COMMON = ['action', 'envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken'];

/** Fields the engine reads, per action: [required, optional]. */
const FIELDS: Record<string, [string[], string[]]> = {
  'database.getDocument': [['collectionName', 'queryType', 'query'], ['order', 'offset', 'limit', 'projection', 'multi', 'transactionId']],
  'database.calculateDocument': [['collectionName', 'queryType', 'query'], []],
  'database.insertDocument': [['collectionName', 'data'], ['transactionId']],
  'database.modifyDocument': [['collectionName', 'queryType', 'query', 'data', 'multi', 'merge', 'upsert'], ['transactionId']],
  'database.removeDocument': [['collectionName', 'queryType', 'query', 'multi'], ['transactionId']],
  'database.aggregateDocuments': [['collectionName', 'stages'], []],
  'database.startTransaction': [[], []],
  'database.commitTransaction': [['transactionId'], []],
  'database.abortTransaction': [['transactionId'], []],
  'database.addCollection': [['collectionName'], []],
};

const isGeo = (r: Captured) => /\$(nearSphere|geoWithin|geoIntersects|near)\b/.test(String(r.body.query ?? ''));

describe('captured request bodies still have the shape the engine reads', () => {
  test('the fixtures hold the expected database requests', () => {
    expect(captured).toHaveLength(32);
    expect(new Set(captured.map((r) => r.body.action))).toEqual(new Set(Object.keys(FIELDS)));
    expect(captured.filter(isGeo)).toHaveLength(2);
  });

  test.each(captured.map((r) => [label(r), r] as const))('%s', (_name, r) => {
    const [required, optional] = FIELDS[r.body.action];
    for (const key of required) expect(r.body, key).toHaveProperty(key);
    for (const key of Object.keys(r.body)) expect([...COMMON, ...required, ...optional], `unexpected field ${key}`).toContain(key);
    expect(r.url).toMatch(/^\/admin\?env=[^&]+&seqId=/);
    const b = r.body;
    if ('query' in b) expect(typeof b.query).toBe('string');
    if ('queryType' in b) expect(['WHERE', 'DOC']).toContain(b.queryType);
    if (b.queryType === 'DOC') expect(Object.keys(JSON.parse(b.query))).toEqual(['_id']);
    for (const k of ['order', 'projection']) if (k in b) expect(typeof b[k]).toBe('string');
    for (const k of ['offset', 'limit']) if (k in b) expect(typeof b[k]).toBe('number');
    for (const k of ['multi', 'merge', 'upsert']) if (k in b) expect(typeof b[k]).toBe('boolean');
    if (b.action === 'database.insertDocument') {
      expect(Array.isArray(b.data)).toBe(true);
      for (const item of b.data) expect(typeof item).toBe('string');
    }
    if (b.action === 'database.modifyDocument') expect(typeof b.data).toBe('string');
    if (b.action === 'database.aggregateDocuments') {
      for (const s of b.stages) {
        expect(Object.keys(s).sort()).toEqual(['stageKey', 'stageValue']);
        expect(s.stageKey).toMatch(/^\$[a-zA-Z]+$/);
        expect(typeof s.stageValue).toBe('string');
      }
    }
    // Every EJSON field parses, including the CloudBase server-date extension.
    for (const k of ['query', 'order', 'projection']) if (typeof b[k] === 'string') JSON.parse(b[k]);
  });
});

const plain = (indexes: CollectionDecl['indexes'] = []): CollectionDecl => ({ purpose: 'replay', indexes });
const COLLECTIONS = { complaints: plain(), log: plain(), c: plain(), users: plain() };

let gw: TestGateway | undefined;
let sqlite: Sqlite | undefined;
let dir: string | undefined;
afterEach(async () => {
  await gw?.close();
  sqlite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  gw = undefined;
  sqlite = undefined;
  dir = undefined;
});

async function startEngine() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-replay-'));
  sqlite = openSqlite(dir);
  const clock = new Clock();
  const engine = new DatabaseEngine({ db: sqlite, clock, collections: COLLECTIONS });
  gw = await startGateway({ database: engine });
  return { engine, clock, url: gw.url };
}

type Answer = { requestId?: string; code?: string; message?: string; data?: any; transactionId?: string };

/** POST every captured body in file order; the capture server's transaction ids are mapped to ours. */
async function replay(url: string, onAnswer: (r: Captured, body: Record<string, any>, answer: Answer) => void): Promise<void> {
  const started: string[] = [];
  const txIds = new Map<string, string>();
  for (const r of captured) {
    const body = { ...r.body };
    if (typeof body.transactionId === 'string') {
      if (!txIds.has(body.transactionId)) txIds.set(body.transactionId, started[txIds.size]);
      body.transactionId = txIds.get(body.transactionId);
      expect(body.transactionId, `${label(r)}: a transaction id with no startTransaction before it`).toBeTruthy();
    }
    const res = await fetch(url + r.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8'); // the SDK only JSON-parses this exact type
    const answer = (await res.json()) as Answer;
    if (body.action === 'database.startTransaction' && answer.transactionId) started.push(answer.transactionId);
    onAnswer(r, body, answer);
  }
}

/** What @cloudbase/database reads from each answer (query.js, collection.js, document.js, aggregate.js, transaction/index.js). */
function assertWellFormed(r: Captured, body: Record<string, any>, answer: Answer): void {
  const name = label(r);
  expect(typeof answer.requestId, name).toBe('string');
  if (isGeo(r)) {
    expect(answer.code, name).toBe('DATABASE_INVALID_OPERRATOR');
    expect(answer.message, name).toMatch(/local cloud does not support geo queries/);
    return;
  }
  expect(answer.code, `${name}: ${answer.message}`).toBeUndefined();
  const data = answer.data;
  const ejsonList = (list: unknown) => {
    expect(Array.isArray(list), name).toBe(true);
    for (const item of list as unknown[]) {
      expect(typeof item, name).toBe('string');
      expect(typeof EJSON.parse(item as string), name).toBe('object');
    }
  };
  switch (body.action) {
    case 'database.getDocument':
      ejsonList(data.list);
      for (const item of data.list) expect(EJSON.parse(item), name).toHaveProperty('_id');
      break;
    case 'database.calculateDocument':
      expect(Number.isInteger(data.total), name).toBe(true);
      break;
    case 'database.insertDocument':
      expect(data.insertedIds, name).toHaveLength(body.data.length);
      body.data.forEach((doc: string, i: number) => {
        const given = JSON.parse(doc)._id;
        if (given === undefined) expect(data.insertedIds[i], name).toMatch(/^[0-9a-f]{32}$/);
        else expect(data.insertedIds[i], name).toBe(given);
      });
      break;
    case 'database.modifyDocument':
      expect(Number.isInteger(data.updated), name).toBe(true);
      if (data.upsert_id !== undefined) {
        expect(body.upsert, name).toBe(true);
        expect(data.upsert_id, name).toBe(JSON.parse(body.query)._id);
      }
      break;
    case 'database.removeDocument':
      expect(Number.isInteger(data.deleted), name).toBe(true);
      break;
    case 'database.aggregateDocuments':
      ejsonList(data.list);
      break;
    case 'database.startTransaction':
      expect(typeof answer.transactionId, name).toBe('string'); // read at the top level of the body
      expect(data.transactionId, name).toBe(answer.transactionId);
      break;
    default: // commit, abort, addCollection: no error is all the SDK checks
      break;
  }
}

describe('replaying the captured requests', () => {
  test('from an empty engine: every answer is well-formed; tx-12 commits, tx-17 aborts, newcoll is created', async () => {
    const { engine, url } = await startEngine();
    const byLine = new Map<string, Answer>();
    await replay(url, (r, body, answer) => {
      assertWellFormed(r, body, answer);
      byLine.set(`${r.file}:${r.line}`, answer);
    });
    const at = (file: string, line: number) => byLine.get(`${file}:${line}`)!;
    const main = FILES[0];
    const extra = FILES[1];
    // the insert with server dates, a date, numbers and a GeoJSON point
    const [insertedId] = at(main, 2).data.insertedIds;
    const inserted = engine.find('complaints', { _id: insertedId })[0] as Record<string, any>;
    expect(inserted.createdAt).toBeInstanceOf(Date);
    expect(inserted.later.getTime() - inserted.createdAt.getTime()).toBe(60_000);
    expect(inserted).toMatchObject({ title: 'x', when: new Date(1_700_000_000_000), n: 1, big: 1.5, loc: { type: 'Point', coordinates: [113.3, 23.1] }, nested: { arr: [1, 'two', null] } });
    // doc(doc1).set upserts, get finds it, remove deletes it
    expect(at(main, 4).data).toEqual({ updated: 0, upsert_id: 'doc1' });
    expect(parseDoc(at(main, 5).data.list[0])).toMatchObject({ _id: 'doc1', title: 'replaced' });
    expect(at(main, 6).data).toEqual({ deleted: 1 });
    // tx-12 committed its insert into `log`; tx-17's upsert + remove of doc1 were aborted
    expect(at(main, 15).code).toBeUndefined();
    expect(engine.find('log', {})).toEqual([{ _id: at(main, 14).data.insertedIds[0], x: 1 }]);
    expect(at(main, 17).data).toEqual({ updated: 0, upsert_id: 'doc1' });
    expect(at(main, 18).data).toEqual({ deleted: 1 });
    expect(at(main, 19).code).toBeUndefined();
    expect(engine.find('complaints', { _id: 'doc1' })).toEqual([]);
    expect(engine.openTransactions).toBe(0);
    expect(engine.listCollections()).toContain('newcoll');
    // the extra file's inserts; `_openid` is stored as given (server SDK calls are trusted)
    expect(at(extra, 9).data.insertedIds).toHaveLength(2);
    expect(engine.find('c', { _openid: 'spoof' })).toHaveLength(1);
  });

  test('over seeded data: the same requests compute the expected results', async () => {
    const { engine, clock, url } = await startEngine();
    engine.insertMany('users', [{ _id: 'u1', name: 'Ann' }]);
    engine.insertMany('complaints', [
      { _id: 'doc1', n: 1, log: [], arr2: [5], cnt: 2, u: [1, 4, 5, 2], s: [], p: [1, 2], sh: [1, 2], mn: 3, mx: 3, rn: 'r', old: true },
      { _id: 'q2', a: 150, t: 1 },
      { _id: 'g1', status: 'open', score: 3, owner: 'u1' },
      { _id: 'g2', status: 'closed', score: 5, owner: 'u1' },
    ]);
    engine.insertMany('c', [
      { _id: 'c1', profile: { name: 'n', age: 5 }, created: new Date(5000), a: 2, b: 1, tags: ['a', 'b'], title: 'xABCx', createdAt: new Date('2024-01-01') },
      { _id: 'c2', a: 1, b: { c: 1, d: 2 }, n: 2 },
    ]);
    const checks: Record<string, (answer: Answer) => void> = {
      [`${FILES[0]}:1`]: (a) => expect(a.data.list.map((s: string) => parseDoc(s)._id)).toEqual(['q2']),
      [`${FILES[0]}:3`]: (a) => {
        expect(a.data.updated).toBe(1);
        const doc = engine.find('complaints', { _id: 'doc1' })[0] as Record<string, any>;
        expect(doc).toMatchObject({ n: 2, arr2: [1, 2, 5], meta: { x: 1 }, deep: { k: 'v' }, cnt: 4, u: [1, 2], s: ['t'], p: [1], sh: [2], mn: 1, mx: 9, rn2: 'r' });
        expect(doc.log).toEqual([{ at: expect.any(Date), msg: 'hi' }]);
        expect(Math.abs(doc.log[0].at.getTime() - clock.nowMs())).toBeLessThan(5000);
        expect('old' in doc || 'rn' in doc).toBe(false);
      },
      [`${FILES[0]}:4`]: (a) => expect(a.data).toEqual({ updated: 1 }),
      [`${FILES[0]}:5`]: (a) => expect(Object.keys(parseDoc(a.data.list[0])).sort()).toEqual(['_id', 'at', 'title']),
      [`${FILES[0]}:7`]: (a) => expect(a.data.updated).toBe(1),
      [`${FILES[0]}:9`]: (a) => expect(a.data.total).toBe(0),
      [`${FILES[0]}:10`]: (a) =>
        expect(a.data.list.map(parseDoc)).toEqual([{ _id: 'closed', n: 2, ratio: 0.2, u: [] }]),
      [`${FILES[1]}:1`]: (a) => expect(a.data.list.map((s: string) => parseDoc(s)._id)).toEqual(['c1']),
      [`${FILES[1]}:2`]: (a) => expect(a.data.list.map((s: string) => parseDoc(s)._id)).toEqual(['c1']),
      [`${FILES[1]}:5`]: (a) => expect(a.data.total).toBe(1),
      [`${FILES[1]}:6`]: (a) => expect(a.data.list.map(parseDoc)).toEqual([{ total: 1 }]),
      [`${FILES[1]}:7`]: (a) => {
        expect(a.data.updated).toBe(1);
        expect(engine.find('c', { _id: 'c2' })[0]).toMatchObject({ n: 1, o: { p: [1] } });
      },
      [`${FILES[1]}:8`]: (a) => expect(a.data.list.map(parseDoc)).toEqual([{ _id: 'c1' }, { _id: 'c2', b: { c: 1 } }]),
    };
    let checked = 0;
    await replay(url, (r, body, answer) => {
      assertWellFormed(r, body, answer);
      const check = checks[`${r.file}:${r.line}`];
      if (check) {
        check(answer);
        checked++;
      }
    });
    expect(checked).toBe(Object.keys(checks).length);
  });
});
