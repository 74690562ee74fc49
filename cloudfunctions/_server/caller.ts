import type { Caller, StaffRole } from '@shared/auth/roles';
import { isStaffRole } from '@shared/auth/roles';
import { cloudbaseUserFromEnv, webCallerId } from '@shared/auth/web-caller';
import { cloud } from './cloud';
import { collection, rows } from './db';
import { AppError } from '@shared/api/envelope';

/** Invocations without a person behind them: timer triggers and calls from other functions. */
const SERVER_SOURCES = new Set(['wx_trigger', 'scf']);

export interface StaffDoc {
  openid: string;
  role: StaffRole;
  name: string;
  department?: Caller['department'];
  active: boolean;
}

/** The staff record that makes an id staff (active ones only). */
export const STAFF_OF_CALLER = (id: string) => ({ openid: id, active: true });

/** The caller's id as the platform vouches for it (never from the input); `null` = nobody we can trust. */
function callerIdentity(): { id: string } | { system: true } | null {
  const { OPENID, SOURCE } = cloud.getWXContext();
  const id = OPENID || webCallerId(cloudbaseUserFromEnv(process.env));
  if (id) return { id };
  return SERVER_SOURCES.has(String(SOURCE)) ? { system: true } : null;
}

/** A person is staff when an active staff record has their id; otherwise a customer. */
export function callerFrom(id: string, staff: StaffDoc | undefined): Caller {
  if (staff && isStaffRole(staff.role)) {
    return { kind: staff.role, openid: id, name: staff.name, ...(staff.department ? { department: staff.department } : {}) };
  }
  return { kind: 'customer', openid: id };
}

/**
 * Who is calling: the OPENID WeChat vouches for (getWXContext), or — for the browser build in production — the
 * CloudBase user the web SDK signed in (`web:<uid>`, from the invocation's environment); never anything from the
 * input. A staff record with that id makes the caller staff (a web user only after binding an invitation);
 * otherwise a customer. `null` = nobody we can trust.
 */
export async function resolveCaller(): Promise<Caller | null> {
  const who = callerIdentity();
  if (!who) return null;
  if ('system' in who) return { kind: 'system' };
  const [staff] = await rows<StaffDoc>(collection('staff').where(STAFF_OF_CALLER(who.id)).limit(1));
  return callerFrom(who.id, staff);
}

/**
 * For an action only customers may call, whose first read can bring the caller's staff record along (one round
 * trip fewer): the caller as a customer until `confirm` sees that record — a staff member is refused then, before
 * the action writes anything. `null` when the platform vouches for nobody, or for a timer (not a customer).
 */
export function provisionalCustomer(): { caller: Caller; confirm(staff: StaffDoc | undefined): void; confirmed(): boolean } | null {
  const who = callerIdentity();
  if (!who || 'system' in who) return null;
  let confirmed = false;
  return {
    caller: { kind: 'customer', openid: who.id },
    confirm(staff) {
      if (callerFrom(who.id, staff).kind !== 'customer') throw new AppError('FORBIDDEN');
      confirmed = true;
    },
    confirmed: () => confirmed,
  };
}

export function callerSource(): string {
  return String(cloud.getWXContext().SOURCE ?? '');
}
