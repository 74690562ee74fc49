import { createHmac, timingSafeEqual } from 'node:crypto';
import { signatureDigest, signedText, timestampProblem } from '@shared/logistics/signature';

/**
 * Check a push's signature: HMAC-SHA256 over `<timestamp>.<raw body>` with LOGISTICS_PUSH_SECRET, compared in
 * constant time, and the timestamp inside the window. Answers why it is refused, or undefined when it is good.
 */
export function signatureProblem(secret: string | undefined, timestamp: string | undefined, signature: string | undefined, body: string, now: Date): string | undefined {
  if (!secret) return '推送接口尚未配置密钥';
  const digest = signatureDigest(signature);
  if (!digest) return '缺少或无法识别的签名';
  // The timestamp is checked after the signature shape but before the HMAC: both answers are the same 401.
  const stale = timestampProblem(timestamp, now);
  if (stale) return stale;
  const expected = createHmac('sha256', secret).update(signedText(timestamp!.trim(), body)).digest();
  const given = Buffer.from(digest, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : '签名不正确';
}
