import type { TicketChange } from '@shared/api/functions/ticket';
import { markFirstResponse } from '@shared/complaint/schedule';
import { appendEvents } from '../../_server/audit';
import { loadConfig } from '../../_server/config';
import type { ActionContext } from '../../_server/define-function';
import { commitChange } from '../../_server/tickets';
import { loadReadable, loadWorkable, who, ticketChange } from './access';

/** ticket.note: an internal note (never shown to the customer). Assisting departments may add notes too. */
export async function note(input: { complaintId: string; text: string }, ctx: ActionContext): Promise<{ recorded: true }> {
  const doc = await loadReadable(input.complaintId, ctx);
  await appendEvents([
    { _id: `${doc._id}:note:${ctx.requestId}`, complaintId: doc._id, ticketNo: doc.ticketNo, at: ctx.now(), ...who(ctx), action: 'note', note: input.text, visibility: 'internal' },
  ]);
  return { recorded: true };
}

/**
 * ticket.reply: a message to the customer (their timeline and a notification). The first one meets the
 * first-response promise. The requestId keys the event and the message, so a retry sends nothing twice.
 */
export async function reply(input: { complaintId: string; text: string }, ctx: ActionContext): Promise<TicketChange> {
  const [config, doc] = await Promise.all([loadConfig(), loadWorkable(input.complaintId, ctx)]);
  const now = ctx.now();
  const updated = await commitChange(
    doc,
    {
      set: { sla: markFirstResponse(doc.sla, now) },
      events: [{ _id: `${doc._id}:reply:${ctx.requestId}`, ...who(ctx), action: 'reply', note: input.text, visibility: 'customer' }],
      messages: [{ dedupeKey: `reply:${doc._id}:${ctx.requestId}`, kind: 'status_change', audience: 'customer', to: doc.customerOpenid, complaintId: doc._id, ticketNo: doc.ticketNo, level: doc.level, data: { ticketNo: doc.ticketNo, event: '专员给您回复了消息', text: input.text } }],
    },
    now,
    config,
  );
  return ticketChange(updated);
}
