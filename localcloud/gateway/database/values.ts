/** Small helpers over stored values shared by the store, the indexes and the update code. */

export type Doc = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

/**
 * The Map key of a document id. Ids are strings almost always; `doc(1)` is allowed by the SDK, so other
 * types get a tagged key that cannot collide with a string id.
 */
export function idKey(id: unknown): string {
  return typeof id === 'string' ? id : `\u0001${valueKey(id)}`;
}

/**
 * A canonical string for a value, equal for values MongoDB considers equal in an index
 * (1 and 1.0, two Dates with the same time). Missing and null share the key `null`, as in a MongoDB index.
 */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'number':
      return `n:${v}`;
    case 'string':
      return `s:${v}`;
    case 'boolean':
      return `b:${v}`;
    case 'bigint':
      return `n:${v}`;
    default:
      break;
  }
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (v instanceof RegExp) return `r:${String(v)}`;
  if (Array.isArray(v)) return `a:${JSON.stringify(v.map(valueKey))}`;
  return `o:${JSON.stringify(Object.keys(v as object).map((k) => [k, valueKey((v as Doc)[k])]))}`;
}

/** Read a dotted path through objects and numeric array positions (`arr.1.a`); undefined if absent. */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((item, i) => deepEqual(item, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Doc)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Doc)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Doc)[k], (b as Doc)[k]));
}

/** Stored documents are never mutated (transactions read old versions); writes work on a deep copy. */
export const cloneDoc = <T>(doc: T): T => structuredClone(doc);

/** How a value is shown in an error message, close to the mongo shell (`"x"`, `new Date(5)`, `null`). */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof RegExp) return String(v);
  if (Array.isArray(v)) return `[ ${v.map(showValue).join(', ')} ]`;
  if (typeof v === 'object') return `{ ${Object.entries(v as Doc).map(([k, x]) => `${k}: ${showValue(x)}`).join(', ')} }`;
  return String(v);
}
