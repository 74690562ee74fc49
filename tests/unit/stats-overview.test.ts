import { describe, expect, test } from 'vitest';
import { computeOverview, type StatsRow } from '../../shared/stats/overview';

const from = new Date('2026-11-01T00:00:00+08:00');
const to = new Date('2026-11-08T00:00:00+08:00');
const now = new Date('2026-11-08T12:00:00+08:00');
const H = 3_600_000;
const at = (day: number, hour = 10) => new Date(from.getTime() + (day * 24 + hour) * H);

const row = (over: Partial<StatsRow> = {}): StatsRow => ({
  createdAt: at(0),
  category: 'quality',
  subcategory: 'taste',
  department: 'qc',
  level: 'L2',
  status: 'investigating',
  foodSafety: false,
  terms: ['太咸'],
  sla: { firstResponseDueAt: new Date(at(0).getTime() + 4 * H), resolveDueAt: new Date(at(0).getTime() + 48 * H) },
  ...over,
});

describe('computeOverview', () => {
  test('SLA compliance counts targets that came due or were met; time to resolve; NPS', () => {
    const c = at(0);
    const rows = [
      row({ status: 'resolved', sla: { firstResponseDueAt: new Date(c.getTime() + 4 * H), firstRespondedAt: new Date(c.getTime() + 1 * H), resolveDueAt: new Date(c.getTime() + 48 * H), resolvedAt: new Date(c.getTime() + 10 * H) }, rating: { stars: 5, nps: 10 } }),
      row({ status: 'resolved', sla: { firstResponseDueAt: new Date(c.getTime() + 4 * H), firstRespondedAt: new Date(c.getTime() + 5 * H), resolveDueAt: new Date(c.getTime() + 48 * H), resolvedAt: new Date(c.getTime() + 60 * H) }, rating: { stars: 1, nps: 2 } }),
      row({ department: 'logistics', category: 'delivery', subcategory: 'late' }),
    ];
    const o = computeOverview(rows, {}, { from, to }, now);
    expect(o.slaByDepartment.find((d) => d.department === 'qc')).toMatchObject({ tickets: 2, firstResponseMet: 1, firstResponseRate: 0.5, resolutionMet: 1, resolutionRate: 0.5, resolved: 2 });
    // The open logistics ticket is past both targets: not met.
    expect(o.slaByDepartment.find((d) => d.department === 'logistics')).toMatchObject({ firstResponseRate: 0, resolutionRate: 0 });
    expect(o.resolution).toEqual({ resolved: 2, meanHours: 35, p90Hours: 60 });
    expect(o.satisfaction).toMatchObject({ ratings: 2, meanStars: 3, nps: 0, promoters: 1, detractors: 1 });
    expect(o.alerts).toContainEqual(expect.objectContaining({ kind: 'breach' }));
    expect(o.volumeByDay).toHaveLength(7);
    expect(o.volumeByDay[0]).toEqual({ date: '2026-11-01', count: 3, foodSafety: 0 });
  });

  test('a category up at least 30 % on the previous period is an alert; the heatmap crosses product and region', () => {
    const rows = Array.from({ length: 5 }, (_, i) => row({ createdAt: at(i), productId: 'p1', productName: '腊肠', region: i < 3 ? '成都片区' : '重庆片区', batchId: 'b1', batchNo: '20261101' }));
    const o = computeOverview(rows, { quality: 3 }, { from, to }, now);
    expect(o.byCategory[0]).toMatchObject({ category: 'quality', count: 5, previous: 3, changePct: 67 });
    expect(o.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(['category_spike', 'batch_cluster']));
    expect(o.heatmap.cells).toEqual(expect.arrayContaining([{ product: '腊肠', region: '成都片区', count: 3 }, { product: '腊肠', region: '重庆片区', count: 2 }]));
  });

  test('the keyword cloud: TF-IDF of the last week against the range and the previous period', () => {
    // A two-week range: the cloud is its last week.
    const rows = [
      // Old news: 化冻 and 配送 every day of the first week.
      ...Array.from({ length: 6 }, (_, i) => row({ createdAt: at(i - 7), terms: ['化冻', '配送'] })),
      row({ createdAt: at(4), terms: ['化冻', '配送'] }),
      // This week's new problem.
      row({ createdAt: at(5), terms: ['发霉', '腊肠'] }),
      row({ createdAt: at(6), terms: ['发霉', '配送'] }),
    ];
    const o = computeOverview(rows, {}, { from: at(-7, 0), to }, now, { previousTerms: [['配送'], ['配送'], ['化冻']] });
    expect(o.keywords[0]).toMatchObject({ word: '发霉', count: 2 });
    // 配送 is in as many recent complaints as 发霉 but everywhere in the background: it ranks below it and 腊肠.
    expect(o.keywords.map((k) => k.word)).toEqual(['发霉', '腊肠', '配送', '化冻']);
    expect(o.keywords.find((k) => k.word === '配送')).toMatchObject({ count: 2 });
  });
});
