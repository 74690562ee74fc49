import { currentDevOpenid, DEV_IDENTITY_ENABLED, findDemoIdentity } from '../dev-identity/store';
import { setStaffHint } from '../session';

/** Browser build: no cloud SDK; settle the development identity (`?as=` or storage) before the first call. */
export function initPlatform(): void {
  // A production web build knows its caller only from complaint.me (the web SDK's user), never from a demo id.
  if (!DEV_IDENTITY_ENABLED) return;
  const known = findDemoIdentity(currentDevOpenid());
  // Lets the 工作台 tab show for a demo staff member even before (or without) complaint.me answering.
  if (known) setStaffHint(known.role !== 'customer');
}
