import type { ReencryptResult } from '@shared/api/functions/admin';
import { auditEntry } from '@shared/staff/audit';
import { _ } from '../../_server/cloud';
import { isCurrent, keyRing, reencryptField } from '../../_server/crypto';
import { collection, getById, isDuplicateKeyError, rows, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { actorOf, writeAudit } from './audit';

/** Complaints per call: small enough to finish well inside the function's timeout. */
const PAGE = 200;

interface ProgressDoc {
  _id: string;
  cursor?: string;
  scanned: number;
  rewritten: number;
  startedAt: Date;
  finishedAt?: Date;
}

/**
 * admin.reencrypt: one page of complaints in `_id` order; every encrypted phone not under the current key is
 * decrypted (current or previous key) and written back under the current one, conditional on the value read,
 * so a concurrent writer is never overwritten. Progress per key lives in `jobs` (`reencrypt:<keyId>`): a call
 * without a cursor continues where the last stopped. Each page that changed something is audited.
 * When a pass reports done, DATA_ENCRYPTION_KEY_PREVIOUS can be removed.
 */
export async function reencrypt(input: { cursor?: string }, ctx: ActionContext): Promise<ReencryptResult> {
  const ring = keyRing();
  const jobId = `reencrypt:${ring.current.id}`;
  const progress = await getById<ProgressDoc>('jobs', jobId);
  const fresh = !progress || !!progress.finishedAt;
  const from = input.cursor ?? (fresh ? undefined : progress?.cursor);
  const query = from === undefined ? collection('complaints') : collection('complaints').where({ _id: _.gt(from) });
  const page = await rows<{ _id: string; contactPhoneEnc?: string }>(query.orderBy('_id', 'asc').field({ _id: true, contactPhoneEnc: true }).limit(PAGE));

  let rewritten = 0;
  for (const doc of page) {
    const stored = doc.contactPhoneEnc;
    if (typeof stored !== 'string' || isCurrent(stored, ring)) continue;
    const next = reencryptField(stored, ring);
    rewritten += await updatedCount(collection('complaints').where({ _id: doc._id, contactPhoneEnc: stored }).update({ data: { contactPhoneEnc: next } }));
  }
  const done = page.length < PAGE;
  const nextCursor = done ? undefined : page[page.length - 1]._id;
  const now = ctx.now();
  const totals = { scanned: (fresh ? 0 : progress!.scanned) + page.length, rewritten: (fresh ? 0 : progress!.rewritten) + rewritten };
  const record: Omit<ProgressDoc, '_id'> = { ...totals, startedAt: fresh ? now : progress!.startedAt, ...(nextCursor ? { cursor: nextCursor } : {}), ...(done ? { finishedAt: now } : {}) };
  if (progress) await collection('jobs').doc(jobId).set({ data: record });
  else {
    try {
      await collection('jobs').add({ data: { _id: jobId, ...record } });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  if (rewritten > 0 || done) {
    await writeAudit(
      auditEntry(
        {
          at: now,
          ...actorOf(ctx),
          target: `keys:${ring.current.id}`,
          action: 'reencrypt',
          summary: done ? `重新加密完成：共检查 ${totals.scanned} 条，改写 ${totals.rewritten} 条` : `重新加密 ${rewritten} 条（已检查 ${totals.scanned} 条）`,
        },
        `${from ?? 'start'}:${now.getTime()}`,
      ),
    );
  }
  return {
    currentKeyId: ring.current.id,
    ...(ring.previous ? { previousKeyId: ring.previous.id } : {}),
    scanned: page.length,
    rewritten,
    totalScanned: totals.scanned,
    totalRewritten: totals.rewritten,
    ...(nextCursor ? { nextCursor } : {}),
    done,
  };
}
