import { isIndexableScalar, orderable, type Bound, type FieldIndex } from './indexes';
import type { Collection } from './store';
import { idKey, isPlainObject, type Doc } from './values';

/**
 * Picks the documents mingo has to look at. A query's top-level conditions (and those inside a top-level
 * `$and`) are ANDed, so the ids that satisfy any ONE of them are a superset of the result: the planner
 * asks every usable index (`_id`, the first field of each declared index) how many candidates it has,
 * counting no further than the best so far, and materialises only the smallest set.
 * Usable: equality to a scalar, `$eq`, `$in` of scalars, and `$gt/$gte/$lt/$lte` on numbers, strings or
 * dates. Candidates come back in natural order (unless `ordered` is false, for counting), so an index
 * never changes the result or its order.
 */
export function candidates(coll: Collection, query: Doc, ordered = true): Iterable<Doc> {
  let best: Access | undefined;
  let bestCount = Infinity;
  for (const [path, cond] of topLevelConditions(query)) {
    const access = path === '_id' ? idAccess(cond) : indexAccess(coll.fieldIndexes.get(path), cond);
    if (!access) continue;
    const n = access.count(bestCount);
    if (n < bestCount) {
      best = access;
      bestCount = n;
    }
    if (bestCount === 0) break;
  }
  // Gathering and ordering most of the collection costs more than scanning it.
  if (!best || bestCount * 3 > coll.entries.size) return coll.scan();
  const entries = [];
  for (const id of best.ids()) {
    const entry = coll.entries.get(id);
    if (entry) entries.push(entry);
  }
  if (ordered) entries.sort((a, b) => a.ord - b.ord);
  return entries.map((e) => e.doc);
}

/** One way to get candidates: its size (counted up to a cap) and the ids. */
interface Access {
  count(cap: number): number;
  ids(): Iterable<string>;
}

/** `[path, condition]` pairs that must all hold. */
function topLevelConditions(query: Doc): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (isPlainObject(part)) out.push(...topLevelConditions(part));
    } else if (!key.startsWith('$')) {
      out.push([key, cond]);
    }
  }
  return out;
}

const isOperatorObject = (cond: unknown): cond is Record<string, unknown> =>
  isPlainObject(cond) && Object.keys(cond).length > 0 && Object.keys(cond).every((k) => k.startsWith('$'));

/** Equality values the condition requires one of, or undefined if it is not a plain equality / `$in`. */
function equalityValues(cond: unknown): unknown[] | undefined {
  if (isIndexableScalar(cond)) return [cond];
  if (!isOperatorObject(cond)) return undefined;
  if ('$eq' in cond && isIndexableScalar(cond.$eq)) return [cond.$eq];
  if (Array.isArray(cond.$in) && cond.$in.every(isIndexableScalar)) return cond.$in;
  return undefined;
}

function idAccess(cond: unknown): Access | undefined {
  const values = equalityValues(cond);
  if (!values) return undefined;
  const ids = new Set(values.filter((v) => v !== null).map(idKey));
  return { count: () => ids.size, ids: () => ids };
}

function indexAccess(index: FieldIndex | undefined, cond: unknown): Access | undefined {
  if (!index) return undefined;
  const values = equalityValues(cond);
  if (values) return { count: (cap) => index.equalCount(values, cap), ids: () => index.equal(values) };
  if (!isOperatorObject(cond)) return undefined;
  // A range: bounds of the type of the first orderable bound (mingo compares only within a type).
  let bucket: 'n' | 's' | 'd' | undefined;
  let lo: Bound | undefined;
  let hi: Bound | undefined;
  for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) {
    if (!(op in cond)) continue;
    const o = orderable(cond[op]);
    if (!o || (bucket && o.bucket !== bucket)) continue;
    bucket = o.bucket;
    const bound = { value: o.value, inclusive: op.endsWith('e') };
    if (op.startsWith('$g')) lo = tighter(lo, bound, 1);
    else hi = tighter(hi, bound, -1);
  }
  if (!bucket) return undefined;
  const b = bucket;
  return { count: (cap) => index.rangeCount(b, lo, hi, cap), ids: () => index.range(b, lo, hi) };
}

/** Of two bounds on the same side, the more restrictive one (dir 1: lower bounds, -1: upper bounds). */
function tighter(cur: Bound | undefined, next: Bound, dir: 1 | -1): Bound {
  if (!cur) return next;
  if (cur.value === next.value) return { value: cur.value, inclusive: cur.inclusive && next.inclusive };
  return (next.value > cur.value) === (dir === 1) ? next : cur;
}
