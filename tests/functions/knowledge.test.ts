import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Knowledge through the real SDK: resolved tickets enter the similar-case index (the sla timer drains the queue
 * commitChange stamps), `ticket.similarCases` ranks by the complaint's words with solution, rating and the words
 * shared, department scoping, the case archive (permissions, audit, badge), and the backfill.
 */
let cloud: TestCloud;
const rid = requestIds();
type Row = Record<string, any>;

const submit = (openid: string, description: string) =>
  cloud.call('complaint', 'submit', { contactPhone: '13812348000', description } as never, { openid, requestId: rid('sub') }).then(data);
const view = (openid: string, complaintId: string) => cloud.call('ticket', 'get', { complaintId }, { openid }).then(data);

async function advance(minutes: number) {
  const res = await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
  expect(res.status).toBe(200);
}

/** Investigate, propose a solution, the customer accepts (→ resolved) and rates it. */
async function resolveWith(customer: string, complaintId: string, solution: string, rootCause: string, stars?: number): Promise<string> {
  const doc = cloud.database.find('complaints', { _id: complaintId })[0] as Row;
  const agent = doc.assigneeOpenid ?? `demo-agent-${doc.department}`;
  let v = await view(agent, complaintId);
  if (v.status === 'submitted') {
    data(await cloud.call('ticket', 'claim', { complaintId, version: v.version }, { openid: agent }));
    v = await view(agent, complaintId);
  }
  if (v.status === 'assigned') {
    data(await cloud.call('ticket', 'transition', { complaintId, to: 'investigating', version: v.version }, { openid: agent }));
    v = await view(agent, complaintId);
  }
  data(await cloud.call('ticket', 'proposeSolution', { complaintId, version: v.version, text: solution, rootCause }, { openid: agent }));
  data(await cloud.call('complaint', 'respond', { complaintId, accept: true }, { openid: customer, requestId: rid('resp') }));
  if (stars) data(await cloud.call('complaint', 'rate', { complaintId, stars }, { openid: customer, requestId: rid('rate') }));
  return agent;
}

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

describe('similar cases', () => {
  let sausage: string;
  let late: string;

  test('resolved tickets become searchable once the timer runs, with their words, solution and rating', async () => {
    const a = await submit('demo-customer-1', '买的腊肠打开发霉了，上面全是白毛，不敢吃');
    const b = await submit('demo-customer-2', '火锅底料过期了，生产日期是去年的');
    const c = await submit('demo-customer-3', '这次的腊肉有股哈喇味，肉也发黄');
    const d = await submit('demo-customer-1', '快递送了三天才到，说好的次日达');
    sausage = a.complaintId;
    late = d.complaintId;
    await resolveWith('demo-customer-1', a.complaintId, '为您全额退款并补发一包新批次腊肠', '该批次腊肠包装漏气受潮', 5);
    await resolveWith('demo-customer-2', b.complaintId, '核实为仓库发错旧批次，为您退款', '仓库先进先出执行不到位', 4);
    await resolveWith('demo-customer-3', c.complaintId, '为您退款并送 100 积分', '储存温度偏高', 3);
    await resolveWith('demo-customer-1', d.complaintId, '承运商延误，发放优惠券', '承运商中转延误', 4);
    expect(cloud.database.find('complaints', { _id: a.complaintId })[0]).toMatchObject({ status: 'resolved', caseIndexAt: expect.any(Date) });

    await advance(1);
    const indexed = cloud.database.find('complaints', { _id: a.complaintId })[0] as Row;
    expect(indexed.caseIndexAt).toBeUndefined();
    expect(indexed.caseIndex).toMatchObject({ subcategory: a.subcategory, terms: expect.arrayContaining(['腊肠', '发霉']) });
    expect(cloud.database.find('caseTerms', { _id: `${a.subcategory}:腊肠` })[0]).toMatchObject({ df: 1, postings: expect.stringMatching(new RegExp(`^${a.complaintId},1,\\d+,[0-9a-z]+,0$`)) });

    const query = await submit('demo-customer-2', '腊肠发霉长白毛了，孩子差点吃了');
    const similar = data(await cloud.call('ticket', 'similarCases', { complaintId: query.complaintId }, { openid: 'demo-agent-qc' }));
    expect(similar.items[0]).toMatchObject({
      complaintId: a.complaintId,
      solution: '为您全额退款并补发一包新批次腊肠',
      rootCause: '该批次腊肠包装漏气受潮',
      stars: 5,
      matchedTerms: expect.arrayContaining(['腊肠', '发霉']),
    });
    expect(similar.items[0]!.score).toBeGreaterThan(0);
    expect(similar.items.map((s) => s.complaintId)).not.toContain(query.complaintId);
    expect(similar.items.map((s) => s.complaintId)).not.toContain(d.complaintId);
  });

  test('indexing is idempotent: a second run, a close and a re-resolve leave one posting per case', async () => {
    const before = cloud.database.find('caseStats', {}) as Row[];
    const doc = cloud.database.find('complaints', { _id: sausage })[0] as Row;
    let v = await view('demo-agent-qc', sausage);
    data(await cloud.call('ticket', 'transition', { complaintId: sausage, to: 'closed', version: v.version }, { openid: 'demo-agent-qc' }));
    await advance(1);
    await advance(1);
    const postings = ((cloud.database.find('caseTerms', { _id: `${doc.subcategory}:腊肠` })[0] as Row).postings as string).split(';');
    expect(postings.filter((p) => p.startsWith(`${sausage},`))).toHaveLength(1);
    expect(cloud.database.find('caseStats', {})).toEqual(before);
    v = await view('demo-agent-qc', sausage);
    expect(v.status).toBe('closed');
  });

  test('agents see only their department’s cases; other departments cannot ask', async () => {
    const query = await submit('demo-customer-3', '快递太慢了，三天才送到');
    const own = data(await cloud.call('ticket', 'similarCases', { complaintId: query.complaintId }, { openid: 'demo-agent-logistics' }));
    expect(own.items[0]).toMatchObject({ complaintId: late, matchedTerms: expect.arrayContaining(['快递']) });
    for (const item of own.items) expect((cloud.database.find('complaints', { _id: item.complaintId })[0] as Row).department).toBe('logistics');
    expect(await cloud.call('ticket', 'similarCases', { complaintId: query.complaintId }, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a reopened ticket leaves the results at once and the index at the next run; with no shared word, the latest of the subcategory', async () => {
    const rancid = await submit('demo-customer-3', '腊肉哈喇味很重，肉发黄');
    await resolveWith('demo-customer-3', rancid.complaintId, '退款并送积分', '储存温度偏高');
    await advance(1);
    const q = await submit('demo-customer-1', '腊肉有哈喇味');
    const ids = async () => data(await cloud.call('ticket', 'similarCases', { complaintId: q.complaintId }, { openid: 'demo-manager' })).items.map((i) => i.complaintId);
    expect(await ids()).toContain(rancid.complaintId);
    const v = await view('demo-agent-qc', rancid.complaintId);
    data(await cloud.call('ticket', 'transition', { complaintId: rancid.complaintId, to: 'investigating', version: v.version, note: '顾客补充了照片' }, { openid: 'demo-head-qc' }));
    expect(await ids()).not.toContain(rancid.complaintId);
    await advance(1);
    const doc = cloud.database.find('complaints', { _id: rancid.complaintId })[0] as Row;
    expect(doc.caseIndex).toBeUndefined();
    expect(JSON.stringify(cloud.database.find('caseTerms', {}))).not.toContain(rancid.complaintId);

    const vague = await submit('demo-customer-3', '这个东西让人很无语');
    const fallback = data(await cloud.call('ticket', 'similarCases', { complaintId: vague.complaintId }, { openid: 'demo-manager' }));
    for (const item of fallback.items) {
      expect(item.subcategory).toBe(vague.subcategory);
      expect(['resolved', 'closed']).toContain(item.status);
    }
  });
});

describe('case archive', () => {
  test('heads archive their own department’s resolved cases with a note; agents and other heads cannot; all audited', async () => {
    const c = await submit('demo-customer-2', '钵钵鸡里面吃出一根头发');
    const open = await view('demo-head-qc', c.complaintId);
    expect(await cloud.call('ticket', 'archiveCase', { complaintId: c.complaintId, version: open.version, note: '先安抚再取证' }, { openid: 'demo-head-qc' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await resolveWith('demo-customer-2', c.complaintId, '致歉并全额退款，车间加强发网检查', '车间员工未戴发网', 5);
    const v = await view('demo-head-qc', c.complaintId);
    expect(await cloud.call('ticket', 'archiveCase', { complaintId: c.complaintId, version: v.version, note: '先安抚再取证' }, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'archiveCase', { complaintId: c.complaintId, version: v.version, note: '先安抚再取证' }, { openid: 'demo-head-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('ticket', 'archiveCase', { complaintId: c.complaintId, version: v.version - 1, note: '先安抚再取证' }, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const archived = data(await cloud.call('ticket', 'archiveCase', { complaintId: c.complaintId, version: v.version, note: '先安抚再取证，当天给出车间整改' }, { openid: 'demo-head-qc' }));
    expect(archived.version).toBe(v.version + 1);
    expect(cloud.database.find('events', { complaintId: c.complaintId, action: 'archive' })).toMatchObject([{ actorOpenid: 'demo-head-qc', after: { note: '先安抚再取证，当天给出车间整改' }, visibility: 'internal' }]);

    await advance(1);
    const q = await submit('demo-customer-1', '水饺里有头发，太恶心了');
    const similar = data(await cloud.call('ticket', 'similarCases', { complaintId: q.complaintId }, { openid: 'demo-agent-qc' }));
    expect(similar.items[0]).toMatchObject({ complaintId: c.complaintId, archive: { note: '先安抚再取证，当天给出车间整改' }, matchedTerms: expect.arrayContaining(['头发']) });

    const list = data(await cloud.call('ticket', 'caseArchive', { text: '发网' }, { openid: 'demo-agent-qc' }));
    expect(list.items.map((i) => i.complaintId)).toEqual([c.complaintId]);
    expect(list.items[0]).toMatchObject({ category: 'quality', department: 'qc', archive: { note: '先安抚再取证，当天给出车间整改' }, solution: '致歉并全额退款，车间加强发网检查' });
    expect(data(await cloud.call('ticket', 'caseArchive', {}, { openid: 'demo-agent-logistics' })).items).toEqual([]);
    expect(data(await cloud.call('ticket', 'caseArchive', { subcategory: 'late' }, { openid: 'demo-manager' })).items).toEqual([]);

    const back = data(await cloud.call('ticket', 'unarchiveCase', { complaintId: c.complaintId, version: archived.version }, { openid: 'demo-manager' }));
    expect(back.version).toBe(archived.version + 1);
    expect(data(await cloud.call('ticket', 'caseArchive', {}, { openid: 'demo-manager' })).items).toEqual([]);
    expect(cloud.database.count('events', { complaintId: c.complaintId, action: 'unarchive' })).toBe(1);
  });
});

describe('backfill', () => {
  test('tickets resolved before the index existed are indexed page by page; running it again changes nothing', async () => {
    const c = await submit('demo-customer-3', '冷吃兔太辣了，完全吃不了');
    await resolveWith('demo-customer-3', c.complaintId, '说明麻辣度并赠送微辣款', '口味偏好不同');
    // A ticket resolved before the index existed: no stamp, no record (cloned straight into the database).
    const { caseIndexAt: _stamp, caseIndex: _record, ...template } = cloud.database.find('complaints', { _id: c.complaintId })[0] as Row;
    cloud.database.insertMany('complaints', [{ ...template, _id: 'old-case', ticketNo: 'KS-OLD-1', requestId: 'old-case', description: '冷吃兔辣得受不了，麻辣度标得不准' }]);
    expect(await cloud.call('ticket', 'indexCases', {}, { openid: 'demo-agent-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    let cursor: string | undefined;
    let indexed = 0;
    do {
      const page = data(await cloud.call('ticket', 'indexCases', { limit: 2, ...(cursor ? { cursor } : {}) }, { openid: 'demo-admin' }));
      indexed += page.indexed;
      cursor = page.cursor;
    } while (cursor);
    expect(indexed).toBeGreaterThanOrEqual(2);
    expect(cloud.database.find('complaints', { _id: 'old-case' })[0]).toMatchObject({ caseIndex: { terms: expect.arrayContaining(['冷吃兔']) } });
    expect(cloud.database.find('complaints', { _id: c.complaintId })[0]).toMatchObject({ caseIndex: { terms: expect.arrayContaining(['冷吃兔']) } });
    expect(data(await cloud.call('ticket', 'indexCases', {}, { openid: 'demo-admin' })).indexed).toBe(0);
  });
});

describe('FAQ deflection', () => {
  const read = (openid: string, faqId: string, requestId = rid('faq')) => cloud.call('complaint', 'track', { event: 'faq_view', ref: faqId }, { openid, requestId }).then(data);

  test('reads, complaints within 24 hours and the rate per FAQ, for a period; managers and admins only', async () => {
    // Reads now: one reader files a complaint anyway, two do not (one read the answer twice, and a retry repeats a request).
    await read('faq-reader-1', 'faq-thawed');
    await read('faq-reader-2', 'faq-thawed');
    const retried = rid('faq');
    await read('faq-reader-3', 'faq-refund', retried);
    expect(await read('faq-reader-3', 'faq-refund', retried)).toEqual({ recorded: false });
    await read('faq-reader-3', 'faq-refund');
    await read('demo-agent-qc', 'faq-thawed');
    await submit('faq-reader-1', '看了说明还是不行，水饺全化冻了');
    await advance(25 * 60);
    // A read after the others: its 24 hours are still open.
    await read('faq-reader-4', 'faq-thawed');

    const stats = data(await cloud.call('admin', 'faqStats', {}, { openid: 'demo-manager' }));
    expect(stats).toMatchObject({ windowHours: 24, truncated: false, totals: { reads: 4, submitted: 1, deflected: 2, pending: 1, rate: 0.667 } });
    expect(stats.items).toEqual([
      { faqId: 'faq-thawed', question: expect.any(String), reads: 3, submitted: 1, deflected: 1, pending: 1, rate: 0.5 },
      { faqId: 'faq-refund', question: expect.any(String), reads: 1, submitted: 0, deflected: 1, pending: 0, rate: 1 },
    ]);
    expect(stats.items[0]!.question.length).toBeGreaterThan(3);

    const yesterday = data(await cloud.call('admin', 'faqStats', { from: '2020-01-01', to: '2020-01-31' }, { openid: 'demo-admin' }));
    expect(yesterday).toMatchObject({ totals: { reads: 0 }, items: [] });
    expect(await cloud.call('admin', 'faqStats', { from: '2026-12-01', to: '2026-11-01' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.call('admin', 'faqStats', { from: '2026-99-99' }, { openid: 'demo-admin' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await cloud.call('admin', 'faqStats', {}, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
