import crypto from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { decryptField, encryptField, isCurrent, keyIdOf, keyRing, pseudonym, reencryptField, storedKeyId } from '../../cloudfunctions/_server/crypto';

const K1 = crypto.randomBytes(32).toString('base64');
const K2 = crypto.randomBytes(32).toString('base64');
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['DATA_ENCRYPTION_KEY', 'DATA_ENCRYPTION_KEY_PREVIOUS', 'DATA_PSEUDONYM_KEY']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** What the code before the key ring stored: `v1:<iv>.<tag>.<data>` under one key. */
function legacyEncrypt(plain: string, key: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

describe('key ring', () => {
  test('values carry the id of the key that wrote them, derived from the key', () => {
    const ring = keyRing({ DATA_ENCRYPTION_KEY: K1 });
    const stored = encryptField('13800000000', ring);
    expect(stored).toMatch(/^v2:[0-9a-f]{8}\./);
    expect(storedKeyId(stored)).toBe(keyIdOf(Buffer.from(K1, 'base64')));
    expect(decryptField(stored, ring)).toBe('13800000000');
  });

  test('after a rotation old values stay readable, new ones use the new key, and re-encryption moves them', () => {
    const old = keyRing({ DATA_ENCRYPTION_KEY: K1 });
    const before = encryptField('13900001111', old);
    const legacy = legacyEncrypt('13700002222', K1);
    const rotated = keyRing({ DATA_ENCRYPTION_KEY: K2, DATA_ENCRYPTION_KEY_PREVIOUS: K1 });
    expect(decryptField(before, rotated)).toBe('13900001111');
    expect(decryptField(legacy, rotated)).toBe('13700002222');
    expect(isCurrent(encryptField('x', rotated), rotated)).toBe(true);
    expect(isCurrent(before, rotated)).toBe(false);
    const moved = reencryptField(before, rotated);
    const movedLegacy = reencryptField(legacy, rotated);
    expect(reencryptField(moved, rotated)).toBe(moved); // already current: untouched
    // The old key retired: re-encrypted values open with the new key alone, the others do not.
    const retired = keyRing({ DATA_ENCRYPTION_KEY: K2 });
    expect(decryptField(moved, retired)).toBe('13900001111');
    expect(decryptField(movedLegacy, retired)).toBe('13700002222');
    expect(() => decryptField(before, retired)).toThrow(/not in the key ring/);
    expect(() => decryptField(legacy, retired)).toThrow(/no key/);
  });

  test('a tampered value or a bad key is an error, never wrong plain text', () => {
    const ring = keyRing({ DATA_ENCRYPTION_KEY: K1 });
    const stored = encryptField('13800000000', ring);
    const tampered = stored.slice(0, -4) + (stored.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => decryptField(tampered, ring)).toThrow();
    expect(() => keyRing({ DATA_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => keyRing({ DATA_ENCRYPTION_KEY: K1, DATA_ENCRYPTION_KEY_PREVIOUS: 'bad' })).toThrow(/PREVIOUS/);
    expect(() => decryptField('plain-text', ring)).toThrow(/format/);
  });

  test('pseudonyms survive a rotation when DATA_PSEUDONYM_KEY keeps the original key', () => {
    process.env.DATA_ENCRYPTION_KEY = K1;
    delete process.env.DATA_PSEUDONYM_KEY;
    const original = pseudonym('13800000000');
    process.env.DATA_ENCRYPTION_KEY = K2;
    process.env.DATA_ENCRYPTION_KEY_PREVIOUS = K1;
    expect(pseudonym('13800000000')).not.toBe(original); // what the health check warns about
    process.env.DATA_PSEUDONYM_KEY = K1;
    expect(pseudonym('13800000000')).toBe(original);
  });
});
