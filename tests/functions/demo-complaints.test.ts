import { afterAll, beforeAll, expect, test } from 'vitest';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ demoComplaints: true });
});
afterAll(() => cloud?.close());

test('npm start files demo complaints through the functions, leaving tickets in every interesting state', async () => {
  const statuses = cloud.database.find('complaints').map((c) => c.status);
  expect(statuses).toEqual(expect.arrayContaining(['investigating', 'awaiting_customer', 'compensating', 'escalated', 'resolved', 'assigned']));
  const manager = data(await cloud.call('ticket', 'inbox', {}, { openid: 'demo-manager' }));
  expect(manager.counts.escalated).toBe(1);
  const mine = data(await cloud.call('complaint', 'listMine', {}, { openid: 'demo-customer-1' }));
  expect(mine.items.some((i) => i.status === 'awaiting_customer')).toBe(true);
  // Three customers on one sausage batch within hours: the group raises the level.
  const batch = cloud.database.find('complaints', { 'related.batchCustomers': 3 });
  expect(batch).toHaveLength(1);
});
