import type { ActionName, FunctionName, InputOf, OutputOf } from '@shared/api/contract';
import { asEnvelope, networkFailure, type ClientEnvelope } from './envelope';
import { newRequestId } from './request-id';
import { send } from './transport';

export interface CallOptions {
  /**
   * Makes an idempotent write safe to retry: pass the same id again when retrying.
   * When absent a fresh one is generated (harmless for reads, and lets the server correlate logs).
   */
  requestId?: string;
}

/**
 * Call a cloud-function action, typed from the shared contract. Never throws for handled errors:
 * a server error is `{ ok: false, error }`; a network failure or an answer that is not an envelope
 * becomes `{ ok: false, error: { code: 'INTERNAL', message: '网络不给力…', retryable: true } }`.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<F, A>,
  opts: CallOptions = {},
): Promise<ClientEnvelope<OutputOf<F, A>>> {
  let raw: unknown;
  try {
    raw = await send(fn, { action, input, requestId: opts.requestId ?? newRequestId() });
  } catch (err) {
    return networkFailure(err instanceof Error ? err.message : String(err));
  }
  return asEnvelope<OutputOf<F, A>>(raw) ?? networkFailure('not an envelope');
}
