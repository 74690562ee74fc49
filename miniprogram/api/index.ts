/** The typed cloud-function client. Contract types are imported with `import type` only: zod never reaches the bundle. */
export { call, type CallOptions } from './call';
export { newRequestId } from './request-id';
export { NETWORK_MESSAGE, type ClientEnvelope, type ClientError } from './envelope';
