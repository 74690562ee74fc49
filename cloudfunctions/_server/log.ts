/**
 * One structured line per call (DESIGN.md): enough to follow a request and measure it,
 * and nothing personal — no phone numbers, no complaint text, no input values.
 */
export interface CallLog {
  fn: string;
  action: string;
  role: string;
  ms: number;
  outcome: string;
  requestId?: string;
}

export function logCall(entry: CallLog): void {
  console.log(JSON.stringify({ level: entry.outcome === 'INTERNAL' ? 'error' : 'info', ...entry }));
}

/** Details of an unexpected failure go to the log only; the caller gets a generic INTERNAL answer. */
export function logFailure(fn: string, action: string, error: unknown): void {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  console.error(JSON.stringify({ level: 'error', fn, action, error: detail }));
}
