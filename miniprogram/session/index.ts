export { getSessionSnapshot, identityChanged, loadSession, setStaffHint, showsStaffUi, useSession } from './store';
export type { SessionSnapshot, SessionState } from './store';
