import { describe, expect, test } from 'vitest';
import { documentFrequencies, idf, tfidfKeywords } from '../../shared/stats/keywords';
import { computeOverview, type StatsRow } from '../../shared/stats/overview';
import { dayStart, daysBetween, decodeDay, encodeDay, matchesFilters, TERMS_PER_ROW, type DayDoc, type StatsFilters } from '../../shared/stats/rollup';
import { overviewFromRollups } from '../../shared/stats/rollup-overview';
import { customerKey, groupByCustomer, vipFirst, type WatchRow } from '../../shared/stats/watch';
import { pickExamples, redactText, topProblems, weekOf, weeklyReportCsv } from '../../shared/stats/weekly';
import { chinaDate } from '../../shared/time/clock';
import { syntheticComplaints } from '../../scripts/seed/synthetic-complaints';
import type { Category } from '../../shared/complaint/model';

const now = new Date('2026-11-22T15:30:00+08:00');
const H = 3_600_000;

/** Synthetic complaints as the stats function reads them, with stores, tiers and terms varied. */
function sampleRows(count: number, seed = 5): StatsRow[] {
  return syntheticComplaints({ now, count, days: 20, openShare: 0.3, seed }).map((d, i) => {
    const doc = d as Record<string, any>;
    const row: StatsRow = {
      id: doc._id,
      createdAt: doc.createdAt,
      category: doc.category,
      subcategory: doc.subcategory,
      department: doc.department,
      level: doc.level,
      status: doc.status,
      foodSafety: doc.foodSafety,
      channel: doc.channel,
      customerTier: doc.customerTier,
      productId: doc.productId,
      productName: doc.productName,
      batchId: doc.batchId,
      batchNo: doc.batchNo,
      region: doc.region,
      sla: Object.fromEntries(['firstResponseDueAt', 'resolveDueAt', 'firstRespondedAt', 'resolvedAt'].filter((k) => doc.sla[k]).map((k) => [k, doc.sla[k]])) as StatsRow['sla'],
      terms: doc.description.match(/.{2}/g)!.slice(0, 4),
    };
    if (i % 3 === 0) Object.assign(row, { storeId: `store-${i % 4}`, storeName: `门店${i % 4}` });
    if (doc.resolvedAt) row.resolvedAt = doc.resolvedAt;
    if (doc.rating) row.rating = { stars: doc.rating.stars, nps: doc.rating.nps };
    return row;
  });
}

/** Every day of the rows as the rollup stores it (through JSON, as the database keeps it). */
function dayDocs(rows: StatsRow[]): DayDoc[] {
  const byDay = new Map<string, StatsRow[]>();
  for (const r of rows) byDay.set(chinaDate(r.createdAt), [...(byDay.get(chinaDate(r.createdAt)) ?? []), r]);
  return [...byDay].map(([day, list]) => JSON.parse(JSON.stringify(encodeDay(day, list, now))));
}
const roundTrip = (rows: StatsRow[]) => dayDocs(rows).flatMap((d) => decodeDay(d));

describe('day rollups', () => {
  const rows = sampleRows(3000);
  const range = { from: dayStart('2026-11-03'), to: dayStart('2026-11-23') };

  test('decoding a day document gives back every field the figures read', () => {
    const back = roundTrip(rows);
    const byId = new Map(back.map((r) => [r.id, r]));
    for (const r of rows.slice(0, 200)) expect(byId.get(r.id)).toEqual(JSON.parse(JSON.stringify(r), (k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v)));
  });

  const filters: StatsFilters[] = [{}, { department: 'logistics' }, { category: 'quality' }, { productId: 'sausage-mala' }, { storeId: 'store-1' }, { region: '成都片区' }, { tier: 'vip' }, { tier: 'regular', department: 'qc' }, { productId: 'nothing-like-it' }];
  const previousFrom = dayStart('2026-10-14');
  test.each(filters)('the rollup gives the same figures as computeOverview over the complaints themselves, filters %o', (f) => {
    const inPrev = (r: StatsRow) => r.createdAt >= previousFrom && r.createdAt < range.from;
    const inRange = (r: StatsRow) => r.createdAt >= range.from && r.createdAt < range.to;
    const previousByCategory: Record<string, number> = {};
    for (const r of rows.filter((r) => inPrev(r) && matchesFilters(r, f))) previousByCategory[r.category] = (previousByCategory[r.category] ?? 0) + 1;
    // The keywords' background is every complaint of both periods, unfiltered (as the day documents keep it).
    const background = documentFrequencies(rows.filter((r) => inPrev(r) || inRange(r)).map((r) => r.terms!.slice(0, TERMS_PER_ROW)));
    const direct = computeOverview(rows.filter((r) => inRange(r) && matchesFilters(r, f)), previousByCategory, range, now, { background });
    const { overview, options } = overviewFromRollups({ docs: dayDocs(rows), extra: [], skip: new Set(), filters: f, range, previousFrom, now });
    expect(overview).toEqual(direct);
    if (f.productId === 'nothing-like-it') expect(direct.total).toBe(0);
    else expect(direct.total).toBeGreaterThan(0);
    expect(options.regions).toContain('成都片区');
  });

  test('complaints changed since the rollup replace their stale tuples; days not built come live', () => {
    const old = rows.slice(0, 400);
    const changed: StatsRow = { ...old[5], status: 'resolved', resolvedAt: new Date(old[5].createdAt.getTime() + H), rating: { stars: 5, nps: 10 } };
    const brandNew: StatsRow = { ...old[6], id: 'new-1', createdAt: new Date(now.getTime() - H) };
    const current = [...old.filter((r) => r.id !== changed.id), changed, brandNew];
    const docs = dayDocs(old);
    const fromRollups = overviewFromRollups({ docs, extra: [changed, brandNew], skip: new Set([changed.id!, brandNew.id!]), filters: {}, range, previousFrom: range.from, now }).overview;
    const background = documentFrequencies(current.filter((r) => r.createdAt >= range.from).map((r) => r.terms!));
    expect(fromRollups.total).toBe(current.filter((r) => r.createdAt >= range.from).length);
    expect(fromRollups.satisfaction.ratings).toBe(computeOverview(current.filter((r) => r.createdAt >= range.from), {}, range, now, { background }).satisfaction.ratings);
    expect({ ...fromRollups, keywords: [] }).toEqual({ ...computeOverview(current.filter((r) => r.createdAt >= range.from), {}, range, now, { background }), keywords: [] });
  });

  test('a day document stays small: under 100 bytes per complaint', () => {
    const day = chinaDate(rows[0].createdAt);
    const list = rows.filter((r) => chinaDate(r.createdAt) === day);
    const doc = encodeDay(day, list, now);
    expect(doc.count).toBe(list.length);
    expect((doc.rows.length + JSON.stringify(doc.dict).length) / list.length).toBeLessThan(100);
  });

  test('days and pickers', () => {
    expect(daysBetween(dayStart('2026-10-30'), dayStart('2026-11-02'))).toEqual(['2026-10-30', '2026-10-31', '2026-11-01']);
    expect(dayStart('2026-11-01').toISOString()).toBe('2026-10-31T16:00:00.000Z');
    // The pickers list what the department holds, whatever else is filtered.
    const { options } = overviewFromRollups({ docs: dayDocs(rows), extra: [], skip: new Set(), filters: { storeId: 'store-1' }, range, previousFrom: range.from, now });
    expect(options.stores).toHaveLength(4);
    expect(options.products.find((p) => p.id === 'sausage-mala')?.name).toBe('麻辣腊肠');
  });
});

describe('TF-IDF keywords', () => {
  test('smoothed IDF; a word everybody uses sinks below a rarer one mentioned as often recently', () => {
    expect(idf(0, 9)).toBeCloseTo(Math.log(10) + 1);
    const background = documentFrequencies([['配送', '晚'], ['配送'], ['配送'], ['配送', '化冻'], ['发霉', '配送']]);
    const top = tfidfKeywords([['配送', '发霉'], ['发霉', '配送']], background);
    expect(top.map((k) => k.word)).toEqual(['发霉', '配送']);
    expect(top[0].count).toBe(2);
  });

  test('with many recent complaints, a word only one of them uses is noise', () => {
    const recent = Array.from({ length: 60 }, (_, i) => (i === 0 ? ['孤例', '发霉'] : ['发霉']));
    const words = tfidfKeywords(recent, documentFrequencies(recent)).map((k) => k.word);
    expect(words).toEqual(['发霉']);
  });
});

describe('weekly report', () => {
  test('weeks run Monday to Sunday', () => {
    expect(weekOf('2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22', previousFrom: '2026-11-09' });
    expect(weekOf('2026-11-16')).toEqual({ from: '2026-11-16', to: '2026-11-22', previousFrom: '2026-11-09' });
  });

  test('top 3 problems with the change on the week before and their keywords', () => {
    const r = (sub: string, category: Category, terms: string[], foodSafety = false): StatsRow => ({ ...sampleRows(1)[0], category, subcategory: sub, terms, foodSafety });
    const current = [
      ...Array.from({ length: 5 }, () => r('late', 'delivery', ['超时', '配送'])),
      ...Array.from({ length: 4 }, () => r('spoiled', 'quality', ['发霉', '腊肠'], true)),
      ...Array.from({ length: 4 }, () => r('taste', 'quality', ['太辣', '腊肠'])),
      r('refund', 'service', ['退款']),
    ];
    const previous = [...Array.from({ length: 2 }, () => r('late', 'delivery', [])), r('taste', 'quality', [])];
    const top = topProblems(current, previous, (_c, s) => `label:${s}`);
    expect(top.map((p) => [p.subcategory, p.count, p.previous, p.changePct])).toEqual([
      ['late', 5, 2, 150],
      ['spoiled', 4, 0, undefined], // ties on count: the food-safety problem first
      ['taste', 4, 1, 300],
    ]);
    expect(top[1].keywords[0]).toBe('发霉');
    expect(top[0].label).toBe('label:late');
  });

  test('examples never show a phone number or an id; the CSV is Excel-safe', () => {
    expect(redactText('电话13812345678，订单号 202611220001 还没到')).toBe('电话138****5678，订单号 ****** 还没到');
    expect(redactText('我的ID是 oAbCdEfGhIjKlMnOpQrStUvWx123')).toBe('我的ID是 ***');
    expect(pickExamples(['好', '腊肠发霉了，不敢吃', '腊肠发霉了，不敢吃', '火锅底料一股怪味'], 2)).toEqual(['腊肠发霉了，不敢吃', '火锅底料一股怪味']);
    const csv = weeklyReportCsv({
      week: { from: '2026-11-16', to: '2026-11-22' },
      previousWeek: { from: '2026-11-09', to: '2026-11-15' },
      total: 9,
      previousTotal: 3,
      problems: [{ rank: 1, category: 'quality', subcategory: 'spoiled', label: '变质/发霉/不新鲜', count: 4, previous: 0, foodSafety: 4, keywords: ['发霉'], examples: ['=HYPERLINK("x")'] }],
    });
    expect(csv.startsWith('\uFEFF投诉周报 2026-11-16 至 2026-11-22')).toBe(true);
    expect(csv).toContain('排名,类别,细类,本周投诉');
    expect(csv).toContain('1,产品质量,变质/发霉/不新鲜,4,0,新增,4,发霉,"\'=HYPERLINK(""x"")",,');
  });
});

describe('customer watch lists', () => {
  const t = (customer: string, day: number, over: Partial<WatchRow> = {}): WatchRow => ({
    complaintId: `${customer}-${day}`,
    customerOpenid: customer,
    ticketNo: `KS-${customer}-${day}`,
    status: 'investigating',
    createdAt: new Date(now.getTime() - day * 24 * H),
    contactPhoneMasked: '138****0001',
    ...over,
  });

  test('repeat complainants: at least 3, most first, newest ticket first, pseudonymous', () => {
    const list = groupByCustomer([t('a', 1), t('a', 3), t('a', 2), t('b', 1), t('b', 2), t('c', 1), t('c', 2), t('c', 3), t('c', 4, { customerTier: 'vip' })], (n) => `${n} 次`, 3);
    expect(list.map((c) => c.complaints)).toEqual([4, 3]);
    expect(list[0]).toMatchObject({ key: customerKey('c'), tier: 'vip', reason: '4 次', phoneMasked: '138****0001' });
    expect(list[1].tickets.map((x) => x.ticketNo)).toEqual(['KS-a-1', 'KS-a-2', 'KS-a-3']);
    expect(JSON.stringify(list)).not.toContain('"a"');
    expect(customerKey('c')).toMatch(/^C-[0-9a-f]{8}$/);
    expect(vipFirst([{ ...list[1] }, { ...list[0] }])[0].tier).toBe('vip');
  });
});
