/**
 * FAQ deflection (DOMAIN.md "Knowledge"): did reading an FAQ answer on the complaint form save a complaint?
 *
 * Definition. A *read* is a customer's first `faq_view` of one FAQ in the period (the form sends it once per
 * answer per visit; repeats by the same customer count once). Its outcome:
 * - *submitted*: the same customer filed a complaint within WINDOW_HOURS after the read (the answer did not settle it);
 * - *deflected*: no complaint by them in that window, which has passed;
 * - *pending*: no complaint yet, but the window is still open — not counted either way.
 * The deflection rate is deflected / (deflected + submitted). A complaint filed after reading several answers
 * counts as submitted for each of them.
 */
import { CHINA_OFFSET_MS } from '../time/clock';

export const WINDOW_HOURS = 24;
const WINDOW_MS = WINDOW_HOURS * 3_600_000;
const DAY_MS = 86_400_000;

export interface FaqRead {
  openid: string;
  faqId: string;
  at: Date;
}

export interface FaqOutcome {
  faqId: string;
  reads: number;
  deflected: number;
  submitted: number;
  pending: number;
  /** deflected / (deflected + submitted), when any outcome is known. */
  rate?: number;
}

/** One read per customer and FAQ: the first in the period. */
export function firstReads(events: readonly FaqRead[]): FaqRead[] {
  const first = new Map<string, FaqRead>();
  for (const e of events) {
    const key = `${e.openid}\u0000${e.faqId}`;
    const seen = first.get(key);
    if (!seen || e.at < seen.at) first.set(key, e);
  }
  return [...first.values()];
}

/** Outcome of each read against the customers' complaint times (any order), judged at `now`. */
export function faqOutcomes(reads: readonly FaqRead[], complaintsByCustomer: ReadonlyMap<string, readonly Date[]>, now: Date): { items: FaqOutcome[]; totals: Omit<FaqOutcome, 'faqId'> } {
  const per = new Map<string, FaqOutcome>();
  const totals = { reads: 0, deflected: 0, submitted: 0, pending: 0 };
  for (const r of reads) {
    const o = per.get(r.faqId) ?? { faqId: r.faqId, reads: 0, deflected: 0, submitted: 0, pending: 0 };
    per.set(r.faqId, o);
    const start = r.at.getTime();
    const filed = (complaintsByCustomer.get(r.openid) ?? []).some((c) => c.getTime() >= start && c.getTime() <= start + WINDOW_MS);
    const kind = filed ? 'submitted' : start + WINDOW_MS <= now.getTime() ? 'deflected' : 'pending';
    o.reads++;
    o[kind]++;
    totals.reads++;
    totals[kind]++;
  }
  const withRate = <T extends Omit<FaqOutcome, 'faqId'>>(o: T): T => (o.deflected + o.submitted > 0 ? { ...o, rate: Math.round((o.deflected / (o.deflected + o.submitted)) * 1000) / 1000 } : o);
  return { items: [...per.values()].map(withRate).sort((a, b) => b.reads - a.reads || a.faqId.localeCompare(b.faqId)), totals: withRate(totals) };
}

/** The instants of a range of China calendar days, `to` inclusive; by default the 30 days up to today. */
export function chinaDayRange(now: Date, from?: string, to?: string): { start: Date; end: Date; from: string; to: string } {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) - CHINA_OFFSET_MS;
  const today = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const toDay = to ?? today;
  if (Number.isNaN(day(toDay)) || (from !== undefined && Number.isNaN(day(from)))) return { start: new Date(NaN), end: new Date(NaN), from: from ?? '', to: toDay };
  const fromDay = from ?? new Date(day(toDay) + CHINA_OFFSET_MS - 29 * DAY_MS).toISOString().slice(0, 10);
  return { start: new Date(day(fromDay)), end: new Date(day(toDay) + DAY_MS), from: fromDay, to: toDay };
}
