const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 64 possible chars × 16 = 96 random bits, on top of a millisecond time prefix. */
const RANDOM_CHARS = 16;

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  // The browser has Web Crypto; the WeChat JS engine does not expose it, so fall back to Math.random.
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (webCrypto?.getRandomValues) return webCrypto.getRandomValues(bytes);
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/**
 * A fresh client request id (`^[A-Za-z0-9_-]{8,64}$`, here 24–26 chars): makes a write idempotent
 * per caller. Reuse the same id when retrying the same write.
 */
export function newRequestId(): string {
  let out = Date.now().toString(36) + '-';
  for (const byte of randomBytes(RANDOM_CHARS)) out += ALPHABET[byte & 63];
  return out;
}
