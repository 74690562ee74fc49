import type { IndexDecl } from '../../../shared/db/collections';
import { requestFailed } from './errors';
import { isPlainObject, showValue, valueKey, type Doc } from './values';

/**
 * In-memory secondary indexes, rebuilt at load. Two kinds:
 * - `FieldIndex` on the first field of every declared index, to pick query candidates without a full scan:
 *   a Map from value key to ids (equality, `$in`) plus a sorted list of the distinct values of each
 *   orderable type (ranges). MongoDB compares only within a type ("type bracketing"), and so does mingo,
 *   so numbers, strings and dates are kept in separate sorted lists.
 * - `UniqueIndex` for declared unique indexes, single or compound, a missing field counting as null.
 */

export type Bucket = 'n' | 's' | 'd';

/** A range bound of one type: `{ value, inclusive }`. */
export interface Bound {
  value: number | string;
  inclusive: boolean;
}

/** Distinct values kept sorted; binary-search splice is cheap enough at 100k distinct values. */
class SortedList<T extends number | string> {
  private values: T[] = [];

  /** Index of the first value >= v (or > v when `after`). */
  private search(v: T, after: boolean): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.values[mid];
      if (m < v || (after && m === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(v: T): void {
    const at = this.search(v, false);
    if (this.values[at] !== v) this.values.splice(at, 0, v);
  }

  remove(v: T): void {
    const at = this.search(v, false);
    if (this.values[at] === v) this.values.splice(at, 1);
  }

  reset(values: T[]): void {
    this.values = values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  *between(lo: Bound | undefined, hi: Bound | undefined): Generator<T> {
    const start = lo ? this.search(lo.value as T, !lo.inclusive) : 0;
    const end = hi ? this.search(hi.value as T, hi.inclusive) : this.values.length;
    for (let i = start; i < end; i++) yield this.values[i];
  }
}

/** The bucket and sortable form of a scalar, or undefined for values that are not range-indexed. */
export function orderable(v: unknown): { bucket: Bucket; value: number | string } | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : { bucket: 'n', value: v };
  if (typeof v === 'string') return { bucket: 's', value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { bucket: 'd', value: v.getTime() };
  return undefined;
}

/** Scalars an equality on an index may look up: mingo's equality on them is exactly key equality. */
export const isIndexableScalar = (v: unknown): boolean =>
  v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date;

const CROSSED = Symbol('path crosses an array');

/**
 * The ids under one value. Most values of a selective field belong to a single document, so a lone id is
 * stored as the string itself (a Set per value would triple the memory of a 100k-document index).
 */
type Ids = string | Set<string>;
const idsSize = (ids: Ids | undefined): number => (ids === undefined ? 0 : typeof ids === 'string' ? 1 : ids.size);

function addId<K>(map: Map<K, Ids>, key: K, id: string): boolean {
  const ids = map.get(key);
  if (ids === undefined) {
    map.set(key, id);
    return true;
  }
  if (typeof ids === 'string') {
    if (ids !== id) map.set(key, new Set([ids, id]));
  } else ids.add(id);
  return false;
}

/** Removes the id; true when the key has no ids left. */
function removeId<K>(map: Map<K, Ids>, key: K, id: string): boolean {
  const ids = map.get(key);
  if (ids === undefined) return false;
  if (typeof ids === 'string') {
    if (ids !== id) return false;
  } else {
    ids.delete(id);
    if (ids.size === 1) map.set(key, ids.values().next().value as string);
    if (ids.size > 0) return false;
  }
  map.delete(key);
  return true;
}

function collect(ids: Ids | undefined, out: Set<string>): void {
  if (ids === undefined) return;
  if (typeof ids === 'string') out.add(ids);
  else for (const id of ids) out.add(id);
}

/**
 * One orderable type: value → ids, plus the distinct values sorted for ranges. Numbers and dates are keyed
 * by number (no key strings on the load path), strings by themselves.
 */
class Slot<K extends number | string> {
  readonly map = new Map<K, Ids>();
  readonly sorted = new SortedList<K>();

  add(key: K, id: string, bulk: boolean): void {
    if (addId(this.map, key, id) && !bulk) this.sorted.insert(key);
  }

  remove(key: K, id: string, bulk: boolean): void {
    if (removeId(this.map, key, id) && !bulk) this.sorted.remove(key);
  }
}

export class FieldIndex {
  private readonly slots = { n: new Slot<number>(), s: new Slot<string>(), d: new Slot<number>() };
  /** Everything else (null/missing, booleans, NaN), by value key. */
  private readonly other = new Map<string, Ids>();
  /** Documents whose field is an array: `{$gt: 1, $lt: 3}` can match through two different elements. */
  private readonly arrayDocs = new Set<string>();
  /** Documents the path cannot be followed in (it crosses an array): always candidates. */
  private readonly unindexable = new Set<string>();
  private bulk = false;
  private readonly parts: string[];

  constructor(readonly path: string) {
    this.parts = path.split('.');
  }

  /** The value at the path; CROSSED when the path goes through an array (`a.b` with `a` an array). */
  private leaf(doc: Doc): unknown {
    let cur: unknown = doc;
    for (let i = 0; i < this.parts.length; i++) {
      if (Array.isArray(cur)) return CROSSED;
      if (cur === null || typeof cur !== 'object' || cur instanceof Date) return undefined;
      cur = (cur as Doc)[this.parts[i]];
    }
    return cur;
  }

  /** File (or unfile) one scalar under its type. */
  private scalar(v: unknown, id: string, add: boolean): void {
    const o = orderable(v);
    if (o) {
      const slot = this.slots[o.bucket] as Slot<number | string>;
      if (add) slot.add(o.value, id, this.bulk);
      else slot.remove(o.value, id, this.bulk);
    } else if (add) addId(this.other, valueKey(v), id);
    else removeId(this.other, valueKey(v), id);
  }

  /** File the document under its value, or under each element (and null) of an array value. */
  private file(id: string, doc: Doc, add: boolean): void {
    const value = this.leaf(doc);
    if (value === CROSSED || (Array.isArray(value) && value.some(Array.isArray))) {
      if (add) this.unindexable.add(id);
      else this.unindexable.delete(id);
      return;
    }
    if (!Array.isArray(value)) {
      this.scalar(value, id, add);
      return;
    }
    if (add) this.arrayDocs.add(id);
    else this.arrayDocs.delete(id);
    // An empty or null-holding array may match `null`: a superset is safe. Repeated elements are harmless
    // (filing an id twice under one value is a no-op, and so is unfiling it twice).
    this.scalar(null, id, add);
    for (const item of value) if (isIndexableScalar(item)) this.scalar(item, id, add);
  }

  add(id: string, doc: Doc): void {
    this.file(id, doc, true);
  }

  remove(id: string, doc: Doc): void {
    this.file(id, doc, false);
  }

  /** Loading or a large batch: skip sorted-list maintenance, sort once at the end. */
  beginBulk(): void {
    this.bulk = true;
  }

  endBulk(): void {
    this.bulk = false;
    for (const slot of Object.values(this.slots) as Array<Slot<number | string>>) slot.sorted.reset([...slot.map.keys()]);
  }

  private idsOf(v: unknown): Ids | undefined {
    const o = orderable(v);
    return o ? (this.slots[o.bucket] as Slot<number | string>).map.get(o.value) : this.other.get(valueKey(v));
  }

  /** How many candidates `equal(values)` would return, counting no further than `cap`. */
  equalCount(values: unknown[], cap: number): number {
    let n = this.unindexable.size;
    for (const v of values) {
      n += idsSize(this.idsOf(v));
      if (n > cap) break;
    }
    return n;
  }

  /** Candidate ids for `field == v` for each v (a superset of the matches). */
  equal(values: unknown[]): Set<string> {
    const out = new Set<string>(this.unindexable);
    for (const v of values) collect(this.idsOf(v), out);
    return out;
  }

  /** How many candidates `range(...)` would return, counting no further than `cap`. */
  rangeCount(bucket: Bucket, lo: Bound | undefined, hi: Bound | undefined, cap: number): number {
    const slot = this.slots[bucket] as Slot<number | string>;
    let n = this.unindexable.size + (lo && hi ? this.arrayDocs.size : 0);
    for (const v of slot.sorted.between(lo, hi)) {
      n += idsSize(slot.map.get(v));
      if (n > cap) break;
    }
    return n;
  }

  /** Candidate ids for a range within one type bucket (a superset of the matches). */
  range(bucket: Bucket, lo: Bound | undefined, hi: Bound | undefined): Set<string> {
    const slot = this.slots[bucket] as Slot<number | string>;
    const out = new Set<string>(this.unindexable);
    if (lo && hi) for (const id of this.arrayDocs) out.add(id);
    for (const v of slot.sorted.between(lo, hi)) collect(slot.map.get(v), out);
    return out;
  }
}

export class UniqueIndex {
  private readonly owners = new Map<string, string>();
  private readonly fields: string[];

  constructor(
    readonly collection: string,
    readonly decl: IndexDecl,
  ) {
    this.fields = decl.keys.map(([field]) => field);
  }

  private values(doc: Doc): unknown[] {
    return this.fields.map((f) => {
      let cur: unknown = doc;
      for (const part of f.split('.')) cur = isPlainObject(cur) ? cur[part] : undefined;
      return cur;
    });
  }

  keyOf(doc: Doc): string {
    const values = this.values(doc);
    return values.length === 1 ? valueKey(values[0]) : JSON.stringify(values.map(valueKey));
  }

  owner(key: string): string | undefined {
    return this.owners.get(key);
  }

  /** Returns false (and keeps the first owner) when the key is taken: only possible while loading old data. */
  add(id: string, doc: Doc): boolean {
    const key = this.keyOf(doc);
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== id) return false;
    this.owners.set(key, id);
    return true;
  }

  remove(id: string, doc: Doc): void {
    const key = this.keyOf(doc);
    if (this.owners.get(key) === id) this.owners.delete(key);
  }

  duplicateError(doc: Doc): Error {
    const values = this.values(doc);
    const shown = this.fields.map((f, i) => `${f}: ${showValue(values[i])}`).join(', ');
    return requestFailed(`E11000 duplicate key error collection: ${this.collection} index: ${this.decl.name} dup key: { ${shown} }`);
  }
}
