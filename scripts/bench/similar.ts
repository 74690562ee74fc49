import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { startLocalCloud } from '../../localcloud';
import { DATA_DIR as COMPLAINTS_DIR } from '../classifier/data';
import { syntheticComplaints } from '../seed/synthetic-complaints';
import { textTerms } from '../../cloudfunctions/_server/segment';
import { buildCaseIndex } from '../../shared/knowledge/similar';
import { emit, percentile, round } from './stats';

const QUERIES = 300;
const WARMUP = 20;
/** Cases indexed through the real indexer (the sla timer) to measure its cost. */
const INDEXED = 500;

/** Real complaint texts: the negative reviews of corpus.csv (cases) and the labelled ones (queries). */
function realTexts(): { cases: string[]; queries: Array<{ text: string; subcategory: string }> } {
  const rows = parse(fs.readFileSync(path.join(COMPLAINTS_DIR, 'corpus.csv'), 'utf8'), { columns: true }) as Array<{ sentiment: string; text: string }>;
  const cases = rows.filter((r) => r.sentiment === '0' && r.text.length >= 6).map((r) => r.text);
  const queries = fs
    .readFileSync(path.join(COMPLAINTS_DIR, 'labels-dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; subcategory: string });
  return { cases, queries };
}

/**
 * `ticket.similarCases` over many closed cases, through the real function and SDK. Closed cases are synthetic
 * tickets (shaped as intake stores them) carrying real complaint texts, inserted straight into the database with
 * their index (built in one pass by the indexer's functions); then 500 more are indexed by the real indexer in
 * the sla timer, which gives the indexing cost per case. Lookups come from open tickets with the labelled texts, as a manager (no department
 * filter), after a warm-up, one at a time.
 */
export async function benchSimilar(closedCases: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-similar-'));
  const cloud = await startLocalCloud({ port: 0, h5Dir: false, scheduler: false, dataDir, prewarm: true });
  const call = async (fn: string, action: string, input: unknown, openid: string) => {
    const res = await fetch(`${cloud.url}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify({ action, input }) });
    const body = (await res.json()) as { ok: boolean; data?: any; error?: unknown };
    if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`);
    return body.data;
  };
  try {
    const { cases, queries } = realTexts();
    const now = cloud.clock.now();
    const closed = syntheticComplaints({ now, count: closedCases, days: 365, openShare: 0, seed: 11, idPrefix: 'case' }).map((d, i) => ({ ...d, description: cases[i % cases.length]! }) as unknown as Record<string, unknown> & { subcategory: string });
    const subcategories = [...new Set(closed.map((d) => d.subcategory as string))];
    const template = closed[0]!;
    const open = Array.from({ length: QUERIES + WARMUP }, (_, i) => {
      const q = queries[i % queries.length]!;
      const sub = subcategories.includes(q.subcategory) ? q.subcategory : subcategories[i % subcategories.length]!;
      const source = closed.find((d) => d.subcategory === sub)!;
      return { ...template, ...source, _id: `query-${i}`, ticketNo: `KS-QUERY-${i}`, requestId: `query-${i}`, status: 'investigating', resolvedAt: undefined, rating: undefined, description: q.text };
    });
    // The index for the bulk of the cases, built in one pass with the indexer's own functions (segmentation,
    // caps, retention) and loaded straight into the database, as the cases are: the real indexer writes term
    // by term and would take most of an hour for 100,000 cases here. Its cost is measured below, on top.
    const loadStarted = performance.now();
    const segmented = new Map<string, string[]>();
    const termsOf = (text: string) => segmented.get(text) ?? (segmented.set(text, textTerms(text)), segmented.get(text)!);
    const built = buildCaseIndex(closed.map((d) => ({ caseId: d._id as string, subcategory: d.subcategory, terms: termsOf(d.description as string), at: (d.resolvedAt as Date).getTime(), archived: false })));
    cloud.database.insertMany('complaints', [...closed.map((d) => ({ ...d, ...(built.records.has(d._id as string) ? { caseIndex: built.records.get(d._id as string) } : {}) })), ...open]);
    cloud.database.insertMany('caseTerms', built.termDocs);
    cloud.database.insertMany('caseStats', built.statDocs);
    const loadMs = performance.now() - loadStarted;

    // The real indexer on top of that index: INDEXED more cases resolved just now, queued as commitChange
    // queues them, drained by the sla timer (100 a run), as in production.
    const fresh = syntheticComplaints({ now, count: INDEXED, days: 1, openShare: 0, seed: 12, idPrefix: 'fresh' }).map((d, i) => ({
      ...d,
      description: cases[(i * 7919) % cases.length]!,
      caseIndexAt: new Date(now.getTime() - 60_000),
    }));
    cloud.database.insertMany('complaints', fresh);
    await cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: now.toISOString() }, { source: 'wx_trigger' }); // warm (jieba loads once per instance)
    await fetch(`${cloud.url}/__local/stats/reset`, { method: 'POST' });
    const indexStarted = performance.now();
    let indexed = 0;
    for (let run = 0; run < INDEXED / 100 + 5 && cloud.database.count('complaints', { caseIndexAt: { $exists: true } }) > 0; run++) {
      const r = await cloud.runner.invoke('sla', { Type: 'Timer', TriggerName: 'everyMinute', Time: now.toISOString() }, { source: 'wx_trigger' });
      indexed += ((r.ok ? (r.result as { data?: { casesIndexed?: number } }).data?.casesIndexed : 0) ?? 0);
    }
    const indexMs = performance.now() - indexStarted;
    const indexStats = (await (await fetch(`${cloud.url}/__local/stats`)).json()) as { gateway: Record<string, number> };
    const indexCalls = Object.entries(indexStats.gateway).filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
    const termDocs = cloud.database.count('caseTerms');

    const samples: number[] = [];
    let returned = 0;
    let matched = 0;
    for (let i = 0; i < open.length; i++) {
      const started = performance.now();
      const out = (await call('ticket', 'similarCases', { complaintId: `query-${i}` }, 'demo-manager')) as { items: Array<{ matchedTerms?: string[] }> };
      const ms = performance.now() - started;
      if (i < WARMUP) continue;
      samples.push(ms);
      returned += out.items.length;
      if (out.items[0]?.matchedTerms?.length) matched++;
    }
    // The same bridge and function without any work, for what the lookup itself costs.
    const pings: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      await call('ticket', 'ping', {}, 'demo-manager');
      pings.push(performance.now() - started);
    }
    emit({
      bench: 'similar_cases',
      closed_cases: closedCases,
      load_ms: round(loadMs),
      indexed_by_timer: indexed,
      index_ms: round(indexMs),
      index_ms_per_case: round(indexMs / Math.max(1, indexed), 3),
      index_db_calls_per_case: round(indexCalls / Math.max(1, indexed), 2),
      case_term_docs: termDocs,
      lookups: samples.length,
      lookup_p50_ms: round(percentile(samples, 50)),
      lookup_p95_ms: round(percentile(samples, 95)),
      lookup_p99_ms: round(percentile(samples, 99)),
      goal_lookup_ms: 100,
      ping_p50_ms: round(percentile(pings.slice(20), 50)),
      mean_items: round(returned / samples.length),
      share_with_shared_words: round(matched / samples.length),
    });
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
