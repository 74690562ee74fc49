import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { spawnCloud } from '../../scripts/lib/cloud-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-durability-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function track(url: string, openid: string, requestId: string): Promise<{ ok: boolean; data?: { recorded: boolean } }> {
  const res = await fetch(`${url}/fn/complaint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action: 'track', input: { event: 'app_open' }, requestId }),
  });
  return res.json() as Promise<{ ok: boolean; data?: { recorded: boolean } }>;
}

test('kill -9 right after acknowledged writes loses none of them', async () => {
  const first = await spawnCloud(dataDir);
  const acknowledged: Array<{ openid: string; requestId: string }> = [];
  let killed = false;

  // 8 clients write as fast as they can; the process is killed mid-stream, with writes in flight.
  const clients = Array.from({ length: 8 }, async (_, c) => {
    const openid = `durable-${c}`;
    for (let i = 0; !killed; i++) {
      const requestId = `dur-${c}-${String(i).padStart(6, '0')}`;
      try {
        const res = await track(first.url, openid, requestId);
        if (res.ok && res.data?.recorded) acknowledged.push({ openid, requestId });
      } catch {
        return; // the connection died with the process
      }
    }
  });
  // Kill as soon as a good number of writes are acknowledged, while the others are still in flight.
  const deadline = Date.now() + 30_000;
  while (acknowledged.length < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  first.child.kill('SIGKILL');
  killed = true;
  expect(await first.exited).toBe('SIGKILL');
  await Promise.all(clients);
  expect(acknowledged.length).toBeGreaterThanOrEqual(200);

  const second = await spawnCloud(dataDir);
  try {
    // Re-sending an acknowledged request must find it already stored (recorded: false), for every one.
    const missing: string[] = [];
    for (let i = 0; i < acknowledged.length; i += 8) {
      const batch = acknowledged.slice(i, i + 8);
      const answers = await Promise.all(batch.map((a) => track(second.url, a.openid, a.requestId)));
      answers.forEach((res, j) => {
        if (!res.ok || res.data?.recorded !== false) missing.push(batch[j].requestId);
      });
    }
    expect(missing).toEqual([]);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});
