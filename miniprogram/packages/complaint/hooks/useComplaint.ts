import type { ComplaintView } from '@shared/api/functions/complaint';
import { useMemo } from 'react';
import { call } from '../../../api';
import { useRemote } from '../../../hooks/useRemote';

/** `complaint.get` for a subpackage page; a missing or malformed id is answered like an unknown complaint. */
export function useComplaint(complaintId: string | undefined, epoch: number) {
  const remote = useRemote<ComplaintView>(
    () =>
      complaintId
        ? call('complaint', 'get', { complaintId })
        : Promise.resolve({ ok: false as const, error: { code: 'NOT_FOUND' as const, message: '没有找到这张工单，请从「我的投诉」打开' } }),
    [complaintId, epoch],
  );
  const { state } = remote;
  /**
   * The next promise on this device's clock (server remaining minutes + now), and the server's “now” for
   * sentences such as 今天 17:36: both from the same answer, so a phone with a wrong clock still reads right.
   */
  const clock = useMemo(() => {
    if (state.status !== 'ok') return undefined;
    const view = state.data;
    const now = Date.now();
    const dueMs = view.slaRemainingMinutes === undefined ? undefined : now + view.slaRemainingMinutes * 60_000;
    const serverNow = view.nextDueAt && view.slaRemainingMinutes !== undefined ? Date.parse(view.nextDueAt) - view.slaRemainingMinutes * 60_000 : now;
    return { dueMs, serverNow };
  }, [state]);
  return { ...remote, clock };
}
