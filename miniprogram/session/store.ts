import type { SessionOutput } from '@shared/api/functions/complaint';
import { call, type ClientError } from '../api';
import { createStore, useStore } from '../utils/store';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: SessionOutput }
  | { status: 'error'; error: ClientError };

export interface SessionSnapshot {
  state: SessionState;
  /** Bumped whenever the caller's identity changes (browser build), so pages reload their data. */
  epoch: number;
  /** What the browser build already knows about the new identity before `complaint.me` answers. */
  staffHint?: boolean;
}

const store = createStore<SessionSnapshot>({ state: { status: 'loading' }, epoch: 0 });
let inflight: Promise<SessionState> | undefined;
let inflightEpoch = -1;

/** Who is calling (`complaint.me`), fetched once per identity and shared by every page and the tab bar. */
export function loadSession(force = false): Promise<SessionState> {
  const { state, epoch } = store.get();
  if (!force && state.status === 'ready') return Promise.resolve(state);
  if (inflight && inflightEpoch === epoch) return inflight;
  if (state.status !== 'loading') store.set((s) => ({ ...s, state: { status: 'loading' } }));
  inflightEpoch = epoch;
  inflight = call('complaint', 'me', {}).then((res) => {
    const next: SessionState = res.ok ? { status: 'ready', session: res.data } : { status: 'error', error: res.error };
    // A late answer for an identity that has since changed is dropped.
    if (store.get().epoch === epoch) store.set((s) => ({ ...s, state: next }));
    inflight = undefined;
    return next;
  });
  return inflight;
}

/** The browser build switched identity: forget the session and let pages reload. */
export function identityChanged(staffHint?: boolean): void {
  store.set((s) => ({ state: { status: 'loading' }, epoch: s.epoch + 1, staffHint }));
  inflight = undefined;
  void loadSession(true);
}

/** Browser build, before the first answer: what the chosen demo identity says about being staff. */
export function setStaffHint(staffHint: boolean | undefined): void {
  store.set((s) => ({ ...s, staffHint }));
}

export function useSession(): SessionSnapshot {
  return useStore(store);
}

/** Whether staff-only UI (the 工作台 tab) should show. */
export function showsStaffUi(snapshot: SessionSnapshot): boolean {
  return snapshot.state.status === 'ready' ? snapshot.state.session.isStaff : snapshot.staffHint === true;
}

export function getSessionSnapshot(): SessionSnapshot {
  return store.get();
}
