import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { acceptChange } from '../_server/accept';
import { _ } from '../_server/cloud';
import { loadConfig } from '../_server/config';
import { collection, rows } from '../_server/db';
import { commitChange, type Change } from '../_server/tickets';

const SYSTEM = { actorOpenid: 'system', actorRole: 'system', actorName: '系统' };
const BATCH = 100;

/**
 * The lifecycle's automatic moves (DOMAIN.md): a solution the customer did not answer in time counts as accepted;
 * a resolved ticket closes after the configured days and the survey goes out. Reads only tickets whose `autoAt`
 * has passed (an index range). Safe to run twice or concurrently: each move is conditional on the version read,
 * and a ticket another run already moved is skipped.
 */
export async function runAutoMoves(now: Date): Promise<{ accepted: number; closed: number }> {
  const config = await loadConfig();
  const due = await rows<ComplaintDoc>(collection('complaints').where({ autoAt: _.lte(now) }).orderBy('autoAt', 'asc').limit(BATCH));
  let accepted = 0;
  let closed = 0;
  for (const doc of due) {
    let change: Change | undefined;
    if (doc.status === 'awaiting_customer' && doc.solution?.state === 'sent') {
      change = await acceptChange(doc, { ...doc.solution, state: 'accepted', respondedAt: now }, 'system', 'system', now);
      accepted++;
    } else if (doc.status === 'resolved') {
      change = {
        set: { status: 'closed', statusChangedAt: now, closedAt: now },
        events: [{ ...SYSTEM, action: 'auto', from: 'resolved', to: 'closed', note: '工单已关闭，感谢您的反馈', visibility: 'customer' }],
        messages: doc.rating ? [] : [{ dedupeKey: `survey:${doc._id}`, kind: 'survey', audience: 'customer', to: doc.customerOpenid, complaintId: doc._id, ticketNo: doc.ticketNo, data: { ticketNo: doc.ticketNo } }],
      };
      closed++;
    } else {
      // Stale schedule (the status moved on by another path): recompute it so the ticket leaves the range.
      change = { set: {}, events: [] };
    }
    try {
      await commitChange(doc, change, now, config);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
  return { accepted, closed };
}
