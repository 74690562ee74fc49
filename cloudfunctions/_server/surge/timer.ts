import type { BatchDoc, ProductDoc } from '@shared/catalog/model';
import type { ComplaintDoc } from '@shared/complaint/document';
import { batchDaysInPeriod, type ProductBaseline } from '@shared/surge/detector';
import { decideSurge } from '@shared/surge/decide';
import type { IncidentDoc } from '@shared/surge/incident';
import { AppError } from '@shared/api/envelope';
import { _ } from '../cloud';
import { loadConfig, type AppConfig } from '../config';
import { collection, getById, rows } from '../db';
import { enqueue } from '../outbox';
import { incidentAlerts, joinIncident, linkComplaints, openOrJoinIncident } from './incidents';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Complaints created up to this long before the last check are read again: a submit in flight then is not missed. */
const OVERLAP_MS = 5 * 60_000;
/** Product baselines are measured again after this long (they move slowly; a fresh product has its floor). */
const BASELINE_EVERY_MS = 6 * HOUR;
const PAGE = 200;
/** Batches checked per run (each costs a query); the rest are read again by the next run. */
const MAX_BATCHES = 100;

interface SurgeJob {
  _id: 'surge';
  checkedUntil?: Date;
  baselinesAt?: Date;
}

type WindowRow = Pick<ComplaintDoc, '_id' | 'customerOpenid' | 'createdAt' | 'batchId' | 'batchNo' | 'productId' | 'productName' | 'incidentId'>;

/**
 * The timer's half of surge detection (from the `sla` timer, every minute): the batches that got complaints since
 * the last check (an index range on `createdAt`, never a scan), each batch's window read by its index, open
 * incidents the submit path missed (complaints that reached their batch through an order, concurrent submits that
 * each saw too few) and complaints to link to an open incident. Product baselines are refreshed every few hours.
 * Running twice is harmless: the unique open key arbitrates openers, linking skips linked complaints, alerts are
 * keyed by the incident.
 */
export async function runSurgeCheck(now: Date): Promise<{ batches: number; opened: number; linked: number; baselines: number }> {
  const config = await loadConfig();
  const rules = config.surge;
  const job = await getById<SurgeJob>('jobs', 'surge');
  const since = new Date(Math.max(job?.checkedUntil ? job.checkedUntil.getTime() - OVERLAP_MS : 0, now.getTime() - rules.windowHours * HOUR));
  const baselines = !job?.baselinesAt || now.getTime() - job.baselinesAt.getTime() >= BASELINE_EVERY_MS ? await refreshBaselines(now, config) : 0;

  const touched = new Map<string, WindowRow>();
  let after: { at: Date; id: string } | undefined;
  for (let page = 0; page < 50; page++) {
    const range = after ? _.or([{ createdAt: _.gt(after.at).and(_.lte(now)) }, { createdAt: after.at, _id: _.gt(after.id) }]) : { createdAt: _.gt(since).and(_.lte(now)) };
    const found = await rows<WindowRow>(
      collection('complaints').where(range).orderBy('createdAt', 'asc').orderBy('_id', 'asc').field({ _id: true, batchId: true, batchNo: true, productId: true, productName: true, createdAt: true, customerOpenid: true }).limit(PAGE),
    );
    for (const c of found) if (c.batchId && !touched.has(c.batchId)) touched.set(c.batchId, c);
    if (found.length < PAGE) break;
    after = { at: found[found.length - 1].createdAt, id: found[found.length - 1]._id };
  }

  let opened = 0;
  let linked = 0;
  if (touched.size) {
    const ids = [...touched.keys()].slice(0, MAX_BATCHES);
    const [incidents, baselineDocs, batches] = await Promise.all([
      rows<IncidentDoc>(collection('incidents').where({ openKey: _.in(ids) }).limit(ids.length)),
      rows<ProductBaseline & { _id: string }>(collection('surgeBaselines').where({ _id: _.in([...new Set([...touched.values()].map((c) => c.productId).filter((p): p is string => !!p))]) }).limit(ids.length)),
      // The catalogue's batches: their numbers for the reason (a complaint that found its batch through an order
      // does not carry it), and only real batches can surge — QC acts on a batch it can find.
      rows<Pick<BatchDoc, '_id' | 'batchNo' | 'productId'>>(collection('batches').where({ _id: _.in(ids) }).field({ _id: true, batchNo: true, productId: true }).limit(ids.length)),
    ]);
    for (const batch of batches) {
      const sample = { ...touched.get(batch._id)!, batchNo: batch.batchNo, productId: batch.productId };
      const result = await checkBatch(batch._id, sample, incidents.find((i) => i.openKey === batch._id), baselineDocs.find((b) => b._id === batch.productId), now, config);
      opened += result.opened;
      linked += result.linked;
    }
  }
  // Batches left for the next run: it starts from the first complaint of the first batch not checked.
  const skipped = [...touched.values()][MAX_BATCHES];
  const checkedUntil = skipped ? new Date(skipped.createdAt.getTime() + OVERLAP_MS - 1) : now;
  await collection('jobs').doc('surge').set({ data: { checkedUntil, baselinesAt: baselines ? now : (job?.baselinesAt ?? now) } });
  return { batches: touched.size, opened, linked, baselines };
}

async function checkBatch(batchId: string, sample: WindowRow, open: IncidentDoc | undefined, baseline: ProductBaseline | undefined, now: Date, config: AppConfig) {
  const since = new Date(now.getTime() - config.surge.windowHours * HOUR);
  const window = await rows<WindowRow>(collection('complaints').where({ batchId, createdAt: _.gt(since).and(_.lte(now)) }).field({ _id: true, customerOpenid: true, createdAt: true, incidentId: true }).limit(500));
  if (open) {
    const unlinked = window.filter((c) => !c.incidentId);
    if (!unlinked.length) return { opened: 0, linked: 0 };
    const joined = await joinIncident(open, unlinked, now);
    return { opened: 0, linked: await linkComplaints(joined, unlinked.map((c) => c._id), now, config) };
  }
  const latest = window.filter((c) => !c.incidentId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!latest) return { opened: 0, linked: 0 };
  // The window as it stood at its latest complaint: the same test submit made, on everything now stored.
  const decision = decideSurge({ complaint: latest, batchNo: sample.batchNo, onBatch: window, baseline }, config.surge);
  if (decision.kind !== 'open') return { opened: 0, linked: 0 };
  try {
    const target = { batchId, ...(sample.batchNo ? { batchNo: sample.batchNo } : {}), ...(sample.productId ? { productId: sample.productId } : {}), ...(sample.productName ? { productName: sample.productName } : {}) };
    const { incident, opened } = await openOrJoinIncident(target, decision.window, decision.verdict, { now, openedBy: 'timer', config });
    if (opened) await enqueue(await incidentAlerts(incident), now);
    return { opened: opened ? 1 : 0, linked: await linkComplaints(incident, decision.window.map((c) => c._id), now, config) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return { opened: 0, linked: 0 };
    throw error;
  }
}

/**
 * Each product's normal rate: complaints on its batches (surge-linked ones excluded) in the baseline period before
 * the current window, over the batch-days its batches were on the market then. One grouped aggregation over the
 * `createdAt` range, the batches, and one write per product.
 */
export async function refreshBaselines(now: Date, config: AppConfig): Promise<number> {
  const rules = config.surge;
  const to = new Date(now.getTime() - rules.windowHours * HOUR);
  const from = new Date(to.getTime() - rules.baselineDays * DAY);
  const [counts, products, batches] = await Promise.all([
    collection('complaints')
      .aggregate()
      .match({ createdAt: _.gte(from).and(_.lt(to)), batchId: _.exists(true), incidentId: _.exists(false) })
      .group({ _id: '$productId', n: _.aggregate.sum(1) })
      .limit(1000)
      .end() as unknown as Promise<{ list: Array<{ _id: string | null; n: number }> }>,
    rows<Pick<ProductDoc, '_id'>>(collection('products').field({ _id: true }).limit(1000)),
    rows<Pick<BatchDoc, 'productId' | 'productionDate' | 'expiryDate'>>(collection('batches').field({ productId: true, productionDate: true, expiryDate: true }).limit(1000)),
  ]);
  const docs = products.map((p) => ({
    _id: p._id,
    productId: p._id,
    complaints: counts.list.find((c) => c._id === p._id)?.n ?? 0,
    batchDays: batchDaysInPeriod(batches.filter((b) => b.productId === p._id), from, to, rules),
    computedAt: now,
  }));
  await Promise.all(docs.map(({ _id, ...d }) => collection('surgeBaselines').doc(_id).set({ data: d })));
  return docs.length;
}
