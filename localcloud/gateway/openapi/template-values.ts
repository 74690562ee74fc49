/**
 * WeChat's rules for subscribe-message template values (WECHAT.md; WeChat's "订阅消息参数值内容限制").
 * A key's type is its name without the trailing digits: `thing1` → thing, `character_string12` → character_string.
 */

const HAN = /\p{Script=Han}/u;
const chars = (text: string) => [...text];

/** A date (`2026年11月22日`, `2026-11-22`, `2026/11/22`, `2026.11.22`), checked for a real month and day. */
const DATE = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日|([-/.])(\d{1,2})\4(\d{1,2}))$/;
/** A 24-hour time, `14:30` or `14:30:05`. */
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const month = Number(m[2] ?? m[5]);
  const day = Number(m[3] ?? m[6]);
  const year = Number(m[1]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

function isTime(text: string): boolean {
  const m = TIME.exec(text);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || Number(m[3]) <= 59);
}

/** One moment: `date`, `date time` (a space or none after 日), or, when `timeAlone`, just `time`. */
function isMoment(text: string, { needTime, timeAlone }: { needTime: boolean; timeAlone: boolean }): boolean {
  if (timeAlone && isTime(text)) return true;
  const m = /^(\S+?日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*(\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (!m || !isDate(m[1])) return false;
  if (m[2] === undefined) return !needTime;
  return isTime(m[2]);
}

/** `a` or a period `a~b` (WeChat joins the two ends of a period with `~`). */
function isMomentOrPeriod(text: string, kind: { needTime: boolean; timeAlone: boolean }): boolean {
  const parts = text.split(/\s*[~～]\s*/);
  return parts.length <= 2 && parts.every((part) => isMoment(part, kind));
}

type Rule = (value: string) => string | null;

const RULES: Record<string, Rule> = {
  thing: (v) => (chars(v).length <= 20 ? null : 'exceeds 20 characters'),
  number: (v) => {
    if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(v)) return 'must be a number (digits, an optional sign and decimal point)';
    return v.replace(/\D/g, '').length <= 32 ? null : 'exceeds 32 digits';
  },
  letter: (v) => (/^[A-Za-z]{1,32}$/.test(v) ? null : 'must be at most 32 letters'),
  symbol: (v) => (/^[^\p{L}\p{N}\s]{1,5}$/u.test(v) ? null : 'must be at most 5 symbols'),
  character_string: (v) => (/^[\x21-\x7e]{1,32}$/.test(v) ? null : 'must be at most 32 letters, digits or symbols'),
  time: (v) => (isMomentOrPeriod(v, { needTime: true, timeAlone: true }) ? null : 'must be a 24-hour time such as 14:30 or 2026年11月22日 14:30'),
  date: (v) => (isMomentOrPeriod(v, { needTime: false, timeAlone: false }) ? null : 'must be a date such as 2026年11月22日 or 2026-11-22 14:30'),
  amount: (v) => {
    const m = /^([¥￥$€£])?(\d+(?:\.\d{1,2})?)(元)?$/.exec(v);
    if (!m || (!m[1] && !m[3]) || (m[1] && m[3])) return 'must be a currency symbol and an amount, such as ¥12.50 or 12.50元';
    return m[2].replace('.', '').length <= 10 ? null : 'exceeds 10 digits';
  },
  phone_number: (v) => (/^[+\d-]{1,17}$/.test(v) && /\d/.test(v) ? null : 'must be at most 17 digits, "+" or "-"'),
  car_number: (v) => {
    const c = chars(v);
    const ok = c.length <= 8 && c.every((ch, i) => /[A-Za-z0-9]/.test(ch) || ((i === 0 || i === c.length - 1) && HAN.test(ch)));
    return ok ? null : 'must be a plate number of at most 8 characters';
  },
  name: (v) => {
    if (HAN.test(v)) return /^[\p{Script=Han}A-Za-z·]{1,10}$/u.test(v) ? null : 'must be at most 10 Chinese characters';
    return /^[A-Za-z][A-Za-z .'·-]{0,19}$/.test(v) ? null : 'must be at most 20 letters';
  },
  phrase: (v) => (/^\p{Script=Han}{1,5}$/u.test(v) ? null : 'must be at most 5 Chinese characters'),
};

export const VALUE_TYPES = Object.keys(RULES);

/** `thing1` → `thing`; `null` for a key that is not `<type><digits>`. */
export function valueType(key: string): string | null {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m ? m[1] : null;
}

/** Why the value breaks its key's rule, or `null` when WeChat would accept it. */
export function valueProblem(key: string, value: unknown): string | null {
  const type = valueType(key);
  if (!type || !RULES[type]) return `has an unknown type (keys are a type and a number, e.g. thing1; types: ${VALUE_TYPES.join(', ')})`;
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') return 'must be a string';
  if (value.trim() === '') return 'is empty';
  return RULES[type](value);
}
