import crypto from 'node:crypto';

/**
 * Field encryption at rest (phone numbers): AES-256-GCM with a key ring from the function's environment —
 * `DATA_ENCRYPTION_KEY` (current, 32 bytes base64; the local cloud generates one per environment, the deploy
 * step sets it from a secret) and, during a rotation, `DATA_ENCRYPTION_KEY_PREVIOUS`.
 *
 * Stored as `v2:<keyId>.<iv>.<tag>.<ciphertext>`, where keyId is derived from the key itself (first 8 hex of its
 * SHA-256), so a value names the key that can open it and needs no separate registry. Values written before the
 * ring (`v1:<iv>.<tag>.<ciphertext>`, no key id) are opened by trying each key (GCM's tag tells the right one).
 * New values always use the current key; `admin.reencrypt` rewrites old ones so the previous key can be retired.
 *
 * Pseudonyms (HMAC) must not change when the encryption key does: they derive from `DATA_PSEUDONYM_KEY` when set,
 * else from `DATA_ENCRYPTION_KEY`. Before the first rotation, set DATA_PSEUDONYM_KEY to the current
 * DATA_ENCRYPTION_KEY value (README, rotating the encryption key); the health check warns otherwise.
 */
const CURRENT = 'v2';
const LEGACY = 'v1';

export interface RingKey {
  id: string;
  bytes: Buffer;
}

export function keyIdOf(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/** A base64 32-byte key, or why it is not one. */
export function parseKey(raw: string | undefined, name: string): RingKey {
  const bytes = raw ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  // A missing key is a deployment mistake; storing phones in clear instead would be worse than failing.
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return { id: keyIdOf(bytes), bytes };
}

export interface KeyRing {
  current: RingKey;
  previous?: RingKey;
}

export function keyRing(env: Record<string, string | undefined> = process.env): KeyRing {
  const current = parseKey(env.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY');
  const previous = env.DATA_ENCRYPTION_KEY_PREVIOUS ? parseKey(env.DATA_ENCRYPTION_KEY_PREVIOUS, 'DATA_ENCRYPTION_KEY_PREVIOUS') : undefined;
  return previous && previous.id !== current.id ? { current, previous } : { current };
}

export function encryptField(plain: string, ring: KeyRing = keyRing()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', ring.current.bytes, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${CURRENT}:${ring.current.id}.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

function open(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** The id of the key a stored value was written with (`undefined` for v1 values, which do not say). */
export function storedKeyId(stored: string): string | undefined {
  return stored.startsWith(`${CURRENT}:`) ? stored.slice(CURRENT.length + 1).split('.', 1)[0] : undefined;
}

/** Whether a stored value is already under the current key (nothing for re-encryption to do). */
export function isCurrent(stored: string, ring: KeyRing = keyRing()): boolean {
  return storedKeyId(stored) === ring.current.id;
}

export function decryptField(stored: string, ring: KeyRing = keyRing()): string {
  const [version, body] = stored.split(':', 2);
  if (!body) throw new Error('unknown encrypted field format');
  const keys = [ring.current, ...(ring.previous ? [ring.previous] : [])];
  if (version === CURRENT) {
    const [id, iv, tag, data] = body.split('.');
    const key = keys.find((k) => k.id === id);
    if (!key) throw new Error(`encrypted with key ${id}, which is not in the key ring (DATA_ENCRYPTION_KEY / _PREVIOUS)`);
    return open(key.bytes, Buffer.from(iv, 'base64'), Buffer.from(tag, 'base64'), Buffer.from(data, 'base64'));
  }
  if (version === LEGACY) {
    const [iv, tag, data] = body.split('.').map((part) => Buffer.from(part, 'base64'));
    for (const key of keys) {
      try {
        return open(key.bytes, iv, tag, data);
      } catch {
        // not this key: GCM's authentication failed; try the next one
      }
    }
    throw new Error('no key in the key ring opens this value');
  }
  throw new Error('unknown encrypted field format');
}

/** Re-encrypt under the current key (a value already under it is returned unchanged). */
export function reencryptField(stored: string, ring: KeyRing = keyRing()): string {
  return isCurrent(stored, ring) ? stored : encryptField(decryptField(stored, ring), ring);
}

function pseudonymKey(env: Record<string, string | undefined> = process.env): Buffer {
  return env.DATA_PSEUDONYM_KEY ? parseKey(env.DATA_PSEUDONYM_KEY, 'DATA_PSEUDONYM_KEY').bytes : parseKey(env.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY').bytes;
}

/** A stable pseudonym for a value (a phone caller without WeChat): HMAC, so it cannot be reversed without the key. */
export function pseudonym(value: string): string {
  return crypto.createHmac('sha256', pseudonymKey()).update(value).digest('hex').slice(0, 24);
}
