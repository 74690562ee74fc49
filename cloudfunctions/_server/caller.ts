import type { Caller, StaffRole } from '@shared/auth/roles';
import { isStaffRole } from '@shared/auth/roles';
import { cloud } from './cloud';
import { collection, rows } from './db';

/** Invocations without a person behind them: timer triggers and calls from other functions. */
const SERVER_SOURCES = new Set(['wx_trigger', 'scf']);

interface StaffDoc {
  openid: string;
  role: StaffRole;
  name: string;
  department?: Caller['department'];
  active: boolean;
}

/**
 * Who is calling: the OPENID WeChat vouches for (getWXContext), never anything from the input.
 * A staff record with that openid makes the caller staff; otherwise a customer. `null` = nobody we can trust.
 */
export async function resolveCaller(): Promise<Caller | null> {
  const { OPENID, SOURCE } = cloud.getWXContext();
  if (!OPENID) return SERVER_SOURCES.has(String(SOURCE)) ? { kind: 'system' } : null;
  const [staff] = await rows<StaffDoc>(collection('staff').where({ openid: OPENID, active: true }).limit(1));
  if (staff && isStaffRole(staff.role)) {
    return { kind: staff.role, openid: OPENID, name: staff.name, ...(staff.department ? { department: staff.department } : {}) };
  }
  return { kind: 'customer', openid: OPENID };
}

export function callerSource(): string {
  return String(cloud.getWXContext().SOURCE ?? '');
}
