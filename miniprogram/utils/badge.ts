import { createStore, useStore } from './store';

/**
 * The number on the 工作台 tab: open tickets assigned to the signed-in staff member, as the workbench and the
 * inbox last read them (`ticket.inbox` counts). Undefined hides the badge.
 */
const workbenchBadge = createStore<number | undefined>(undefined);

export const setWorkbenchBadge = (n: number | undefined) => workbenchBadge.set(n);
export const useWorkbenchBadge = () => useStore(workbenchBadge);
