import { BUILD_VERSION } from './build-info';

/**
 * One structured line per call (DESIGN.md): enough to follow a request and measure it,
 * and nothing personal — no phone numbers, no complaint text, no input values.
 */
export interface CallLog {
  fn: string;
  action: string;
  role: string;
  ms: number;
  /** `ok` or the envelope's error code. */
  outcome: string;
  requestId?: string;
}

export function logCall(entry: CallLog): void {
  console.log(JSON.stringify({ level: entry.outcome === 'INTERNAL' ? 'error' : 'info', ...entry, version: BUILD_VERSION }));
}

/** Mainland mobile numbers (with or without +86) — masked should one ever reach an error message. */
const PHONE_RE = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;
const scrub = (text: string | undefined) => text?.replace(PHONE_RE, '[phone]');

/** Details of an unexpected failure go to the log only; the caller gets a generic INTERNAL answer. */
export function logFailure(fn: string, action: string, error: unknown): void {
  // Error messages can quote data (a database error echoing a value): phone numbers are masked.
  const detail = error instanceof Error ? { name: error.name, message: scrub(error.message), stack: scrub(error.stack) } : { value: scrub(String(error)) };
  console.error(JSON.stringify({ level: 'error', fn, action, error: detail, version: BUILD_VERSION }));
}
