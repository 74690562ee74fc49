import { Aggregator } from 'mingo';
import { resolve } from 'mingo/util';
import { GatewayError } from '../types';
import { invalidParam, requestFailed } from './errors';
import { compileQuery, MINGO_OPTIONS, assertNoGeo } from './query';
import { candidates } from './query-plan';
import type { Collection, Store } from './store';
import { cloneDoc, isPlainObject, type Doc } from './values';

/**
 * Aggregation through mingo. A leading `$match` is answered with the indexes first. Several mingo stages
 * modify their input documents in place ($unwind, dotted $addFields, …) while stored documents must stay
 * immutable, so the input is copied unless the documents are reshaped ($group, …) before any stage that
 * could touch them.
 */

/** Stages that pass documents through unchanged and never write into them. */
const PASS_THROUGH = new Set(['$match', '$sort', '$skip', '$limit', '$sample']);
/** Stages whose output documents are new objects built from values, not the input documents. */
const RESHAPING = new Set(['$group', '$bucket', '$bucketAuto', '$count', '$sortByCount']);
/** Stages that write elsewhere or need a feature the local cloud does not have. */
const REFUSED: Record<string, string> = {
  $out: 'writes to another collection',
  $merge: 'writes to another collection',
  $geoNear: 'is a geo query',
};

export function aggregate(store: Store, coll: Collection, pipeline: Doc[]): Doc[] {
  for (const stage of pipeline) {
    const keys = Object.keys(stage);
    if (keys.length !== 1) throw invalidParam('each aggregation stage must have exactly one operator');
    if (keys[0] === '$geoNear') assertNoGeo({ $geoNear: true });
    if (REFUSED[keys[0]]) throw requestFailed(`aggregation stage ${keys[0]} ${REFUSED[keys[0]]} and is not supported by the local cloud`);
    assertNoGeo(stage);
  }
  try {
    return run(store, coll, pipeline.map((stage) => nullSafeDates(stage) as Doc));
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw requestFailed(error instanceof Error ? error.message : String(error));
  }
}

/** A pipeline (already null-safe) over a collection, or over nothing when the collection does not exist. */
function run(store: Store, coll: Collection | undefined, pipeline: Doc[]): Doc[] {
  let stages = pipeline;
  let source: Doc[];
  const first = stages[0];
  if (first && isPlainObject(first.$match)) {
    const matcher = compileQuery(first.$match);
    source = [];
    if (coll) for (const doc of candidates(coll, first.$match)) if (matcher.test(doc)) source.push(doc);
    stages = stages.slice(1);
  } else {
    source = coll?.docs() ?? [];
  }

  // Leading stages that only pick, order or project documents run on the stored documents themselves (they
  // never write into them; `$project` builds new documents), so a `$limit` or a projection bounds what has to
  // be copied below. A projection's output may still share nested values with stored documents: it is
  // copied like them when a later stage could write into it.
  let lead = 0;
  while (lead < stages.length && READ_ONLY.has(Object.keys(stages[lead])[0])) lead++;
  if (lead > 0) {
    source = new Aggregator(stages.slice(0, lead), MINGO_OPTIONS).run(source) as Doc[];
    stages = stages.slice(lead);
  }

  const copy = needsCopy(stages);
  if (copy) source = source.map(cloneDoc);
  const resolveCollection = (name: string): Doc[] => {
    const foreign = store.get(name)?.docs() ?? [];
    return copy ? foreign.map(cloneDoc) : foreign;
  };
  let docs = source;
  for (const step of steps(store, stages, copy)) {
    docs = 'run' in step ? step.run(docs) : (new Aggregator(step.stages, { ...MINGO_OPTIONS, collectionResolver: resolveCollection }).run(docs) as Doc[]);
  }
  return docs;
}

/** Stages that never write into their input documents. */
const READ_ONLY = new Set(['$match', '$sort', '$skip', '$limit', '$project']);

/**
 * An uncorrelated `$lookup` (`from` + `pipeline`, no `let`, no `localField`) has the same answer for every
 * input document, so its pipeline runs once, over the foreign collection with its indexes as the cloud
 * database does, instead of once per document over every foreign document (mingo's way).
 */
function uncorrelatedLookup(stage: Doc): { from: string; as: string; pipeline: Doc[] } | undefined {
  const lookup = stage.$lookup;
  if (!isPlainObject(lookup) || typeof lookup.from !== 'string' || typeof lookup.as !== 'string') return undefined;
  if (lookup.let !== undefined || lookup.localField !== undefined || !Array.isArray(lookup.pipeline)) return undefined;
  if (!lookup.pipeline.every(isPlainObject)) return undefined;
  return { from: lookup.from, as: lookup.as, pipeline: lookup.pipeline as Doc[] };
}

/** A `$lookup` by `localField` = `foreignField` (no sub-pipeline). */
function equalityJoin(stage: Doc): { from: string; localField: string; foreignField: string } | undefined {
  const lookup = stage.$lookup;
  if (!isPlainObject(lookup) || typeof lookup.from !== 'string' || lookup.pipeline !== undefined || lookup.let !== undefined) return undefined;
  if (typeof lookup.localField !== 'string' || typeof lookup.foreignField !== 'string') return undefined;
  return { from: lookup.from, localField: lookup.localField, foreignField: lookup.foreignField };
}

/** Every value the documents hold at a path, through arrays; a missing value is null (it joins null and missing). */
function localValues(docs: Doc[], path: string): unknown[] {
  const values: unknown[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(add);
    else values.push(v ?? null);
  };
  for (const doc of docs) add(resolve(doc, path));
  return values;
}

const NO_BUCKET = '\u0000localcloud:no-bucket';

type Step = { stages: Doc[] } | { run: (docs: Doc[]) => Doc[] };

/**
 * mingo differs from MongoDB in three stages the SDK exposes: `$bucket` also emits empty buckets,
 * `$count` emits `{count: 0}` for no input (MongoDB emits nothing), and `$sample` draws with replacement
 * (duplicates, and `undefined` items from a short input). `$bucket` and `$count` are rewritten into
 * `$group`, which behaves like MongoDB; `$sample` runs here. A `$bucket` without `default` must fail on
 * an out-of-range value, so its output is checked before the pipeline goes on.
 */
function steps(store: Store, stages: Doc[], copy: boolean): Step[] {
  const out: Step[] = [];
  const mingoStages = (): Doc[] => {
    const last = out[out.length - 1];
    if (last && 'stages' in last) return last.stages;
    const next = { stages: [] as Doc[] };
    out.push(next);
    return next.stages;
  };
  for (const stage of stages) {
    const lookup = uncorrelatedLookup(stage);
    const join = equalityJoin(stage);
    if (join) {
      // mingo joins against the whole foreign collection; hand it only the documents the foreign field's
      // index finds for the local values (a superset: mingo still decides every match).
      out.push({
        run: (docs) => {
          const foreign = store.get(join.from);
          const found = foreign && docs.length ? [...candidates(foreign, { [join.foreignField]: { $in: localValues(docs, join.localField) } })] : [];
          const joined = copy ? found.map(cloneDoc) : found;
          return new Aggregator([stage], { ...MINGO_OPTIONS, collectionResolver: () => joined }).run(docs) as Doc[];
        },
      });
    } else if (lookup) {
      let found: Doc[] | undefined;
      out.push({
        run: (docs) =>
          docs.map((doc) => {
            found ??= run(store, store.get(lookup.from), lookup.pipeline);
            // Stages after this one may write into the joined documents when the outer ones are copies.
            return { ...doc, [lookup.as]: copy ? found.map(cloneDoc) : found };
          }),
      });
    } else if (typeof stage.$count === 'string') {
      mingoStages().push({ $group: { _id: null, [stage.$count]: { $sum: 1 } } }, { $project: { _id: 0 } });
    } else if (isPlainObject(stage.$sample)) {
      const size = Number(stage.$sample.size);
      if (!Number.isInteger(size) || size < 0) throw invalidParam('$sample size must be a non-negative integer');
      out.push({ run: (docs) => sample(docs, size) });
    } else if (isPlainObject(stage.$bucket)) {
      const { groupBy, boundaries, default: fallback, output } = stage.$bucket as Doc;
      if (!Array.isArray(boundaries) || boundaries.length < 2) throw invalidParam('$bucket needs at least two boundaries');
      const branches = boundaries.slice(0, -1).map((lower, i) => ({
        case: { $and: [{ $gte: [groupBy, lower] }, { $lt: [groupBy, boundaries[i + 1]] }] },
        then: lower,
      }));
      const bucketId = { $switch: { branches, default: fallback === undefined ? NO_BUCKET : fallback } };
      const accumulators = isPlainObject(output) ? output : { count: { $sum: 1 } };
      mingoStages().push({ $group: { _id: bucketId, ...accumulators } }, { $sort: { _id: 1 } });
      if (fallback === undefined) {
        out.push({
          run: (docs) => {
            if (docs.some((d) => d._id === NO_BUCKET)) throw new Error('$bucket could not find a matching branch for an input, and no default was specified.');
            return docs;
          },
        });
      }
    } else {
      mingoStages().push(stage);
    }
  }
  return out;
}

/** `size` distinct documents in random order (all of them if there are fewer), as MongoDB does. */
function sample(docs: Doc[], size: number): Doc[] {
  const pool = docs.slice();
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

function needsCopy(stages: Doc[]): boolean {
  for (const stage of stages) {
    const op = Object.keys(stage)[0];
    if (RESHAPING.has(op)) return false;
    if (!PASS_THROUGH.has(op)) return true;
  }
  return false;
}

const DATE_PARTS = new Set(['$year', '$month', '$dayOfMonth', '$hour', '$minute', '$second', '$millisecond', '$dayOfWeek', '$dayOfYear', '$week', '$isoWeek', '$isoWeekYear', '$isoDayOfWeek']);

/**
 * MongoDB's date-part operators answer null for a null or missing date; mingo throws. Each one is wrapped
 * in `$cond` so a document without the field does not fail the whole aggregation.
 */
function nullSafeDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullSafeDates);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$literal') return value;
  if (keys.length === 1 && DATE_PARTS.has(keys[0])) {
    const arg = nullSafeDates(value[keys[0]]);
    const date = isPlainObject(arg) && 'date' in arg ? arg.date : Array.isArray(arg) && arg.length === 1 ? arg[0] : arg;
    return { $cond: [{ $eq: [{ $ifNull: [date, null] }, null] }, null, { [keys[0]]: arg }] };
  }
  return Object.fromEntries(keys.map((k) => [k, nullSafeDates(value[k])]));
}
