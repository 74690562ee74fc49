/**
 * What a gateway module answers for one CloudBase action. The HTTP layer adds `requestId` and writes
 * `{ requestId, ...top, data }` on success or `{ requestId, code, message }` on error (LOCALCLOUD.md).
 */
export type GatewayResult =
  | { kind: 'json'; data?: unknown; top?: Record<string, unknown> }
  | { kind: 'error'; code: string; message: string }
  /** Raw bytes, for `wx.openApi` whose answer is a protobuf `CommOpenApiResp`. */
  | { kind: 'binary'; body: Buffer; contentType: string };

export const json = (data?: unknown, top?: Record<string, unknown>): GatewayResult => ({ kind: 'json', data, top });
export const gatewayError = (code: string, message: string): GatewayResult => ({ kind: 'error', code, message });

/** A failure a gateway module raises; the router answers it as `{ code, message }`. */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
