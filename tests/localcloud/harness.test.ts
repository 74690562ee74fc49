import { afterAll, beforeAll, expect, test } from 'vitest';
import { json } from '../../localcloud/gateway/types';
import { connectSdk, startGateway, type TestGateway } from '../helpers/gateway';

let gw: TestGateway;
const seen: Array<{ action: string; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  gw = await startGateway({
    database: {
      handle(action, body) {
        seen.push({ action, body });
        return json({ list: ['{"_id":"a","n":{"$numberInt":"1"}}'], limit: 100, offset: 0 });
      },
    },
  });
});
afterAll(() => gw.close());

test('the real wx-server-sdk reaches the gateway and parses its answer', async () => {
  const cloud = connectSdk(gw.url);
  const res = (await cloud.database().collection('things').where({ a: 1 }).get()) as { data: unknown[] };
  expect(res.data).toEqual([{ _id: 'a', n: 1 }]);
  expect(seen[0].action).toBe('database.getDocument');
  expect(seen[0].body.collectionName).toBe('things');
  expect(gw.counter.snapshot()).toEqual({ 'database.getDocument': 1 });
});
