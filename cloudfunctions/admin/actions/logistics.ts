import { AppError } from '@shared/api/envelope';
import { parseCsv, parseJson } from '@shared/logistics/parse';
import type { ImportResult } from '@shared/logistics/report';
import { IMPORT_KIND_LABELS, type ImportKind } from '@shared/logistics/rows';
import { auditEntry } from '@shared/staff/audit';
import { cloud } from '../../_server/cloud';
import type { ActionContext } from '../../_server/define-function';
import { runImport } from '../../_server/logistics-run';
import { actorOf, writeAudit } from './audit';

/** A file bigger than this is split by the logistics system anyway; it also keeps one import inside the function's time. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

async function fileText(fileID: string): Promise<string> {
  let content: Buffer;
  try {
    content = ((await cloud.downloadFile({ fileID })) as unknown as { fileContent: Buffer }).fileContent;
  } catch {
    throw new AppError('NOT_FOUND', '没有找到上传的文件，请重新上传', { fileId: '文件不存在或已过期' });
  }
  if (content.length > MAX_FILE_BYTES) throw new AppError('INVALID_INPUT', '文件超过 20 MB，请分批导入', { fileId: '文件超过 20 MB' });
  return content.toString('utf8');
}

/**
 * admin.importLogistics: orders, shipments or temperature readings from the logistics system, as CSV or JSON,
 * pasted (small) or uploaded to storage (large). The whole batch is validated — every row, then every reference —
 * before anything is written; any error refuses the batch with the rows listed. Re-importing a file changes
 * nothing (orders by number, readings by id), and the audit log keeps one entry per request.
 */
export async function importLogistics(input: { format: 'csv' | 'json'; kind: ImportKind; content?: string; fileId?: string }, ctx: ActionContext): Promise<ImportResult> {
  const now = ctx.now();
  const text = input.content ?? (await fileText(input.fileId!));
  const parsed = input.format === 'csv' ? parseCsv(input.kind, text, now) : parseJson(input.kind, text, now);
  const outcome = await runImport(parsed, now);
  if (!outcome.ok) throw new AppError('INVALID_INPUT', outcome.message, outcome.fields);
  const { result } = outcome;
  await writeAudit(
    auditEntry(
      {
        at: now,
        ...actorOf(ctx),
        target: `logistics:${input.kind}`,
        action: 'import_logistics',
        summary: `导入${IMPORT_KIND_LABELS[input.kind]}（${input.format.toUpperCase()}，${result.rows} 行）：${result.summary}`,
        after: { format: input.format, kind: input.kind, ...(input.fileId ? { fileId: input.fileId } : {}), rows: result.rows, report: result.report },
      },
      ctx.requestId!,
    ),
  );
  return result;
}
