import type { TrackEvent } from '@shared/api/functions/complaint';
import { db } from '../../_server/cloud';
import { collection, isDuplicateKeyError } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

/**
 * Count one client-side moment (a QR scan, an FAQ read). The unique index on (openid, requestId)
 * makes a retried request a no-op instead of a second count.
 */
export async function track(input: { event: TrackEvent; ref?: string }, { caller, requestId }: ActionContext): Promise<{ recorded: boolean }> {
  try {
    await collection('trackEvents').add({
      data: { openid: caller.openid, requestId, event: input.event, ...(input.ref ? { ref: input.ref } : {}), role: caller.kind, at: db.serverDate() },
    });
    return { recorded: true };
  } catch (error) {
    if (isDuplicateKeyError(error)) return { recorded: false };
    throw error;
  }
}
