import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { data, startTestCloud } from '../helpers/localcloud';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-restart-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('a restarted environment keeps its data, identities, clock and messages, and is seeded only once', async () => {
  const first = await startTestCloud({ dataDir });
  const staffCount = first.database.count('staff');
  const batchCount = first.database.count('batches');
  data(await first.call('complaint', 'track', { event: 'app_open' }, { openid: 'demo-customer-1', requestId: 'restart-0001' }));
  await fetch(`${first.url}/__local/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 90 }) });
  const offset = first.clock.offsetMs;
  await first.close();

  const second = await startTestCloud({ dataDir });
  try {
    expect(second.database.count('staff')).toBe(staffCount);
    expect(second.database.count('batches')).toBe(batchCount);
    expect(second.clock.offsetMs).toBe(offset);
    expect(data(await second.call('complaint', 'me', {}, { openid: 'demo-head-qc' }))).toMatchObject({ kind: 'head', department: 'qc', isStaff: true });
    expect(data(await second.call('complaint', 'track', { event: 'app_open' }, { openid: 'demo-customer-1', requestId: 'restart-0001' }))).toEqual({ recorded: false });
    const status = data(await second.call('sla', 'status', {}, { openid: 'demo-manager' }));
    expect(status.runs).toBe(1);
  } finally {
    await second.close();
  }
});
