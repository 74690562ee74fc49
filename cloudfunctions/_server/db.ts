import type { CollectionName } from '@shared/db/collections';
import { db } from './cloud';

/** A declared collection (shared/db/collections.ts): a typo in a name is a compile error, not a runtime 502005. */
export const collection = (name: CollectionName) => db.collection(name);

/** A `$lookup` sub-pipeline. `$.pipeline()` exists at run time (@cloudbase/database) but not in wx-server-sdk's typings. */
export interface SubPipeline {
  match(query: object): SubPipeline;
  project(projection: object): SubPipeline;
  group(group: object): SubPipeline;
  lookup(lookup: object): SubPipeline;
  sort(order: Record<string, 1 | -1>): SubPipeline;
  limit(n: number): SubPipeline;
  done(): object[];
}
export const pipeline = (): SubPipeline => (db.command.aggregate as unknown as { pipeline(): SubPipeline }).pipeline();

/**
 * The SDK's typings answer `string | void | Result` (callback overloads); with promises the result is
 * always the object. These two helpers type the answers once instead of casting at every call.
 */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  return ((await query.get()) as { data: T[] }).data;
}

export async function updatedCount(write: unknown): Promise<number> {
  return ((await write) as { stats: { updated: number } }).stats.updated;
}

/**
 * One document by id, or undefined. wx-server-sdk's `doc(id).get()` throws when the document is missing,
 * so a missing id would look like a failure; a `where` on `_id` costs the same round trip and answers [].
 */
export async function getById<T>(name: CollectionName, id: string): Promise<T | undefined> {
  return (await rows<T>(collection(name).where({ _id: id }).limit(1)))[0];
}

/** CloudBase reports a unique-index violation as a database error carrying MongoDB's E11000 text. */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { errMsg?: string; message?: string } | undefined;
  return /E11000|duplicate key/i.test(`${e?.errMsg ?? ''} ${e?.message ?? ''}`);
}

/**
 * Insert documents whose ids make a retry harmless (audit events, outbox messages) in one round trip; when the
 * batch meets a duplicate (a retry), each document is inserted alone and the duplicates are skipped.
 */
export async function addIgnoringDuplicates(name: CollectionName, docs: object[]): Promise<void> {
  if (!docs.length) return;
  try {
    await collection(name).add({ data: docs.length === 1 ? docs[0] : docs });
    return;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    if (docs.length === 1) return;
  }
  for (const doc of docs) {
    try {
      await collection(name).add({ data: doc });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
