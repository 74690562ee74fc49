import type { LogisticsBatch, ParseResult } from '@shared/logistics/parse';
import { rejection } from '@shared/logistics/parse';
import { importSummary, type ImportResult } from '@shared/logistics/report';
import type { RowError } from '@shared/logistics/rows';
import { applyBatch, BatchRejected } from './logistics-import';

export type RunOutcome = { ok: true; result: ImportResult } | { ok: false; errors: RowError[]; message: string; fields: Record<string, string>; total: number };

const rowCount = (b: LogisticsBatch) => b.orders.length + b.shipments.length + b.readings.length;

/** Parse result → written batch, or the refusal (parse errors or dangling references), for both the admin action and the push. */
export async function runImport(parsed: ParseResult, now: Date): Promise<RunOutcome> {
  if (!parsed.ok) return { ok: false, errors: parsed.errors, ...rejection(parsed.errors) };
  try {
    const report = await applyBatch(parsed.batch, now);
    return { ok: true, result: { rows: rowCount(parsed.batch), report, summary: importSummary(report) } };
  } catch (error) {
    if (!(error instanceof BatchRejected)) throw error;
    return { ok: false, errors: error.errors, ...rejection(error.errors) };
  }
}
