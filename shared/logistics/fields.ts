/**
 * Cell readers for logistics rows. One reader serves both CSV (every cell is text) and JSON (numbers are numbers),
 * so a row means the same and fails with the same Chinese message whichever way it came. Each answers the value,
 * `undefined` for an empty optional cell, or throws a `FieldError` with the message for people.
 */

export class FieldError extends Error {}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Text with a length limit and an optional pattern. */
export function text(label: string, v: unknown, opts: { required?: boolean; max?: number; pattern?: RegExp; patternMessage?: string } = {}): string | undefined {
  if (blank(v)) {
    if (opts.required) throw new FieldError(`缺少${label}`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldError(`${label}不是文本`);
  const s = String(v).trim();
  if (s.length > (opts.max ?? 64)) throw new FieldError(`${label}太长（最多 ${opts.max ?? 64} 个字符）`);
  if (opts.pattern && !opts.pattern.test(s)) throw new FieldError(opts.patternMessage ?? `${label}格式不正确`);
  return s;
}

/** Accepts ASCII and the typographic minus (−) that spreadsheets and Chinese documents use. */
export function number(label: string, v: unknown, opts: { required?: boolean; min?: number; max?: number; integer?: boolean; rangeMessage?: string } = {}): number | undefined {
  if (blank(v)) {
    if (opts.required) throw new FieldError(`缺少${label}`);
    return undefined;
  }
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*[-−+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) n = Number(v.trim().replace('−', '-'));
  else throw new FieldError(`${label}不是数字`);
  if (!Number.isFinite(n)) throw new FieldError(`${label}不是数字`);
  if (opts.integer && !Number.isInteger(n)) throw new FieldError(`${label}须为整数`);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new FieldError(opts.rangeMessage ?? `${label}超出范围（${opts.min ?? '-∞'}～${opts.max ?? '∞'}）`);
  }
  return n;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The logistics system's local export: China time without an offset (`2026-11-20 08:00` or with seconds, `/` allowed). */
const CHINA_LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Times before this or more than a day ahead of the import are typing errors, not readings. */
const EARLIEST = Date.UTC(2020, 0, 1);

/**
 * A time: ISO-8601 with an offset, or a China-local `YYYY-MM-DD HH:mm[:ss]` (the usual export of logistics
 * systems; China has one fixed offset, +08:00). A time without an offset in any other form is refused rather
 * than guessed.
 */
export function time(label: string, v: unknown, opts: { required?: boolean; now?: Date } = {}): Date | undefined {
  if (blank(v)) {
    if (opts.required) throw new FieldError(`缺少${label}`);
    return undefined;
  }
  if (typeof v !== 'string') throw new FieldError(`${label}格式不正确（例如 2026-11-20 08:00 或 2026-11-20T08:00:00+08:00）`);
  const s = v.trim();
  let ms = Number.NaN;
  if (ISO_WITH_OFFSET.test(s)) ms = Date.parse(s);
  else {
    const m = CHINA_LOCAL.exec(s);
    if (m) {
      const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0));
      const local = Date.UTC(y, mo - 1, d, h, mi, se);
      const check = new Date(local);
      // Date.UTC rolls 2026-02-30 over into March: refuse instead.
      if (check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60 && se < 60) ms = local - 8 * 3_600_000;
    }
  }
  if (!Number.isFinite(ms)) throw new FieldError(`${label}格式不正确（例如 2026-11-20 08:00 或 2026-11-20T08:00:00+08:00）`);
  if (ms < EARLIEST || (opts.now && ms > opts.now.getTime() + 24 * 3_600_000)) throw new FieldError(`${label}不在合理范围内`);
  return new Date(ms);
}

export function oneOf<T extends string>(label: string, v: unknown, allowed: readonly T[], labels: Record<T, string>, opts: { required?: boolean } = {}): T | undefined {
  const s = text(label, v, { required: opts.required, max: 20 });
  if (s === undefined) return undefined;
  const hit = allowed.find((a) => a === s || labels[a] === s);
  if (!hit) throw new FieldError(`${label}只能是 ${allowed.map((a) => labels[a]).join('、')}`);
  return hit;
}
