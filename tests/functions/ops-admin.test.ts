import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

/** admin.health and key rotation (admin.reencrypt) against the built functions. */
const K1 = crypto.randomBytes(32).toString('base64');
const K2 = crypto.randomBytes(32).toString('base64');
const keyId = (k: string) => crypto.createHash('sha256').update(Buffer.from(k, 'base64')).digest('hex').slice(0, 8);
function legacyEncrypt(plain: string, key: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${body.toString('base64')}`;
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-admin-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function withCloud<T>(env: Record<string, string>, body: (cloud: TestCloud) => Promise<T>): Promise<T> {
  const cloud = await startTestCloud({ dataDir, functionEnv: env });
  try {
    return await body(cloud);
  } finally {
    await cloud.close();
  }
}

test('admin.health reports each check with a Chinese explanation; only admins may ask', async () => {
  await withCloud({ DATA_ENCRYPTION_KEY: K1 }, async (cloud) => {
    expect(await cloud.call('admin', 'health', {}, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date().toISOString() }, { source: 'wx_trigger' });
    const report = data(await cloud.call('admin', 'health', {}, { openid: 'demo-admin' }));
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId.encryption).toMatchObject({ status: 'ok' });
    expect(byId.encryption.detail).toContain(keyId(K1));
    expect(byId.collections.status).toBe('ok');
    expect(byId['timer:sla'].status).toBe('ok');
    expect(byId['timer:notify'].status).toBe('missing'); // never ran in this test
    expect(byId.outbox.status).toBe('ok');
    for (const c of report.checks) {
      expect(['ok', 'warn', 'missing']).toContain(c.status);
      expect(c.detail).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(report.overall).toBe('missing');
  });
});

test('rotating the key: old phones stay readable, re-encryption moves them page by page, the old key can go', async () => {
  await withCloud({ DATA_ENCRYPTION_KEY: K1 }, async (cloud) => {
    for (let i = 1; i <= 3; i++) {
      data(await cloud.call('complaint', 'submit', { description: `第${i}袋汤圆破了，馅漏出来了`, contactPhone: `1390000000${i}` }, { openid: `rot-customer-${i}`, requestId: `rot-submit-${i}` }));
    }
  });
  await withCloud({ DATA_ENCRYPTION_KEY: K2, DATA_ENCRYPTION_KEY_PREVIOUS: K1, DATA_PSEUDONYM_KEY: K1 }, async (cloud) => {
    expect(data(await cloud.call('complaint', 'me', {}, { openid: 'rot-customer-2' })).contactPhone).toBe('13900000002');
    const health = data(await cloud.call('admin', 'health', {}, { openid: 'demo-admin' }));
    expect(health.checks.find((c) => c.id === 'encryption')).toMatchObject({ status: 'warn' });
    // A new complaint is written under the new key.
    data(await cloud.call('complaint', 'submit', { description: '新买的腊肉有异味，不敢吃', contactPhone: '13900000009' }, { openid: 'rot-customer-9', requestId: 'rot-submit-9' }));
    // 450 more from before the key ring (`v1:` values without a key id), so the pass takes several pages.
    const [template] = cloud.database.find('complaints', { customerOpenid: 'rot-customer-1' });
    cloud.database.insertMany('complaints', Array.from({ length: 450 }, (_, i) => ({ ...template, _id: `rot-old-${String(i).padStart(3, '0')}`, ticketNo: `KS-ROT-${i}`, requestId: `rot-old-${i}`, contactPhoneEnc: legacyEncrypt(`1380000${String(i).padStart(4, '0')}`, K1) })));
    let res = data(await cloud.call('admin', 'reencrypt', {}, { openid: 'demo-admin' }));
    expect(res).toMatchObject({ currentKeyId: keyId(K2), previousKeyId: keyId(K1), scanned: 200, done: false });
    // Stopped here: a call without the cursor resumes from the progress kept in jobs.
    res = data(await cloud.call('admin', 'reencrypt', {}, { openid: 'demo-admin' }));
    expect(res).toMatchObject({ totalScanned: 400, done: false });
    res = data(await cloud.call('admin', 'reencrypt', { cursor: res.nextCursor }, { openid: 'demo-admin' }));
    expect(res).toMatchObject({ done: true, totalRewritten: 453 });
    // Running it again finds nothing left to do.
    do res = data(await cloud.call('admin', 'reencrypt', {}, { openid: 'demo-admin' }));
    while (!res.done);
    expect(res).toMatchObject({ totalScanned: 454, totalRewritten: 0 });
    for (const c of cloud.database.find('complaints', { contactPhoneEnc: { $exists: true } })) expect(String(c.contactPhoneEnc)).toMatch(new RegExp(`^v2:${keyId(K2)}\\.`));
    const audit = cloud.database.find('audit', { action: 'reencrypt' });
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0].summary).toContain('重新加密');
    expect(await cloud.call('admin', 'reencrypt', {}, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
  // The previous key retired: everything still opens.
  await withCloud({ DATA_ENCRYPTION_KEY: K2, DATA_PSEUDONYM_KEY: K1 }, async (cloud) => {
    expect(data(await cloud.call('complaint', 'me', {}, { openid: 'rot-customer-1' })).contactPhone).toBe('13900000001');
    expect(data(await cloud.call('complaint', 'me', {}, { openid: 'rot-customer-9' })).contactPhone).toBe('13900000009');
  });
});
