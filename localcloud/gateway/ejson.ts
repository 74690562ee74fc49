/**
 * The database wire format: MongoDB Extended JSON as the CloudBase SDK writes it (strict/canonical mode),
 * plus CloudBase's `{"$tcb_server_date":{"offset":N}}` ("server time + N ms"), which no EJSON library knows.
 *
 * `decodeEJSON` turns request text into plain JS values that mingo can work with: every number wrapper
 * becomes a number, `$date` a Date, `$regularExpression` a RegExp, `$oid` a string.
 * `encodeEJSON` turns stored values back into text that bson's `EJSON.parse` (which the SDK calls, relaxed)
 * returns as the same values: Dates as Dates, numbers as numbers.
 */

export type ServerNow = () => number;

/** Parse EJSON text (or an already parsed JSON object from a raw caller) into plain values. */
export function decodeEJSON(input: unknown, serverNow: ServerNow): unknown {
  // The fresh parse result is ours, so wrappers are replaced in place (about twice as fast as copying,
  // which matters when 100k stored documents are loaded at start).
  const value = typeof input === 'string' ? JSON.parse(input) : structuredClone(input);
  return revive(value, serverNow);
}

function revive(value: unknown, serverNow: ServerNow): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], serverNow);
    return value;
  }
  const obj = value as Record<string, unknown>;
  let first = true;
  for (const key in obj) {
    if (first && key.charCodeAt(0) === 36 /* $ */ && Object.keys(obj).length === 1) {
      const special = reviveWrapper(key, obj[key], serverNow);
      if (special !== NOT_SPECIAL) return special;
    }
    first = false;
    if (key === '__proto__') continue; // assigning it would set the prototype
    obj[key] = revive(obj[key], serverNow);
  }
  return obj;
}

const NOT_SPECIAL = Symbol('not an EJSON wrapper');

function reviveWrapper(key: string, inner: unknown, serverNow: ServerNow): unknown {
  switch (key) {
    case '$numberInt':
    case '$numberLong':
    case '$numberDouble':
    case '$numberDecimal':
      // Decimal128 and Int64 lose precision beyond 2^53; the project stores no such values.
      return typeof inner === 'string' || typeof inner === 'number' ? Number(inner) : NOT_SPECIAL;
    case '$date': {
      const v = revive(inner, serverNow);
      if (typeof v === 'number') return new Date(v);
      if (typeof v === 'string') return new Date(v);
      return NOT_SPECIAL;
    }
    case '$regularExpression': {
      const re = inner as { pattern?: unknown; options?: unknown } | null;
      if (!re || typeof re.pattern !== 'string') return NOT_SPECIAL;
      return new RegExp(re.pattern, jsRegexFlags(String(re.options ?? '')));
    }
    case '$oid':
      return typeof inner === 'string' ? inner : NOT_SPECIAL;
    case '$symbol':
      return typeof inner === 'string' ? inner : NOT_SPECIAL;
    case '$tcb_server_date': {
      const offset = Number((revive(inner, serverNow) as { offset?: unknown } | null)?.offset ?? 0);
      return new Date(serverNow() + (Number.isFinite(offset) ? offset : 0));
    }
    default:
      return NOT_SPECIAL;
  }
}

/** MongoDB options `imxslu`; JavaScript knows `i m s u` (x and l have no equivalent and are dropped). */
function jsRegexFlags(options: string): string {
  return [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
}

/** Serialise a stored value to EJSON text for the SDK (and for the SQLite copy). */
export function encodeEJSON(value: unknown): string {
  return JSON.stringify(toEJSONValue(value));
}

/** The JSON-ready EJSON form of a value: Dates, RegExps and non-finite numbers get wrappers. */
export function toEJSONValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : { $numberDouble: String(value) };
    case 'bigint':
      return { $numberLong: value.toString() };
    case 'object':
      break;
    default:
      return value;
  }
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } };
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags.replace(/[gy]/g, '') } };
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toEJSONValue(item)));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = toEJSONValue(v);
  }
  return out;
}
