// envelope.ts is plain TypeScript (no zod), so its one runtime helper may be imported.
import { isErrorCode, type ApiErrorBody, type Envelope } from '@shared/api/envelope';

/** An error as the client sees it: the server's, or a transport failure marked `retryable`. */
export interface ClientError extends ApiErrorBody {
  /** Set only by the client when the request may not have reached the server (network, timeout, garbage). */
  retryable?: true;
  /** Why the transport failed, for logs and debugging; never shown to people. */
  detail?: string;
}

export type ClientEnvelope<T> = { ok: true; data: T } | { ok: false; error: ClientError };

export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试';

export function networkFailure(detail?: string): { ok: false; error: ClientError } {
  const error: ClientError = { code: 'INTERNAL', message: NETWORK_MESSAGE, retryable: true };
  if (detail) error.detail = detail;
  return { ok: false, error };
}

/** Accept only a well-formed envelope; anything else is treated as a transport failure. */
export function asEnvelope<T>(value: unknown): Envelope<T> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true && 'data' in v) return value as Envelope<T>;
  if (v.ok === false && v.error && typeof v.error === 'object') {
    const { code, message } = v.error;
    if (isErrorCode(code) && typeof message === 'string') {
      return value as Envelope<T>;
    }
  }
  return undefined;
}
