import { Query } from 'mingo';
import type { Options } from 'mingo/types';
import { compare, resolve } from 'mingo/util';
import { geoUnsupported, invalidParam } from './errors';
import { candidates } from './query-plan';
import type { Collection } from './store';
import { cloneDoc, isPlainObject, type Doc } from './values';

/** mingo settings shared by queries, updates and aggregations. CloudBase has no `$where` / `$function`. */
export const MINGO_OPTIONS: Partial<Options> = { idKey: '_id', scriptEnabled: false, useStrictMode: true };

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  order?: SortSpec;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

const GEO_OPERATORS = new Set(['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$geoNear']);

/** mingo has no geo operators: answer a clear error instead of mingo's "unknown operator" or a wrong result. */
export function assertNoGeo(value: unknown): void {
  if (Array.isArray(value)) value.forEach(assertNoGeo);
  else if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (GEO_OPERATORS.has(key)) throw geoUnsupported(key);
      assertNoGeo(v);
    }
  }
}

export function compileQuery(query: Doc): Query {
  assertNoGeo(query);
  return new Query(query, MINGO_OPTIONS);
}

/**
 * Matching documents (stored objects, not copies) in natural order or `order`, then offset/limit/projection.
 * The loop is ours, not mingo's cursor: it stops at offset+limit when there is no order, and mingo's
 * `$sort` costs ~20 ms per 1,000 documents, so sorting uses mingo's comparator on precomputed keys.
 */
export function findDocs(coll: Collection, query: Doc, opts: FindOptions = {}): Doc[] {
  const matcher = compileQuery(query);
  const order = opts.order && Object.keys(opts.order).length ? opts.order : undefined;
  const offset = opts.offset ?? 0;
  const stopAt = !order && opts.limit !== undefined ? offset + opts.limit : Infinity;
  let docs: Doc[] = [];
  for (const doc of candidates(coll, query)) {
    if (!matcher.test(doc)) continue;
    docs.push(doc);
    if (docs.length >= stopAt) break;
  }
  if (order) docs = sortDocs(docs, order);
  if (offset || opts.limit !== undefined) docs = docs.slice(offset, opts.limit === undefined ? undefined : offset + opts.limit);
  return opts.projection && Object.keys(opts.projection).length ? project(docs, opts.projection) : docs;
}

/**
 * mingo's `$sort` order (its `compare` on each resolved key, descending = reversed, ties in input order),
 * computed as one stable sort over keys resolved once per document.
 */
export function sortDocs(docs: Doc[], order: SortSpec): Doc[] {
  const fields = Object.keys(order);
  const dirs = fields.map((f) => (order[f] === -1 ? -1 : 1));
  const keyed = docs.map((doc) => ({ doc, keys: fields.map((f) => resolve(doc, f)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compare(a.keys[i], b.keys[i]);
      if (c !== 0) return c * dirs[i];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

export function countDocs(coll: Collection, query: Doc): number {
  const matcher = compileQuery(query);
  let n = 0;
  for (const doc of candidates(coll, query, false)) if (matcher.test(doc)) n++;
  return n;
}

/**
 * Projection through mingo. The SDK lets `field({a: false, 'b.c': true})` through, which MongoDB rejects;
 * here inclusion wins and the excluded paths are then removed, so the call does what it plainly asks.
 */
export function project(docs: Doc[], projection: Doc): Doc[] {
  const include: Doc = {};
  const exclude: string[] = [];
  for (const [key, v] of Object.entries(projection)) {
    if (isPlainObject(v)) include[key] = v; // $slice, $elemMatch
    else if (v === 0 || v === false) {
      if (key === '_id') include._id = 0;
      else exclude.push(key);
    } else include[key] = 1;
  }
  const inclusive = Object.entries(include).some(([k, v]) => k !== '_id' && v !== 0);
  if (!inclusive || exclude.length === 0) return new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all();
  const projected = new Query({}, MINGO_OPTIONS).find<Doc>(docs, include).all().map(cloneDoc);
  for (const doc of projected) for (const path of exclude) removePath(doc, path);
  return projected;
}

function removePath(doc: Doc, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur)) return;
    cur = cur[part];
  }
  if (isPlainObject(cur)) delete cur[parts[parts.length - 1]];
}

/** `order` as the SDK sends it (`{"a":-1}`), or the older `[{field, direction}]` form. */
export function normalizeOrder(order: unknown): SortSpec | undefined {
  if (order === undefined || order === null || order === '') return undefined;
  const out: SortSpec = {};
  if (Array.isArray(order)) {
    for (const item of order as Array<{ field?: unknown; direction?: unknown }>) {
      if (typeof item?.field !== 'string') throw invalidParam('order items need a field');
      out[item.field] = item.direction === 'desc' || item.direction === -1 ? -1 : 1;
    }
    return out;
  }
  if (!isPlainObject(order)) throw invalidParam('order must be an object');
  for (const [field, dir] of Object.entries(order)) out[field] = dir === -1 || dir === 'desc' ? -1 : 1;
  return out;
}
