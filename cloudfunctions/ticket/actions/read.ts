import type { ProductDoc } from '@shared/catalog/model';
import type { InboxItem, InboxView, TicketView } from '@shared/api/functions/ticket';
import type { Page } from '@shared/api/common';
import { AppError } from '@shared/api/envelope';
import type { ComplaintDoc } from '@shared/complaint/document';
import { OPEN_STATUSES } from '@shared/complaint/lifecycle';
import type { Category, ComplaintStatus, Level } from '@shared/complaint/model';
import { ticketView } from '@shared/complaint/staff-view';
import { inboxItem } from '@shared/complaint/views';
import type { DepartmentCode } from '@shared/auth/roles';
import { appendEvents } from '../../_server/audit';
import { _, db } from '../../_server/cloud';
import { loadConfig } from '../../_server/config';
import { decryptField } from '../../_server/crypto';
import { collection, getById, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { loadEvents } from '../../_server/tickets';
import { actorOf, loadReadable, who } from './access';

const $ = db.command.aggregate;

interface InboxInput {
  view?: InboxView;
  department?: DepartmentCode;
  status?: ComplaintStatus;
  level?: Level;
  category?: Category;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

/** Agents and heads see their department; managers and admins everything (optionally one department). */
function scopeOf(input: InboxInput, ctx: ActionContext): DepartmentCode | undefined {
  const { kind, department } = ctx.caller;
  if (kind === 'agent' || kind === 'head') {
    if (input.department && input.department !== department) throw new AppError('FORBIDDEN', '只能查看本部门的工单');
    return department;
  }
  return input.department;
}

function decodeCursor(cursor: string): { key: string; id: string } {
  const match = /^([0-9-]{1,20})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!match) throw new AppError('INVALID_INPUT', undefined, { cursor: '分页参数无效，请刷新后重试' });
  return { key: match[1], id: match[2] };
}

/**
 * ticket.inbox: one indexed range per view, in urgency order (the stored queueKey: level, then the next
 * promise), with a keyset cursor; the tab counts come from one aggregation in parallel.
 */
export async function inbox(input: InboxInput, ctx: ActionContext): Promise<Page<InboxItem> & { counts: Record<InboxView, number> }> {
  const config = await loadConfig();
  const now = ctx.now();
  const department = scopeOf(input, ctx);
  const view: InboxView = input.view ?? (ctx.caller.kind === 'agent' ? 'mine' : ctx.caller.kind === 'head' ? 'department' : 'all');
  const open = _.in([...OPEN_STATUSES]);
  const scope = department ? { department } : {};
  const byView: Record<InboxView, object> = {
    mine: { assigneeOpenid: ctx.caller.openid, status: open },
    department: { ...scope, status: open },
    unassigned: { ...scope, status: 'submitted' },
    escalated: { ...scope, status: 'escalated' },
    triage: { ...scope, status: open, 'classification.needsTriage': true },
    all: { ...scope, status: open },
  };
  const filters: object[] = [byView[view]];
  if (input.status) filters.push({ status: input.status });
  if (input.level) filters.push({ level: input.level });
  if (input.category) filters.push({ category: input.category });
  if (input.overdue) filters.push({ nextDueAt: _.lt(now) });
  if (input.cursor) {
    const { key, id } = decodeCursor(input.cursor);
    filters.push(_.or([{ queueKey: _.gt(key) }, { queueKey: key, _id: _.gt(id) }]));
  }
  const limit = input.limit ?? 20;
  const [docs, counts] = await Promise.all([
    rows<ComplaintDoc>(collection('complaints').where(_.and(filters)).orderBy('queueKey', 'asc').orderBy('_id', 'asc').limit(limit + 1)),
    inboxCounts(department, ctx.caller.openid),
  ]);
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((d) => inboxItem(d, now, config)),
    ...(docs.length > limit && last ? { nextCursor: `${last.queueKey}.${last._id}` } : {}),
    counts,
  };
}

/** Every tab's count in one aggregation over the open tickets in scope. */
async function inboxCounts(department: DepartmentCode | undefined, openid: string | undefined): Promise<Record<InboxView, number>> {
  const one = (cond: object) => $.sum($.cond({ if: cond, then: 1, else: 0 }));
  const result = (await collection('complaints')
    .aggregate()
    .match({ status: _.in([...OPEN_STATUSES]), ...(department ? { department } : {}) })
    .group({
      _id: null,
      all: $.sum(1),
      mine: one($.eq(['$assigneeOpenid', openid ?? '-'])),
      unassigned: one($.eq(['$status', 'submitted'])),
      escalated: one($.eq(['$status', 'escalated'])),
      triage: one($.eq(['$classification.needsTriage', true])),
    })
    .end()) as unknown as { list: Array<Record<string, number>> };
  const c = result.list[0] ?? {};
  return { mine: c.mine ?? 0, department: c.all ?? 0, unassigned: c.unassigned ?? 0, escalated: c.escalated ?? 0, triage: c.triage ?? 0, all: c.all ?? 0 };
}

/** ticket.get: the ticket with its whole history, masked phone, and the moves this person may make. Three calls. */
export async function get(input: { complaintId: string }, ctx: ActionContext): Promise<TicketView> {
  const [config, doc, events] = await Promise.all([loadConfig(), loadReadable(input.complaintId, ctx), loadEvents(input.complaintId)]);
  // The spice-level library entry of the product complained about (taste disputes): one more read when there is one.
  const product = doc.productId ? await getById<ProductDoc>('products', doc.productId) : undefined;
  const view = ticketView(doc, events, actorOf(ctx), ctx.now(), config);
  return product?.spiceLevel ? { ...view, spice: { productId: product._id, productName: product.name, level: product.spiceLevel, note: product.spiceNote } } : view;
}

/** ticket.revealPhone: only the assignee, and every reveal is in the audit log. */
export async function revealPhone(input: { complaintId: string }, ctx: ActionContext): Promise<{ phone: string }> {
  const doc = await loadReadable(input.complaintId, ctx);
  if (doc.assigneeOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有负责这张工单的专员可以查看完整手机号');
  const now = ctx.now();
  await appendEvents([
    { _id: `${doc._id}:reveal:${ctx.caller.openid}:${now.getTime()}`, complaintId: doc._id, ticketNo: doc.ticketNo, at: now, ...who(ctx), action: 'reveal_phone', note: '查看了顾客完整手机号', visibility: 'internal' },
  ]);
  return { phone: decryptField(doc.contactPhoneEnc) };
}
