import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../shared/classifier/normalize';
import { textTerms } from '../../cloudfunctions/_server/segment';
import {
  buildCaseIndex,
  caseTermId,
  caseTerms,
  mergePostings,
  needsCaseIndex,
  outcomeBoost,
  queryTerms,
  scoreCases,
  topCases,
  type TermPostings,
  encodePostings,
  decodePostings,
  type Posting,
} from '../../shared/knowledge/similar';

interface Labelled {
  id: string;
  text: string;
  subcategory: string;
}

const labelled: Labelled[] = fs
  .readFileSync(path.resolve(__dirname, '../../../shared/data/complaints/labels-dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Labelled);

// Every other labelled text is a closed case; the rest are the new complaints looked up against them.
const cases = labelled.filter((_, i) => i % 2 === 0);
const queries = labelled.filter((_, i) => i % 2 === 1);

/** The same read-merge-write the server's indexer does, over an in-memory `caseTerms` collection. */
class MemoryIndex {
  docs = new Map<string, TermPostings & { _id: string }>();
  n = 0;
  totalLen = 0;
  add(pool: string, caseId: string, terms: string[], at: number, archived: 0 | 1 = 0) {
    const { tf, len } = caseTerms(terms);
    if (!tf.size) return;
    this.n++;
    this.totalLen += len;
    for (const [term, f] of tf) {
      const id = caseTermId(pool, term);
      const doc = this.docs.get(id) ?? { _id: id, term, df: 0, postings: [] };
      const merged = mergePostings(doc.postings, [[caseId, f, len, at, archived]]);
      this.docs.set(id, { ...doc, df: doc.df + merged.added, postings: merged.postings });
    }
  }
  lookup(pool: string, text: string, k = 5) {
    const q = queryTerms(textTerms(text));
    const docs = q.map((t) => this.docs.get(caseTermId(pool, t))).filter((d): d is TermPostings & { _id: string } => !!d);
    return topCases(scoreCases(q, docs, { n: this.n, totalLen: this.totalLen }), k);
  }
}

describe('posting lists', () => {
  it('replace a re-indexed case instead of counting it twice, and drop removed cases', () => {
    const a: Posting = ['a', 1, 5, 100, 0];
    const b: Posting = ['b', 2, 8, 200, 0];
    const first = mergePostings([], [a, b]);
    expect(first.added).toBe(2);
    const again = mergePostings(first.postings, [['a', 3, 6, 300, 0]]);
    expect(again.added).toBe(0);
    expect(again.postings).toEqual([b, ['a', 3, 6, 300, 0]]);
    expect(mergePostings(again.postings, [], new Set(['b'])).postings.map((p) => p[0])).toEqual(['a']);
  });

  it('keep archived cases, then the newest, when a list reaches its cap', () => {
    const existing: Posting[] = [
      ['old-archived', 1, 5, 1, 1],
      ['old', 1, 5, 2, 0],
      ['mid', 1, 5, 3, 0],
    ];
    const { postings } = mergePostings(existing, [['new', 1, 5, 4, 0]], new Set(), 3);
    expect(postings.map((p) => p[0]).sort()).toEqual(['mid', 'new', 'old-archived']);
  });

  it('are stored as one string and read back unchanged', () => {
    const list: Posting[] = [['KS-a_1', 2, 14, 1_795_000_000_000, 1], ['b', 1, 3, 0, 0]];
    expect(encodePostings(list)).toBe('KS-a_1,2,14,mwm0nk74,1;b,1,3,0,0');
    expect(decodePostings(encodePostings(list))).toEqual(list);
    expect(decodePostings('')).toEqual([]);
  });

  it('bound the terms one case contributes, most frequent first', () => {
    const terms = ['腊肠', '发霉', '腊肠', ...Array.from({ length: 60 }, (_, i) => `词${i}`)];
    const { tf, len } = caseTerms(terms, 10);
    expect(tf.size).toBe(10);
    expect([...tf.keys()][0]).toBe('腊肠');
    expect(tf.get('腊肠')).toBe(2);
    expect(len).toBe(63);
  });
});

describe('BM25 scoring', () => {
  const docs: TermPostings[] = [
    { term: '腊肠', df: 3, postings: [['c1', 1, 6, 1, 0], ['c2', 1, 6, 2, 0], ['c3', 1, 6, 3, 0]] },
    { term: '发霉', df: 1, postings: [['c2', 2, 6, 2, 0]] },
  ];

  it('ranks the case sharing the rarer word first and says which words matched', () => {
    const [best, ...rest] = topCases(scoreCases(['腊肠', '发霉'], docs, { n: 10, totalLen: 60 }), 3);
    expect(best!.caseId).toBe('c2');
    expect(best!.matched).toEqual(['发霉', '腊肠']);
    expect(rest.every((r) => r.score < best!.score)).toBe(true);
  });

  it('leaves out the excluded case (the ticket being looked at)', () => {
    const out = scoreCases(['发霉'], docs, { n: 10, totalLen: 60 }, new Set(['c2']));
    expect(out).toEqual([]);
  });

  it('lets the outcome break near-ties but not outweigh the text', () => {
    expect(outcomeBoost({ archived: true, stars: 5 })).toBeGreaterThan(outcomeBoost({ archived: false, stars: 5 }));
    expect(outcomeBoost({ archived: false, stars: 1 })).toBeLessThan(1);
    expect(outcomeBoost({ archived: true, stars: 5 })).toBeLessThan(1.5);
  });
});

describe('relevance on real complaint texts (labels-dev.jsonl)', () => {
  const bySub = new Map(cases.map((c) => [c.id, c.subcategory]));

  it('finds a case of the same subcategory from the text alone far more often than chance', () => {
    const index = new MemoryIndex();
    cases.forEach((c, i) => index.add('all', c.id, textTerms(c.text), i));
    let hits = 0;
    let answered = 0;
    for (const q of queries) {
      const [top] = index.lookup('all', q.text, 1);
      if (!top) continue;
      answered++;
      if (bySub.get(top.caseId) === q.subcategory) hits++;
    }
    // Chance: the probability that a random case shares the query's subcategory.
    const share = new Map<string, number>();
    for (const c of cases) share.set(c.subcategory, (share.get(c.subcategory) ?? 0) + 1 / cases.length);
    const chance = queries.reduce((s, q) => s + (share.get(q.subcategory) ?? 0), 0) / queries.length;
    const precision = hits / answered;
    expect(answered / queries.length).toBeGreaterThan(0.85);
    expect(chance).toBeLessThan(0.2);
    // Measured: 0.39 against a chance of ~0.13 (the texts are short shopping reviews, often about several things).
    expect(precision).toBeGreaterThan(Math.max(0.3, 2.5 * chance));
  });

  it('within a subcategory, returns a case sharing the complaint’s words, with them listed', () => {
    const index = new MemoryIndex();
    cases.forEach((c, i) => index.add(c.subcategory, c.id, textTerms(c.text), i));
    const text = new Map(cases.map((c) => [c.id, c.text]));
    let checked = 0;
    for (const q of queries) {
      const [top] = index.lookup(q.subcategory, q.text, 1);
      if (!top) continue;
      checked++;
      expect(top.matched.length).toBeGreaterThan(0);
      for (const term of top.matched) expect(normalizeText(text.get(top.caseId)!)).toContain(term);
      for (const term of top.matched) expect(normalizeText(q.text)).toContain(term);
    }
    expect(checked).toBeGreaterThan(queries.length * 0.7);
  });

  it('puts the spoiled sausage case first for a new spoiled sausage complaint', () => {
    const index = new MemoryIndex();
    cases.forEach((c, i) => index.add('spoiled', c.id, textTerms(c.text), i));
    index.add('spoiled', 'sausage', textTerms('买的腊肠打开就发霉了，上面全是白毛，这怎么吃'), 9999);
    const [top] = index.lookup('spoiled', '腊肠发霉长毛了，孩子差点吃下去');
    expect(top!.caseId).toBe('sausage');
    expect(top!.matched).toEqual(expect.arrayContaining(['腊肠', '发霉']));
  });
});

describe('building the index in one pass', () => {
  it('gives the same postings, counts and caps as indexing case by case', () => {
    const sample = cases.slice(0, 120).map((c, i) => ({ caseId: c.id, subcategory: c.subcategory, terms: textTerms(c.text), at: i, archived: i % 17 === 0 }));
    const index = new MemoryIndex();
    for (const c of sample) index.add(c.subcategory, c.caseId, [...c.terms], c.at, c.archived ? 1 : 0);
    const built = buildCaseIndex(sample);
    expect(built.termDocs.length).toBe(index.docs.size);
    for (const d of built.termDocs) {
      const one = index.docs.get(d._id)!;
      expect(d.df).toBe(one.df);
      expect(decodePostings(d.postings).sort()).toEqual([...one.postings].sort());
    }
    expect(built.statDocs.reduce((n, s) => n + s.n, 0)).toBe(index.n);
  });
});

describe('what queues a ticket for indexing', () => {
  const at = new Date('2026-11-01T00:00:00Z');
  it('resolving, closing from an open state, reopening and (un)archiving a done ticket; nothing else', () => {
    expect(needsCaseIndex({ status: 'investigating' }, { status: 'resolved' })).toBe(true);
    expect(needsCaseIndex({ status: 'compensating' }, { status: 'closed' })).toBe(true);
    expect(needsCaseIndex({ status: 'resolved' }, { status: 'investigating' })).toBe(true);
    expect(needsCaseIndex({ status: 'closed' }, { status: 'closed', archivedAt: at })).toBe(true);
    expect(needsCaseIndex({ status: 'closed', archivedAt: at }, { status: 'closed' })).toBe(true);
    // Already indexed as resolved: closing it (or rating it) changes nothing the index holds.
    expect(needsCaseIndex({ status: 'resolved' }, { status: 'closed' })).toBe(false);
    expect(needsCaseIndex({ status: 'closed', archivedAt: at }, { status: 'closed', archivedAt: new Date(at) })).toBe(false);
    expect(needsCaseIndex({ status: 'assigned' }, { status: 'investigating' })).toBe(false);
  });
});
