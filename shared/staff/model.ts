import type { StaffProfile } from '../api/functions/ticket';
import type { DepartmentCode, StaffRole } from '../auth/roles';

/**
 * A staff member (collection `staff`, `_id` = openid). The caller of every function is resolved against these:
 * `active` staff are staff, everyone else a customer. `version` counts administrative edits.
 */
export interface StaffRecord {
  _id: string;
  openid: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  /** Category and subcategory codes (DOMAIN.md taxonomy) this person handles; routing reads them. */
  skills: string[];
  onDuty: boolean;
  active: boolean;
  title?: string;
  /** How the record came to be: seeded, or bound with an invitation code. */
  invitationId?: string;
  boundAt?: Date;
  updatedAt?: Date;
  version?: number;
}

/** A staff member as other screens show them (own profile, assignee picker, admin list); older records lack some fields. */
export function staffProfile(s: StaffRecord): StaffProfile {
  return {
    openid: s.openid,
    name: s.name,
    role: s.role,
    ...(s.department ? { department: s.department } : {}),
    skills: s.skills ?? [],
    onDuty: s.onDuty !== false,
    ...(s.title ? { title: s.title } : {}),
  };
}

export const INVITATION_STATUSES = ['open', 'used', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An invitation (collection `invitations`). The code itself is never stored: `_id` is a keyed hash of it, so a
 * copy of the database does not hand out staff accounts. The admin sees the code once, when it is created.
 */
export interface InvitationDoc {
  _id: string;
  /** The last two characters, so an admin can tell invitations apart in the list. */
  codeHint: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  skills: string[];
  status: InvitationStatus;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
  revokedAt?: Date;
}

/** Codes are read aloud and typed from a chat message: no 0/O, 1/I/L. */
export const INVITATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 8;
export const INVITATION_CODE_RE = new RegExp(`^[${INVITATION_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`);

/** What people type: lower case, spaces and dashes (`abcd-2345`) are all fine. */
export function normalizeInvitationCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** Bytes (from a keyed hash) → a code in the alphabet; deterministic, so a retried create answers the same code. */
export function invitationCodeFrom(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITATION_ALPHABET[bytes[i] % INVITATION_ALPHABET.length];
  return code;
}

/** `ABCD-2345`, easier to read out over the phone. */
export const formatInvitationCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

export type InvitationCheck = { ok: true } | { ok: false; code: 'NOT_FOUND' | 'CONFLICT'; message: string };

/**
 * Whether `openid` may bind with this invitation now. A retry by the person who already used it is fine (the
 * answer is the same staff record); anyone else gets a clear reason.
 */
export function checkInvitation(inv: Pick<InvitationDoc, 'status' | 'expiresAt' | 'usedBy'> | undefined, openid: string, now: Date): InvitationCheck {
  if (!inv) return { ok: false, code: 'NOT_FOUND', message: '邀请码无效，请核对后再输入' };
  if (inv.status === 'used') return inv.usedBy === openid ? { ok: true } : { ok: false, code: 'CONFLICT', message: '这个邀请码已经被使用过了' };
  if (inv.status === 'revoked') return { ok: false, code: 'CONFLICT', message: '这个邀请码已被管理员作废' };
  if (inv.expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'CONFLICT', message: '邀请码已过期，请联系管理员重新发放' };
  return { ok: true };
}

/** An invitation's state for the list: `expired` is derived, never stored. */
export function invitationState(inv: Pick<InvitationDoc, 'status' | 'expiresAt'>, now: Date): InvitationStatus | 'expired' {
  return inv.status === 'open' && inv.expiresAt.getTime() <= now.getTime() ? 'expired' : inv.status;
}

/**
 * Whether an edit would leave nobody who can administer the system (the last active admin demoted or
 * deactivated): refused, because nobody could undo it from the app.
 */
export function leavesNoAdmin(staff: ReadonlyArray<Pick<StaffRecord, 'openid' | 'role' | 'active'>>, openid: string, next: { role?: StaffRole; active?: boolean }): boolean {
  const after = staff.map((s) => (s.openid === openid ? { ...s, ...next } : s));
  return !after.some((s) => s.role === 'admin' && s.active);
}
