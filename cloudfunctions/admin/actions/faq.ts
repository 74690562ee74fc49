import type { FaqCategory, FaqItem } from '@shared/api/functions/admin';
import { AppError } from '@shared/api/envelope';
import { auditEntry } from '@shared/staff/audit';
import { _ } from '../../_server/cloud';
import { pseudonym } from '../../_server/crypto';
import { collection, getById, isDuplicateKeyError, rows, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { actorOf, writeAudit } from './audit';

interface FaqDoc {
  _id: string;
  question: string;
  answer: string;
  keywords: string[];
  category: FaqCategory;
  order: number;
  active: boolean;
  version?: number;
  updatedAt?: Date;
}

const item = (f: FaqDoc): FaqItem => ({ faqId: f._id, question: f.question, answer: f.answer, keywords: f.keywords, category: f.category, order: f.order, active: f.active, version: f.version ?? 0 });

export async function listFaqs(): Promise<{ items: FaqItem[] }> {
  const list = await rows<FaqDoc>(collection('faqs').orderBy('order', 'asc').limit(200));
  return { items: list.map(item) };
}

interface FaqInput {
  faqId?: string;
  version?: number;
  question: string;
  answer: string;
  keywords: string[];
  category: FaqCategory;
  order?: number;
  active: boolean;
}

/**
 * admin.saveFaq: a new entry gets an id derived from the request (a retry answers the same entry); an edit is
 * conditional on the version read. The customer form's suggestions pick changes up within five minutes.
 */
export async function saveFaq(input: FaqInput, ctx: ActionContext): Promise<FaqItem> {
  const now = ctx.now();
  const keywords = [...new Set(input.keywords)];
  const fields = { question: input.question, answer: input.answer, keywords, category: input.category, active: input.active, updatedAt: now };
  if (!input.faqId) {
    const doc: FaqDoc = { _id: `faq-${pseudonym(`faq:${ctx.caller.openid}:${ctx.requestId}`).slice(0, 12)}`, ...fields, order: input.order ?? 100, version: 1 };
    try {
      await collection('faqs').add({ data: doc });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return item((await getById<FaqDoc>('faqs', doc._id)) ?? doc);
    }
    await writeAudit(auditEntry({ at: now, ...actorOf(ctx), target: `faq:${doc._id}`, action: 'create_faq', summary: `新增常见问题「${doc.question}」`, after: doc }, 'v1'));
    return item(doc);
  }
  const current = await getById<FaqDoc>('faqs', input.faqId);
  if (!current) throw new AppError('NOT_FOUND', '没有找到这条常见问题');
  const version = current.version ?? 0;
  if ((input.version ?? version) !== version) throw new AppError('CONFLICT', '这条常见问题刚被其他人修改过，请刷新后再改');
  const next: FaqDoc = { ...current, ...fields, order: input.order ?? current.order, version: version + 1 };
  const where = version === 0 ? { _id: current._id, version: _.exists(false) } : { _id: current._id, version };
  const { _id, ...data } = next;
  const updated = await updatedCount(collection('faqs').where(where).update({ data }));
  if (!updated) throw new AppError('CONFLICT', '这条常见问题刚被其他人修改过，请刷新后再改');
  await writeAudit(auditEntry({ at: now, ...actorOf(ctx), target: `faq:${current._id}`, action: 'update_faq', summary: `${current.active && !next.active ? '停用' : '修改'}常见问题「${next.question}」`, before: current, after: next }, `v${next.version}`));
  return item(next);
}
