import crypto from 'node:crypto';

/**
 * Field encryption at rest (phone numbers): AES-256-GCM with the key in the function's environment
 * (`DATA_ENCRYPTION_KEY`, 32 bytes base64; the local cloud generates one per environment, the deploy step sets
 * it from a secret). Stored as `v1:<iv>.<tag>.<ciphertext>` so a future key can coexist with this one.
 */
const VERSION = 'v1';

function key(): Buffer {
  const raw = process.env.DATA_ENCRYPTION_KEY;
  const bytes = raw ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  // A missing key is a deployment mistake; storing phones in clear instead would be worse than failing.
  if (bytes.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return bytes;
}

export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}:${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

export function decryptField(stored: string): string {
  const [version, body] = stored.split(':', 2);
  if (version !== VERSION || !body) throw new Error('unknown encrypted field format');
  const [iv, tag, data] = body.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** A stable pseudonym for a value (a phone caller without WeChat): HMAC, so it cannot be reversed without the key. */
export function pseudonym(value: string): string {
  return crypto.createHmac('sha256', key()).update(value).digest('hex').slice(0, 24);
}
