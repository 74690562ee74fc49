import type { SessionOutput } from '@shared/api/functions/complaint';
import { isStaffRole } from '@shared/auth/roles';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

/** Who the app is talking to: decides whether the staff tab shows. */
export async function me(_input: Record<string, never>, { caller }: ActionContext): Promise<SessionOutput> {
  const openid = caller.openid as string;
  const isStaff = isStaffRole(caller.kind);
  let name = caller.name;
  if (!isStaff) {
    const [customer] = await rows<{ nickname?: string }>(collection('customers').where({ openid }).field({ nickname: true }).limit(1));
    name = customer?.nickname;
  }
  return { openid, kind: caller.kind, isStaff, ...(name ? { name } : {}), ...(caller.department ? { department: caller.department } : {}) };
}
