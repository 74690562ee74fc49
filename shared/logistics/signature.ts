/**
 * The logistics push's signature scheme (the HMAC itself is computed in the function, with node:crypto):
 *
 *   X-Logistics-Timestamp: <unix seconds>
 *   X-Logistics-Signature: sha256=<hex HMAC-SHA256(LOGISTICS_PUSH_SECRET, "<timestamp>.<raw body>")>
 *
 * The timestamp is inside the signed text, so an old request cannot be re-dated; a request older (or newer) than
 * the window is refused, which bounds replays to a few minutes — and within them a replay changes nothing, since
 * every write is idempotent (orders by number, readings by id).
 */
export const SIGNATURE_HEADER = 'x-logistics-signature';
export const TIMESTAMP_HEADER = 'x-logistics-timestamp';
export const SIGNATURE_WINDOW_SECONDS = 300;

export const signedText = (timestamp: string, body: string) => `${timestamp}.${body}`;

/** The hex digest from the header (`sha256=` prefix optional), or undefined when it cannot be one. */
export function signatureDigest(header: string | undefined): string | undefined {
  const m = /^(?:sha256=)?([0-9a-f]{64})$/i.exec((header ?? '').trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Why a timestamp is refused, or undefined when it is fresh. */
export function timestampProblem(header: string | undefined, now: Date, windowSeconds = SIGNATURE_WINDOW_SECONDS): string | undefined {
  if (!header || !/^\d{9,11}$/.test(header.trim())) return '缺少或无法识别的时间戳';
  const skew = Math.abs(now.getTime() / 1000 - Number(header));
  return skew > windowSeconds ? `时间戳超出允许范围（±${windowSeconds} 秒），请校准时钟后重新签名` : undefined;
}
