import { AppError } from '@shared/api/envelope';
import type { FaqStats } from '@shared/api/functions/admin';
import { chinaDayRange, faqOutcomes, firstReads, WINDOW_HOURS, type FaqRead } from '@shared/knowledge/deflection';
import { _ } from '../../_server/cloud';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

const PAGE = 1000;
/** At most this many FAQ reads per answer (20 pages); more means the period is too long to judge in one call. */
const MAX_READS = 20_000;
const CUSTOMER_CHUNK = 100;
const MAX_DAYS = 366;

interface TrackDoc {
  _id: string;
  openid: string;
  ref?: string;
  role?: string;
  at: Date;
}

/**
 * admin.faqStats: for the FAQ reads of a period, how many customers filed a complaint within 24 hours anyway and
 * how many did not (shared/knowledge/deflection.ts). Two indexed reads: the `faq_view` events of the period
 * (index event_at, paged by time), then those customers' complaints from the first read to 24 hours after the
 * last (index customer_createdAt, 100 customers a query).
 */
export async function faqStats(input: { from?: string; to?: string }, ctx: ActionContext): Promise<FaqStats> {
  const now = ctx.now();
  const range = chinaDayRange(now, input.from, input.to);
  if (Number.isNaN(range.start.getTime()) || Number.isNaN(range.end.getTime())) throw new AppError('INVALID_INPUT', '日期无效', { from: '日期无效' });
  if (range.start >= range.end) throw new AppError('INVALID_INPUT', '开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' });
  if (range.end.getTime() - range.start.getTime() > MAX_DAYS * 86_400_000) throw new AppError('INVALID_INPUT', '最多统计一年', { from: '最多统计一年' });

  const events: FaqRead[] = [];
  let truncated = false;
  let after = range.start;
  let seenAtAfter = new Set<string>();
  for (;;) {
    const page = await rows<TrackDoc>(
      collection('trackEvents')
        .where({ event: 'faq_view', at: _.gte(after).and(_.lt(range.end)) })
        .orderBy('at', 'asc')
        .limit(PAGE)
        .field({ _id: true, openid: true, ref: true, role: true, at: true }),
    );
    const fresh = page.filter((e) => !seenAtAfter.has(e._id));
    // Only customers' reads measure deflection (staff trying the form are not customers).
    for (const e of fresh) if (e.ref && (e.role ?? 'customer') === 'customer') events.push({ openid: e.openid, faqId: e.ref, at: new Date(e.at) });
    if (page.length < PAGE || !fresh.length) break;
    if (events.length >= MAX_READS) {
      truncated = true;
      break;
    }
    // Next page from the last instant seen, skipping the events of that instant already counted.
    const last = new Date(page[page.length - 1]!.at);
    seenAtAfter = new Set(page.filter((e) => new Date(e.at).getTime() === last.getTime()).map((e) => e._id));
    after = last;
  }

  const reads = firstReads(events);
  const customers = [...new Set(reads.map((r) => r.openid))];
  const complaints = new Map<string, Date[]>();
  if (reads.length) {
    const first = new Date(Math.min(...reads.map((r) => r.at.getTime())));
    const last = new Date(Math.max(...reads.map((r) => r.at.getTime())) + WINDOW_HOURS * 3_600_000);
    const chunks: string[][] = [];
    for (let i = 0; i < customers.length; i += CUSTOMER_CHUNK) chunks.push(customers.slice(i, i + CUSTOMER_CHUNK));
    const found = await Promise.all(
      chunks.map((chunk) =>
        rows<{ customerOpenid: string; createdAt: Date }>(
          collection('complaints')
            .where({ customerOpenid: _.in(chunk), createdAt: _.gte(first).and(_.lte(last)) })
            .limit(PAGE)
            .field({ customerOpenid: true, createdAt: true }),
        ),
      ),
    );
    for (const c of found.flat()) complaints.set(c.customerOpenid, [...(complaints.get(c.customerOpenid) ?? []), new Date(c.createdAt)]);
  }

  const outcome = faqOutcomes(reads, complaints, now);
  const faqIds = outcome.items.map((i) => i.faqId);
  const faqs = faqIds.length ? await rows<{ _id: string; question: string }>(collection('faqs').where({ _id: _.in(faqIds) }).limit(faqIds.length).field({ question: true })) : [];
  const question = new Map(faqs.map((f) => [f._id, f.question]));
  return {
    from: range.from,
    to: range.to,
    windowHours: WINDOW_HOURS,
    totals: outcome.totals,
    items: outcome.items.map((i) => ({ ...i, question: question.get(i.faqId) ?? '（已删除的问题）' })),
    truncated,
  };
}
