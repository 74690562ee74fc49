import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECRET_FILE = 'signing.key';
const SECRET_BYTES = 32;

/** What a signature allows: reading through a temporary URL, or one upload through `PUT /cos/<key>`. */
export type SignPurpose = 'get' | 'put';

/**
 * HMAC signatures for temporary download URLs and upload authorisations. The secret lives in the storage
 * folder so URLs handed out stay valid across restarts (as CloudBase's do) and a fresh data folder gets a fresh secret.
 */
export class UrlSigner {
  constructor(private readonly secret: Buffer) {}

  /** Read the folder's secret, creating it once; concurrent first starts agree on one secret. */
  static load(dir: string): UrlSigner {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, SECRET_FILE);
    const existing = readSecret(file);
    if (existing) return new UrlSigner(existing);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, randomBytes(SECRET_BYTES), { mode: 0o600 });
    try {
      // link() fails if another process created the key first: then everyone uses that one.
      fs.linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!readSecret(file)) fs.renameSync(tmp, file); // a damaged key file: replace it
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    const secret = readSecret(file);
    if (!secret) throw new Error(`cannot read the storage signing key ${file}`);
    return new UrlSigner(secret);
  }

  /** base64url HMAC-SHA256 over purpose, path and expiry (unix seconds). */
  sign(purpose: SignPurpose, cloudPath: string, expiresSec: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${cloudPath}\n${expiresSec}`).digest('base64url');
  }

  verify(purpose: SignPurpose, cloudPath: string, expiresSec: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, cloudPath, expiresSec));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function readSecret(file: string): Buffer | undefined {
  try {
    const secret = fs.readFileSync(file);
    return secret.length === SECRET_BYTES ? secret : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
