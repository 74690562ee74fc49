import type { SessionOutput } from '@shared/api/functions/complaint';
import { isStaffRole } from '@shared/auth/roles';
import { decryptField } from '../../_server/crypto';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

/** Who the app is talking to: decides whether the staff tab shows. */
export async function me(_input: Record<string, never>, { caller }: ActionContext): Promise<SessionOutput> {
  const openid = caller.openid as string;
  const isStaff = isStaffRole(caller.kind);
  let name = caller.name;
  let contactPhone: string | undefined;
  if (!isStaff) {
    // The number the customer gave last time pre-fills the form; it is their own, so it is shown in full.
    const [[customer], [last]] = await Promise.all([
      rows<{ nickname?: string }>(collection('customers').where({ openid }).field({ nickname: true }).limit(1)),
      rows<{ contactPhoneEnc?: string }>(collection('complaints').where({ customerOpenid: openid }).orderBy('createdAt', 'desc').field({ contactPhoneEnc: true }).limit(1)),
    ]);
    name = customer?.nickname;
    if (last?.contactPhoneEnc) contactPhone = decryptField(last.contactPhoneEnc);
  }
  return { openid, kind: caller.kind, isStaff, ...(name ? { name } : {}), ...(caller.department ? { department: caller.department } : {}), ...(contactPhone ? { contactPhone } : {}) };
}
