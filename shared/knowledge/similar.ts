/**
 * Similar closed cases (DOMAIN.md "Knowledge"): BM25 over the jieba terms of complaint texts, served from an
 * inverted index kept in the database (collection `caseTerms`, one document per subcategory and term holding a
 * capped posting list). Pure: the functions read and write the documents, this module decides what goes in them
 * and how a lookup ranks what it reads back.
 */
import { termCounts } from '../text/terms';

/** One case in a term's posting list: [caseId, term frequency, case length in terms, resolved at (ms), archived 0|1]. */
export type Posting = [caseId: string, tf: number, len: number, at: number, archived: 0 | 1];

/** A document of `caseTerms`: `_id` = `caseTermId(subcategory, term)`. */
export interface CaseTermDoc {
  _id: string;
  subcategory: string;
  term: string;
  /** Cases ever indexed with this term (the posting list is capped, the document frequency is not). */
  df: number;
  /**
   * The posting list as one string (`encodePostings`): the database and the SDK copy and serialise one value
   * instead of hundreds of small arrays — at 100,000 cases that was most of a lookup's time.
   */
  postings: string;
  /** Optimistic concurrency for the read-merge-write of the indexer. */
  v: number;
}

/** A term's decoded posting list, as scoring reads it. */
export interface TermPostings {
  term: string;
  df: number;
  postings: Posting[];
}

/** `id,tf,len,at(base 36),archived` joined by `;` (ids are CloudBase ids: letters, digits, `-` and `_`). */
export function encodePostings(postings: readonly Posting[]): string {
  return postings.map(([id, tf, len, at, a]) => `${id},${tf},${len},${at.toString(36)},${a}`).join(';');
}

export function decodePostings(encoded: string | undefined): Posting[] {
  if (!encoded) return [];
  return encoded.split(';').map((p) => {
    const [id = '', tf, len, at, a] = p.split(',');
    return [id, Number(tf), Number(len), parseInt(at ?? '0', 36), a === '1' ? 1 : 0];
  });
}

/** Whether an id can go into an encoded posting list. */
export const encodableId = (id: string): boolean => !/[,;]/.test(id);

/** Per-subcategory figures for IDF and length normalisation: `_id` = `caseStatId(subcategory)`. */
export interface CaseStatDoc {
  _id: string;
  subcategory: string;
  /** Indexed cases. */
  n: number;
  /** Sum of their lengths (terms). */
  totalLen: number;
}

/**
 * Bounds. A term's posting list keeps at most POSTING_CAP cases (archived first, then the most recent): 300
 * postings is ~9 KB a document, and a lookup reads ~20 of them; older cases of a very common term
 * matter least (BM25 gives that term little weight anyway). A case contributes at most CASE_TERMS distinct terms,
 * so indexing one case costs a bounded number of document writes; a query uses at most QUERY_TERMS terms.
 */
export const POSTING_CAP = 300;
export const CASE_TERMS = 40;
export const QUERY_TERMS = 24;
/** Below this many indexed cases in the subcategory, the lookup widens to the whole category. */
export const MIN_SUBCATEGORY_CASES = 30;

export const caseTermId = (subcategory: string, term: string): string => `${subcategory}:${term}`;
export const caseStatId = (subcategory: string): string => `stat:${subcategory}`;

/** The distinct terms a text contributes (most frequent first, then in order of appearance) and its length. */
export function caseTerms(terms: readonly string[], max = CASE_TERMS): { tf: Map<string, number>; len: number } {
  const counts = [...termCounts(terms)];
  // Stable sort keeps the order of appearance among equal counts.
  counts.sort((a, b) => b[1] - a[1]);
  return { tf: new Map(counts.slice(0, max)), len: terms.length };
}

/**
 * A term's posting list after (re)indexing some cases: their old entries are replaced (so a retry, an automatic
 * close after the resolve, or a re-resolve after reopening never counts a case twice), `remove` drops cases
 * (a case moved to another subcategory), and the list is cut to `cap`, keeping archived cases, then the newest.
 * `added` is how many of the cases were not listed before (for the document frequency).
 */
export function mergePostings(existing: readonly Posting[], add: readonly Posting[], remove: ReadonlySet<string> = new Set(), cap = POSTING_CAP): { postings: Posting[]; added: number } {
  const replaced = new Set(add.map((p) => p[0]));
  const kept = existing.filter((p) => !replaced.has(p[0]) && !remove.has(p[0]));
  const before = new Set(existing.map((p) => p[0]));
  const added = add.filter((p) => !before.has(p[0])).length;
  let postings = [...kept, ...add];
  if (postings.length > cap) postings = [...postings].sort((a, b) => b[4] - a[4] || b[3] - a[3]).slice(0, cap);
  return { postings, added };
}

export interface ScoredCase {
  caseId: string;
  score: number;
  /** Query terms this case shares, best-weighted first (shown to the agent as the reason). */
  matched: string[];
  archived: boolean;
}

export interface Bm25Params {
  k1: number;
  b: number;
}
const BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/**
 * BM25 scores of the cases listed under the query's terms. `docs` may span several subcategories (the category
 * fallback): the document frequencies of one term add up across them, as do the case counts in `stats`.
 */
export function scoreCases(queryTerms: readonly string[], docs: readonly TermPostings[], stats: { n: number; totalLen: number }, exclude: ReadonlySet<string> = new Set(), params: Bm25Params = BM25): ScoredCase[] {
  const qtf = termCounts(queryTerms);
  const df = new Map<string, number>();
  for (const d of docs) df.set(d.term, (df.get(d.term) ?? 0) + Math.max(d.df, d.postings.length));
  const n = Math.max(stats.n, ...df.values(), 1);
  const avgLen = stats.n > 0 && stats.totalLen > 0 ? stats.totalLen / stats.n : 10;
  const acc = new Map<string, { score: number; terms: Array<[string, number]>; archived: boolean }>();
  for (const d of docs) {
    const q = qtf.get(d.term);
    if (!q) continue;
    const f = df.get(d.term) ?? 1;
    const idf = Math.log(1 + (n - f + 0.5) / (f + 0.5));
    for (const [caseId, tf, len, , archived] of d.postings) {
      if (exclude.has(caseId)) continue;
      const w = (idf * tf * (params.k1 + 1)) / (tf + params.k1 * (1 - params.b + (params.b * len) / avgLen));
      // A repeated query word counts a little more, never linearly (one long rant should not drown the rest).
      const s = w * (1 + Math.log(q));
      const a = acc.get(caseId) ?? { score: 0, terms: [], archived: false };
      a.score += s;
      a.terms.push([d.term, s]);
      a.archived ||= archived === 1;
      acc.set(caseId, a);
    }
  }
  return [...acc].map(([caseId, a]) => ({
    caseId,
    score: a.score,
    matched: [...new Set(a.terms.sort((x, y) => y[1] - x[1]).map(([t]) => t))],
    archived: a.archived,
  }));
}

/** The best `k` by score (ties: the later id, i.e. usually the newer ticket), without sorting everything. */
export function topCases(scored: readonly ScoredCase[], k: number): ScoredCase[] {
  return [...scored].sort((a, b) => b.score - a.score || (a.caseId < b.caseId ? 1 : -1)).slice(0, k);
}

/**
 * What the outcome adds to the text match: an exemplary case from the archive and a well-rated one rank a little
 * higher, a badly rated one a little lower — small factors, so the text decides and the outcome breaks near-ties.
 */
export function outcomeBoost(o: { archived: boolean; stars?: number }): number {
  let f = 1;
  if (o.archived) f *= 1.2;
  if (o.stars !== undefined) f *= o.stars >= 4 ? 1.1 : o.stars <= 2 ? 0.9 : 1;
  return f;
}

/** The query's terms for a lookup: distinct, most frequent first, at most QUERY_TERMS. */
export function queryTerms(terms: readonly string[], max = QUERY_TERMS): string[] {
  return [...caseTerms(terms, max).tf.keys()];
}

const DONE = new Set(['resolved', 'closed']);
export const isClosedCase = (status: string): boolean => DONE.has(status);

/**
 * Whether a change puts the ticket in the similar-case indexer's queue: it became resolved or closed (its text
 * joins the index), it left those states (reopened: its postings go), or its archive mark changed while done
 * (the mark keeps it in capped lists). Re-queuing is harmless: indexing replaces the ticket's postings.
 */
export function needsCaseIndex(before: { status: string; archivedAt?: Date }, after: { status: string; archivedAt?: Date }): boolean {
  const was = isClosedCase(before.status);
  const is = isClosedCase(after.status);
  if (was !== is) return true;
  return is && (before.archivedAt?.getTime() ?? 0) !== (after.archivedAt?.getTime() ?? 0);
}

export interface CaseToIndex {
  caseId: string;
  subcategory: string;
  terms: readonly string[];
  /** Resolved at (ms). */
  at: number;
  archived: boolean;
}

/**
 * The whole index for a set of cases at once — what the indexer would build case by case (same caps, same
 * retention), in one pass: for loading large synthetic case sets (benchmarks) straight into the database.
 */
export function buildCaseIndex(cases: readonly CaseToIndex[]): { termDocs: CaseTermDoc[]; statDocs: CaseStatDoc[]; records: Map<string, { subcategory: string; terms: string[]; len: number }> } {
  const lists = new Map<string, { subcategory: string; term: string; postings: Posting[] }>();
  const stats = new Map<string, CaseStatDoc>();
  const records = new Map<string, { subcategory: string; terms: string[]; len: number }>();
  for (const c of cases) {
    const { tf, len } = caseTerms(c.terms);
    if (!tf.size) continue;
    for (const [term, f] of tf) {
      const id = caseTermId(c.subcategory, term);
      let l = lists.get(id);
      if (!l) lists.set(id, (l = { subcategory: c.subcategory, term, postings: [] }));
      l.postings.push([c.caseId, f, len, c.at, c.archived ? 1 : 0]);
    }
    const s = stats.get(c.subcategory) ?? { _id: caseStatId(c.subcategory), subcategory: c.subcategory, n: 0, totalLen: 0 };
    stats.set(c.subcategory, { ...s, n: s.n + 1, totalLen: s.totalLen + len });
    records.set(c.caseId, { subcategory: c.subcategory, terms: [...tf.keys()], len });
  }
  const termDocs = [...lists].map(([_id, l]) => ({ _id, subcategory: l.subcategory, term: l.term, df: l.postings.length, postings: encodePostings(mergePostings([], l.postings).postings), v: 1 }));
  return { termDocs, statDocs: [...stats.values()], records };
}
