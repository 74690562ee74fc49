import type { MyComplaintItem } from '@shared/api/functions/complaint';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type ClientError } from '../../../api';

const PAGE_SIZE = 20;

/** A row with its next promise on this device's clock, so countdowns keep running between loads. */
export interface MineItem extends MyComplaintItem {
  dueMs?: number;
}

const anchored = (items: MyComplaintItem[]): MineItem[] => {
  const now = Date.now();
  return items.map((item) => (item.slaRemainingMinutes === undefined ? item : { ...item, dueMs: now + item.slaRemainingMinutes * 60_000 }));
};

export interface MyComplaintsState {
  status: 'loading' | 'error' | 'ok';
  items: MineItem[];
  error?: ClientError;
  nextCursor?: string;
  loadingMore: boolean;
  moreError?: ClientError;
}

const initial: MyComplaintsState = { status: 'loading', items: [], loadingMore: false };

/** `complaint.listMine`, newest first, with refresh and "load more" through `nextCursor`. */
export function useMyComplaints(epoch: number, enabled: boolean) {
  const [state, setState] = useState<MyComplaintsState>(initial);
  const seq = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const loadFirst = useCallback(async (keep: boolean) => {
    const mine = ++seq.current;
    if (!keep) setState(initial);
    const res = await call('complaint', 'listMine', { limit: PAGE_SIZE });
    if (mine !== seq.current) return;
    setState(
      res.ok
        ? { status: 'ok', items: anchored(res.data.items), nextCursor: res.data.nextCursor, loadingMore: false }
        : keep && stateRef.current.status === 'ok'
          ? { ...stateRef.current, moreError: res.error } // keep the list; say the refresh failed
          : { status: 'error', items: [], error: res.error, loadingMore: false },
    );
  }, []);

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ok' || !current.nextCursor || current.loadingMore) return;
    const mine = seq.current;
    setState({ ...current, loadingMore: true, moreError: undefined });
    const res = await call('complaint', 'listMine', { limit: PAGE_SIZE, cursor: current.nextCursor });
    if (mine !== seq.current) return;
    setState((s) =>
      res.ok
        ? { ...s, items: [...s.items, ...anchored(res.data.items)], nextCursor: res.data.nextCursor, loadingMore: false }
        : { ...s, loadingMore: false, moreError: res.error },
    );
  }, []);

  useEffect(() => {
    if (enabled) void loadFirst(false);
  }, [epoch, enabled, loadFirst]);

  return {
    state,
    reload: () => loadFirst(false),
    refresh: () => loadFirst(true),
    loadMore,
  };
}
