import { chinaDate } from '../time/clock';

/**
 * Human ticket numbers: `KS` + the China date + a 4-digit daily sequence (`KS20261122-0042`), read out on the
 * phone and printed on receipts. The sequence comes from a per-day counter document, incremented atomically.
 */
export const TICKET_NO_RE = /^KS\d{8}-\d{4,6}$/;

/** The counter document for the day a complaint arrives (China time). */
const day = (at: Date) => chinaDate(at).replaceAll('-', '');

export const ticketCounterId = (at: Date) => `ticketNo-${day(at)}`;

export function formatTicketNo(at: Date, seq: number): string {
  return `KS${day(at)}-${String(seq).padStart(4, '0')}`;
}
