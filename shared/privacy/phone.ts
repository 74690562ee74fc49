/**
 * Mainland mobile numbers: what the form accepts, how they are stored (normalised) and how staff see them.
 * Encryption at rest happens in the functions (it needs a key and a cipher); masking is pure and lives here.
 */

/** 11 digits starting 13–19, the numbers China's carriers issue for mobiles. */
export const MAINLAND_MOBILE_RE = /^1[3-9]\d{9}$/;

/** Spaces, dashes and a +86 / 0086 prefix are common when people type or paste a number. */
export function normalizeMobile(raw: string): string {
  const compact = raw.replace(/[\s\-()（）]/g, '');
  return compact.replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
}

export const isMainlandMobile = (raw: string) => MAINLAND_MOBILE_RE.test(normalizeMobile(raw));

/** `13812348000` → `138****8000`, as every staff response shows it (DOMAIN.md "Security and privacy"). */
export function maskMobile(phone: string): string {
  const p = normalizeMobile(phone);
  return p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '*'.repeat(Math.max(4, p.length));
}
