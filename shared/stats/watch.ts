/**
 * Lists for account managers (issue 8 "Insight"): repeat complainants (≥ 3 complaints in 30 days), churn-risk
 * customers (an open churn-risk task: 3 unsatisfied ratings in a row) and VIP customers with open complaints.
 * A customer appears under a pseudonym, the masked phone and the tier, with links to their tickets — never the
 * openid or the full number. Pure: the function hands in ticket rows grouped per customer.
 */
import type { ComplaintStatus } from '../complaint/model';
import type { CustomerTier } from './overview';

export interface WatchTicket {
  complaintId: string;
  ticketNo: string;
  status: ComplaintStatus;
  subcategory?: string;
  createdAt: string;
}

export interface WatchCustomer {
  /** A stable pseudonym (`C-` + 8 hex digits of a hash of the customer id), to tell customers apart on screen. */
  key: string;
  phoneMasked?: string;
  tier: CustomerTier;
  complaints: number;
  reason: string;
  tickets: WatchTicket[];
}

export interface CustomerWatch {
  asOf: string;
  repeat: WatchCustomer[];
  churnRisk: WatchCustomer[];
  vipOpen: WatchCustomer[];
}

/** One complaint as the lists read it (the function's projection; the customer id stays on the server). */
export interface WatchRow {
  complaintId: string;
  customerOpenid: string;
  ticketNo: string;
  status: ComplaintStatus;
  subcategory?: string;
  createdAt: Date;
  contactPhoneMasked?: string;
  customerTier?: CustomerTier;
}

export const REPEAT_MIN = 3;
export const REPEAT_DAYS = 30;
const MAX_TICKETS = 10;

/** FNV-1a, 32 bits: a pseudonym, not a secret (the lists are for staff who may open the tickets anyway). */
export function customerKey(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return `C-${h.toString(16).padStart(8, '0')}`;
}

/** Group complaint rows per customer, newest ticket first; customers ordered by how many complaints, then the latest. */
export function groupByCustomer(rows: readonly WatchRow[], reason: (complaints: number, tickets: WatchRow[]) => string, minComplaints = 1): WatchCustomer[] {
  const by = new Map<string, WatchRow[]>();
  for (const r of rows) by.set(r.customerOpenid, [...(by.get(r.customerOpenid) ?? []), r]);
  return [...by.entries()]
    .filter(([, list]) => list.length >= minComplaints)
    .map(([id, list]) => {
      const sorted = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      return {
        latest: sorted[0].createdAt.getTime(),
        customer: {
          key: customerKey(id),
          ...(sorted.find((r) => r.contactPhoneMasked)?.contactPhoneMasked ? { phoneMasked: sorted.find((r) => r.contactPhoneMasked)!.contactPhoneMasked } : {}),
          tier: list.some((r) => r.customerTier === 'vip') ? 'vip' : 'regular',
          complaints: list.length,
          reason: reason(list.length, sorted),
          tickets: sorted.slice(0, MAX_TICKETS).map((r) => ({ complaintId: r.complaintId, ticketNo: r.ticketNo, status: r.status, ...(r.subcategory ? { subcategory: r.subcategory } : {}), createdAt: r.createdAt.toISOString() })),
        } satisfies WatchCustomer,
      };
    })
    .sort((a, b) => b.customer.complaints - a.customer.complaints || b.latest - a.latest)
    .map((x) => x.customer);
}

/** VIP first: the lists are worked top-down, and DOMAIN.md raises VIP complaints a level. */
export const vipFirst = (list: WatchCustomer[]) => [...list].sort((a, b) => (a.tier === b.tier ? 0 : a.tier === 'vip' ? -1 : 1));
