import { mulberry32 } from '../random/mulberry32';
import { decideSurge } from './decide';
import type { SurgeRules, WindowComplaint } from './detector';


export function poissonSample(rand: () => number, mu: number): number {
  const limit = Math.exp(-mu);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

export interface SimProduct {
  id: string;
  /** Normal complaints per day on the whole product. */
  ratePerDay: number;
  /** Batches on the market, sharing the product's complaints equally. */
  batches: number;
}

export interface SimComplaint extends WindowComplaint {
  productId: string;
  batchId: string;
}

const DAY = 86_400_000;

/** `days` of normal traffic starting at `start`; each day's rate swings uniformly by ±`dayVariation`. */
export function normalTraffic(o: { seed: number; start: Date; days: number; products: SimProduct[]; dayVariation: number }): SimComplaint[] {
  const rand = mulberry32(o.seed);
  const out: SimComplaint[] = [];
  let n = 0;
  for (let d = 0; d < o.days; d++) {
    for (const p of o.products) {
      const swing = 1 + o.dayVariation * (2 * rand() - 1);
      const count = poissonSample(rand, p.ratePerDay * swing);
      for (let i = 0; i < count; i++) {
        const batch = Math.floor(rand() * p.batches);
        out.push({ _id: `c${n++}`, customerOpenid: `u${Math.floor(rand() * 1e9)}`, createdAt: new Date(o.start.getTime() + (d + rand()) * DAY), productId: p.id, batchId: `${p.id}-b${batch}` });
      }
    }
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export interface SimAlarm {
  batchId: string;
  at: Date;
  /** Which complaint on the batch (1-based, within the replay) raised it. */
  complaintId: string;
  reason: string;
}

/**
 * Replay a stream through the submit-time decision, as intake would: each complaint sees the batch's earlier
 * complaints and the product's baseline; an opened incident stays open (later complaints join it, no new alarm).
 */
export function replaySurges(stream: SimComplaint[], baselines: Record<string, { complaints: number; batchDays: number }>, rules: SurgeRules): SimAlarm[] {
  const byBatch = new Map<string, Array<WindowComplaint & { incidentId?: string }>>();
  const open = new Set<string>();
  const alarms: SimAlarm[] = [];
  for (const c of stream) {
    const onBatch = byBatch.get(c.batchId) ?? [];
    if (!open.has(c.batchId)) {
      const since = c.createdAt.getTime() - rules.windowHours * 3_600_000;
      const recent = onBatch.filter((x) => x.createdAt.getTime() > since);
      const decision = decideSurge({ complaint: c, onBatch: recent, baseline: baselines[c.productId] }, rules);
      if (decision.kind === 'open') {
        open.add(c.batchId);
        alarms.push({ batchId: c.batchId, at: c.createdAt, complaintId: c._id, reason: decision.verdict.reason });
      }
    }
    onBatch.push(c);
    byBatch.set(c.batchId, onBatch);
  }
  return alarms;
}

/** Baselines as the timer would measure them from a history stream: complaints over batch-days per product. */
export function baselinesFrom(history: SimComplaint[], products: SimProduct[], days: number): Record<string, { complaints: number; batchDays: number }> {
  return Object.fromEntries(products.map((p) => [p.id, { complaints: history.filter((c) => c.productId === p.id).length, batchDays: p.batches * days }]));
}

/** A mixed catalogue: products under 1 complaint a day, 2–4 batches on the market each. */
export function syntheticCatalogue(rand: () => number, products: number): SimProduct[] {
  return Array.from({ length: products }, (_, i) => ({ id: `p${i}`, ratePerDay: 0.2 + 0.75 * rand(), batches: 2 + Math.floor(rand() * 3) }));
}
