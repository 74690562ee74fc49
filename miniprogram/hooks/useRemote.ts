import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ClientEnvelope, ClientError } from '../api';

export type RemoteState<T> = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ok'; data: T };

export interface Remote<T> {
  state: RemoteState<T>;
  /** Load again, showing the skeleton. */
  reload: () => Promise<void>;
  /** Load again, keeping what is on screen until the answer arrives (pull-to-refresh). */
  refresh: () => Promise<void>;
  /** Show data a write already answered with (e.g. the complaint after 接受), without another read. */
  replace: (data: T) => void;
}

/**
 * One remote read bound to a component: loads when `deps` change (and `enabled`),
 * ignores answers that arrive after a newer request started.
 */
export function useRemote<T>(load: () => Promise<ClientEnvelope<T>>, deps: DependencyList, enabled = true): Remote<T> {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  const seq = useRef(0);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(async (keep: boolean) => {
    const mine = ++seq.current;
    if (!keep) setState({ status: 'loading' });
    const res = await load();
    if (mine !== seq.current) return;
    setState(res.ok ? { status: 'ok', data: res.data } : { status: 'error', error: res.error });
  }, deps);

  useEffect(() => {
    if (enabled) void run(false);
  }, [run, enabled]);

  const replace = useCallback((data: T) => {
    seq.current++; // a read still in flight is older than this answer
    setState({ status: 'ok', data });
  }, []);

  return { state, reload: () => run(false), refresh: () => run(true), replace };
}
