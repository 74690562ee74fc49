import type { Caller, StaffRole } from '@shared/auth/roles';
import { isStaffRole } from '@shared/auth/roles';
import { cloudbaseUserFromEnv, webCallerId } from '@shared/auth/web-caller';
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
 * Who is calling: the OPENID WeChat vouches for (getWXContext), or — for the browser build in production — the
 * CloudBase user the web SDK signed in (`web:<uid>`, from the invocation's environment); never anything from the
 * input. A staff record with that id makes the caller staff (a web user only after binding an invitation);
 * otherwise a customer. `null` = nobody we can trust.
 */
export async function resolveCaller(): Promise<Caller | null> {
  const { OPENID, SOURCE } = cloud.getWXContext();
  const id = OPENID || webCallerId(cloudbaseUserFromEnv(process.env));
  if (!id) return SERVER_SOURCES.has(String(SOURCE)) ? { kind: 'system' } : null;
  const [staff] = await rows<StaffDoc>(collection('staff').where({ openid: id, active: true }).limit(1));
  if (staff && isStaffRole(staff.role)) {
    return { kind: staff.role, openid: id, name: staff.name, ...(staff.department ? { department: staff.department } : {}) };
  }
  return { kind: 'customer', openid: id };
}

export function callerSource(): string {
  return String(cloud.getWXContext().SOURCE ?? '');
}
