import { parseInstant, wechatDate, wechatTime } from './china-time';

/**
 * Fitting values into WeChat subscribe-message fields (WECHAT.md "Value limits"; WeChat answers 47003 and drops
 * the message when one value breaks its rule). A field's type is its key without the number: `thing2` → thing.
 * Every fitter is total: whatever comes in, what goes out is accepted by WeChat, so a long complaint text or a
 * missing value never costs the customer their message.
 */
export const FIELD_TYPES = ['thing', 'character_string', 'time', 'date', 'phrase', 'number', 'name', 'amount', 'phone_number', 'letter', 'symbol', 'car_number'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const THING_MAX = 20;
export const PHRASE_MAX = 5;
export const CHARACTER_STRING_MAX = 32;
export const NUMBER_MAX_DIGITS = 32;
export const NAME_MAX_HAN = 10;
export const NAME_MAX_LETTERS = 20;
export const AMOUNT_MAX_DIGITS = 10;
export const PHONE_NUMBER_MAX = 17;
export const ELLIPSIS = '…';

const HAN = /\p{Script=Han}/u;

/** `thing2` → `thing`; undefined for a key that is not a known type followed by digits. */
export function fieldType(key: string): FieldType | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && (FIELD_TYPES as readonly string[]).includes(m[1]) ? (m[1] as FieldType) : undefined;
}

/** Control and format characters (and lone surrogates) out, runs of whitespace to one space. */
export function cleanText(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points, as WeChat counts); a cut text ends with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}${ELLIPSIS}`;
}

/** thing: ≤ 20 characters of any kind. */
export function fitThing(text: string, fallback = '无'): string {
  return truncate(cleanText(text), THING_MAX) || fallback;
}

/** phrase: ≤ 5 Chinese characters and nothing else (no room for an ellipsis, so a long phrase is cut). */
export function fitPhrase(text: string, fallback = '已更新'): string {
  const han = [...text].filter((c) => HAN.test(c));
  return han.slice(0, PHRASE_MAX).join('') || fallback;
}

/** character_string: ≤ 32 of `[A-Za-z0-9_-]` (stricter than WeChat's printable ASCII: nothing to misread). */
export function fitCharacterString(text: string, fallback = '-'): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '').slice(0, CHARACTER_STRING_MAX) || fallback;
}

/** time: `YYYY年MM月DD日 HH:mm` in China; anything that is not an instant shows `now`. */
export function fitTime(value: string | Date | undefined, now: Date): string {
  return wechatTime(value instanceof Date ? value : (parseInstant(value) ?? now));
}

/** date: `YYYY年MM月DD日` in China. */
export function fitDate(value: string | Date | undefined, now: Date): string {
  return wechatDate(value instanceof Date ? value : (parseInstant(value) ?? now));
}

/** number: the first number in the text, at most 32 digits. */
export function fitNumber(text: string): string {
  const m = /[+-]?\d+(?:\.\d+)?/.exec(text);
  if (!m) return '0';
  let digits = 0;
  return [...m[0]].filter((c) => !/\d/.test(c) || ++digits <= NUMBER_MAX_DIGITS).join('').replace(/\.$/, '');
}

/** name: ≤ 10 Chinese characters, or ≤ 20 letters for a Latin name. */
export function fitName(text: string, fallback = '顾客'): string {
  const clean = cleanText(text);
  if (HAN.test(clean)) return [...clean].filter((c) => HAN.test(c) || c === '·').slice(0, NAME_MAX_HAN).join('').replace(/^·+|·+$/g, '') || fallback;
  const latin = clean.replace(/[^A-Za-z .'-]/g, '').replace(/^[^A-Za-z]+/, '').slice(0, NAME_MAX_LETTERS).trim();
  return latin || fallback;
}

/** amount: `¥12.50` from a yuan amount in the text (≤ 10 digits). */
export function fitAmount(text: string): string {
  const m = /\d+(?:\.\d+)?/.exec(text.replace(/,/g, ''));
  const yuan = m ? Number(m[0]) : 0;
  const fixed = Math.min(yuan, 99_999_999.99).toFixed(2);
  return `¥${fixed}`;
}

/** phone_number: digits, `+` and `-`, ≤ 17. */
export function fitPhoneNumber(text: string, fallback = '0'): string {
  const kept = text.replace(/[^\d+-]/g, '').slice(0, PHONE_NUMBER_MAX);
  return /\d/.test(kept) ? kept : fallback;
}

function fitLetters(text: string): string {
  return text.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'A';
}

function fitSymbols(text: string): string {
  return [...text].filter((c) => /[^\p{L}\p{N}\s]/u.test(c)).slice(0, 5).join('') || '-';
}

function fitCarNumber(text: string): string {
  const chars = [...cleanText(text)].filter((c) => /[A-Za-z0-9]/.test(c) || HAN.test(c));
  // Chinese characters only at the ends (省份简称 first, 学/警/挂 last), as WeChat requires.
  return chars.filter((c, i) => !HAN.test(c) || i === 0 || i === chars.length - 1).slice(0, 8).join('') || '-';
}

/** Fit a rendered value into field `key` (its type from the key). An unknown type is treated as a thing. */
export function fitField(key: string, value: string, now: Date): string {
  switch (fieldType(key)) {
    case 'character_string':
      return fitCharacterString(value);
    case 'time':
      return fitTime(value, now);
    case 'date':
      return fitDate(value, now);
    case 'phrase':
      return fitPhrase(value);
    case 'number':
      return fitNumber(value);
    case 'name':
      return fitName(value);
    case 'amount':
      return fitAmount(value);
    case 'phone_number':
      return fitPhoneNumber(value);
    case 'letter':
      return fitLetters(value);
    case 'symbol':
      return fitSymbols(value);
    case 'car_number':
      return fitCarNumber(value);
    default:
      return fitThing(value);
  }
}

/** WeChat's `data` shape: `{ thing2: { value } }`, every value fitted. */
export function fitFields(values: Record<string, string>, now: Date): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value: fitField(key, value, now) }]));
}

/** An SMS template variable: cleaned and cut to the template's limit (Tencent Cloud rejects an empty one). */
export function fitSmsParam(text: string, max: number, fallback = '-'): string {
  return truncate(cleanText(text), max) || fallback;
}
