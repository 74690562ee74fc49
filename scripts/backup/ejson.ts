/**
 * The backup's line format: JSON with tagged wrappers for the values JSON cannot carry, so a restore writes
 * back exactly what was read (MongoDB Extended JSON in spirit, a small subset):
 *   Date → {"$date": "<ISO>"}, NaN/±Infinity/-0 → {"$number": "NaN"|"Infinity"|"-Infinity"|"-0"},
 *   Buffer/Uint8Array → {"$binary": "<base64>"}, RegExp → {"$regex": source, "$flags": flags},
 *   an object whose own keys start with `$` (never written by the app, but possible) → {"$literal": {...}}.
 * `undefined` object fields are dropped (the database does not store them either).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function encodeValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) return { $number: 'NaN' };
      if (!Number.isFinite(value)) return { $number: value > 0 ? 'Infinity' : '-Infinity' };
      if (Object.is(value, -0)) return { $number: '-0' };
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return { $number: value.toString() + 'n' };
    case 'object':
      break;
    default:
      throw new TypeError(`cannot back up a value of type ${typeof value}`);
  }
  if (value instanceof Date) return { $date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  if (value instanceof RegExp) return { $regex: value.source, $flags: value.flags };
  if (value instanceof Uint8Array) return { $binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map((item) => encodeValue(item));
  const out: Record<string, Json> = {};
  let dollar = false;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key.startsWith('$')) dollar = true;
    out[key] = encodeValue(v);
  }
  return dollar ? { $literal: out } : out;
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 || (keys.length === 2 && '$regex' in obj)) {
    if ('$date' in obj && typeof obj.$date === 'string') return new Date(obj.$date === 'Invalid Date' ? NaN : obj.$date);
    if ('$number' in obj && typeof obj.$number === 'string') {
      const n = obj.$number;
      return n.endsWith('n') ? BigInt(n.slice(0, -1)) : n === '-0' ? -0 : Number(n);
    }
    if ('$binary' in obj && typeof obj.$binary === 'string') return Buffer.from(obj.$binary, 'base64');
    if ('$regex' in obj && typeof obj.$regex === 'string') return new RegExp(obj.$regex, typeof obj.$flags === 'string' ? obj.$flags : '');
    if ('$literal' in obj && obj.$literal && typeof obj.$literal === 'object') return decodeFields(obj.$literal as Record<string, unknown>);
  }
  return decodeFields(obj);
}

function decodeFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    // defineProperty, not assignment: a `__proto__` key stays a plain field instead of setting the prototype.
    Object.defineProperty(out, key, { value: decodeValue(obj[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** One document as one line of the `.jsonl` file (no trailing newline). */
export function encodeLine(doc: object): string {
  return JSON.stringify(encodeValue(doc));
}

export function decodeLine(line: string): Record<string, unknown> {
  const doc = decodeValue(JSON.parse(line));
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('a backup line must be a document');
  return doc as Record<string, unknown>;
}
