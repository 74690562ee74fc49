import { update as mingoUpdate } from 'mingo';
import { invalidParam, requestFailed } from './errors';
import { MINGO_OPTIONS } from './query';
import { cloneDoc, getPath, isPlainObject, showValue, type Doc } from './values';

/**
 * Update semantics. mingo applies the operators (including dotted paths with array positions like
 * `arr.1.a` and `$push` with `$each/$position/$slice/$sort`); this module adds what MongoDB (and so
 * CloudBase) enforces and mingo silently skips: `_id` is immutable, `$inc` needs a number, array
 * operators need an array.
 */

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
const SUPPORTED = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate']);

/** Whether `data` is an operator update (`{$set: …}`) rather than plain fields. */
export const isOperatorUpdate = (data: Doc): boolean => Object.keys(data).some((k) => k.startsWith('$'));

/**
 * A new document: `doc` with the operators applied (the stored object is left untouched).
 * Plain fields without operators merge like `$set`, which is what CloudBase does with `merge: true`.
 */
export function applyUpdate(doc: Doc, data: Doc, now: Date): Doc {
  const modifier = normalizeModifier(data, now);
  validate(doc, modifier);
  const next = cloneDoc(doc);
  try {
    mingoUpdate(next, modifier, undefined, undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
  } catch (error) {
    throw requestFailed(error instanceof Error ? error.message : String(error));
  }
  return next;
}

/** `doc(id).set(data)`: the whole document replaced, `_id` kept first. */
export function replaceDocument(id: unknown, data: Doc): Doc {
  if (isOperatorUpdate(data)) throw invalidParam('a replacement document (set) cannot contain update operators');
  const { _id: _ignored, ...rest } = data;
  return { _id: id, ...cloneDoc(rest) };
}

function normalizeModifier(data: Doc, now: Date): Doc {
  if (!isOperatorUpdate(data)) return Object.keys(data).length ? { $set: data } : {};
  const modifier: Doc = { ...data };
  for (const op of Object.keys(modifier)) {
    if (!SUPPORTED.has(op)) throw requestFailed(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    if (!isPlainObject(modifier[op])) throw requestFailed(`Modifiers operate on fields but we found type ${typeof modifier[op]} instead: {${op}: ${showValue(modifier[op])}}`);
  }
  // `$currentDate` must read the local cloud's clock, not the machine's: rewrite it as `$set`.
  if (modifier.$currentDate) {
    const set: Doc = { ...((modifier.$set as Doc) ?? {}) };
    for (const field of Object.keys(modifier.$currentDate as Doc)) set[field] = now;
    modifier.$set = set;
    delete modifier.$currentDate;
  }
  return modifier;
}

function validate(doc: Doc, modifier: Doc): void {
  const idText = `{_id: ${showValue(doc._id)}}`;
  for (const [op, fields] of Object.entries(modifier)) {
    for (const [path, arg] of Object.entries(fields as Doc)) {
      if (path === '_id' || path.startsWith('_id.') || (op === '$rename' && arg === '_id')) {
        throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
      }
      const current = getPath(doc, path);
      if (NUMERIC_OPS.has(op)) {
        if (typeof arg !== 'number') throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${showValue(arg)}}`);
        if (current !== undefined && current !== null && typeof current !== 'number') {
          throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${path}' of non-numeric type ${typeName(current)}`);
        }
      }
      if (ARRAY_OPS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw requestFailed(`The field '${path}' must be an array but is of type ${typeName(current)} in document ${idText}`);
      }
    }
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * The document an update with `upsert: true` creates when nothing matched: the query's equality
 * conditions, then the operators, as MongoDB does.
 */
export function upsertSeed(query: Doc): Doc {
  const seed: Doc = {};
  for (const [path, cond] of Object.entries(query)) {
    if (path.startsWith('$')) continue;
    const value = isPlainObject(cond) && Object.keys(cond).every((k) => k.startsWith('$')) ? ('$eq' in cond ? cond.$eq : undefined) : cond;
    if (value === undefined || value instanceof RegExp) continue;
    setPath(seed, path, cloneDoc(value));
  }
  return seed;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}
