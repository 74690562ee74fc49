import type { InboxItem, InboxView } from '@shared/api/functions/ticket';
import type { Category, ComplaintStatus, Level } from '@shared/complaint/model';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type ClientError } from '../../../api';
import { setWorkbenchBadge } from '../../../utils/badge';

const PAGE_SIZE = 20;

export interface InboxFilters {
  level?: Level;
  category?: Category;
  status?: ComplaintStatus;
  overdue?: boolean;
}

export interface InboxState {
  status: 'loading' | 'error' | 'ok';
  items: InboxItem[];
  counts?: Record<InboxView, number>;
  error?: ClientError;
  nextCursor?: string;
  loadingMore: boolean;
  moreError?: ClientError;
}

const initial: InboxState = { status: 'loading', items: [], loadingMore: false };

/** `ticket.inbox` for one view and filters: urgency order from the server, keyset pages, the tab counts with every page. */
export function useInbox(view: InboxView, filters: InboxFilters, epoch: number) {
  const [state, setState] = useState<InboxState>(initial);
  const seq = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const key = JSON.stringify(filters);

  const loadFirst = useCallback(
    async (keep: boolean) => {
      const mine = ++seq.current;
      if (!keep) setState((s) => ({ ...initial, counts: s.counts }));
      const res = await call('ticket', 'inbox', { view, limit: PAGE_SIZE, ...filters });
      if (mine !== seq.current) return;
      if (res.ok) {
        setWorkbenchBadge(res.data.counts.mine);
        setState({ status: 'ok', items: res.data.items, counts: res.data.counts, nextCursor: res.data.nextCursor, loadingMore: false });
      } else {
        setState((s) => (keep && s.status === 'ok' ? { ...s, moreError: res.error } : { ...initial, status: 'error', error: res.error, counts: s.counts }));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, key],
  );

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ok' || !current.nextCursor || current.loadingMore) return;
    const mine = seq.current;
    setState({ ...current, loadingMore: true, moreError: undefined });
    const res = await call('ticket', 'inbox', { view, limit: PAGE_SIZE, cursor: current.nextCursor, ...filters });
    if (mine !== seq.current) return;
    setState((s) => (res.ok ? { ...s, items: [...s.items, ...res.data.items], counts: res.data.counts, nextCursor: res.data.nextCursor, loadingMore: false } : { ...s, loadingMore: false, moreError: res.error }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, key]);

  useEffect(() => {
    void loadFirst(false);
  }, [loadFirst, epoch]);

  return { state, reload: () => loadFirst(false), refresh: () => loadFirst(true), loadMore };
}
