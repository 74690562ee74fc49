import type { TicketView } from '@shared/api/functions/ticket';
import { useCallback, useState } from 'react';
import { call, type ClientEnvelope, type ClientError } from '../../../api';
import { useRemote } from '../../../hooks/useRemote';

/**
 * `ticket.get` plus a runner for the ticket's actions: one action at a time, its error kept for the form that
 * sent it, and the ticket read again afterwards (a move changes version, status and the allowed moves).
 */
export function useTicket(complaintId: string | undefined, epoch: number, onChanged?: () => void) {
  const remote = useRemote<TicketView>(
    () => (complaintId ? call('ticket', 'get', { complaintId }) : Promise.resolve({ ok: false as const, error: { code: 'NOT_FOUND' as const, message: '没有找到这张工单，请从工单列表打开' } })),
    [complaintId, epoch],
  );
  const [busy, setBusy] = useState<string>();
  const [errors, setErrors] = useState<Record<string, ClientError | undefined>>({});

  const run = useCallback(
    async <T>(name: string, action: () => Promise<ClientEnvelope<T>>): Promise<T | undefined> => {
      if (busy) return undefined;
      setBusy(name);
      setErrors((e) => ({ ...e, [name]: undefined }));
      const res = await action();
      setBusy(undefined);
      if (!res.ok) {
        setErrors((e) => ({ ...e, [name]: res.error }));
        // Someone else changed the ticket: show what it is now, keep the message.
        if (res.error.code === 'CONFLICT') void remote.refresh();
        return undefined;
      }
      await remote.refresh();
      onChanged?.();
      return res.data;
    },
    [busy, remote, onChanged],
  );

  return { ...remote, busy, errors, run };
}
