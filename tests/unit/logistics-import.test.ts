import { describe, expect, test } from 'vitest';
import { toIso } from '../../shared/time/clock';
import { customerColdChainSummary, summarizeExcursions } from '../../shared/coldchain';
import { coldChainEvidence, thinCurve } from '../../shared/coldchain/evidence';
import { coldChainDataRequest, importSummary, mergeReadings, parseCsv, parseJson, rejection, sameOrder, orderDocOf, signatureDigest, timestampProblem } from '../../shared/logistics';

const NOW = new Date('2026-11-22T12:00:00+08:00');
const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};
const errorsOf = (r: ReturnType<typeof parseCsv>) => (r.ok ? [] : r.errors.map((e) => `${e.where}：${e.message}`));

const READINGS_CSV = ['orderNo,readingId,at,celsius', 'SO1001,r1,2026-11-20 08:00,-18.2', 'SO1001,r2,2026-11-20 08:10,−17.5', 'SO1001,r3,2026-11-20T08:20:00+08:00,-14'].join('\n');

describe('parsing logistics files', () => {
  test('a readings CSV: China-local times, the typographic minus, ISO with offset', () => {
    const { batch } = ok(parseCsv('readings', READINGS_CSV, NOW));
    expect(batch.readings).toHaveLength(3);
    expect(batch.readings[0]).toMatchObject({ orderNo: 'SO1001', readingId: 'r1', celsius: -18.2, where: '第 2 行' });
    expect(batch.readings[0].at.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(batch.readings[1].celsius).toBe(-17.5);
    expect(batch.readings[2].at.toISOString()).toBe('2026-11-20T00:20:00.000Z');
  });

  test('Chinese column names and a BOM are understood', () => {
    const csv = '\uFEFF订单号,读数编号,读数时间,温度\nSO1001,r1,2026-11-20 08:00,-18';
    expect(ok(parseCsv('readings', csv, NOW)).batch.readings[0]).toMatchObject({ readingId: 'r1', celsius: -18 });
  });

  test('per-row, per-field Chinese messages, every bad row listed (header = line 1)', () => {
    const csv = ['orderNo,readingId,at,celsius', 'SO1001,r1,2026-11-20 08:00,-18', 'SO1001,r2,2026-11-20 08:10,冷', 'SO1001,,2026-13-01 08:00,-18', 'SO1001,r4,2026-11-20 08:30,80'].join('\n');
    expect(errorsOf(parseCsv('readings', csv, NOW))).toEqual([
      '第 3 行：温度不是数字',
      '第 4 行：缺少读数编号',
      '第 4 行：读数时间格式不正确（例如 2026-11-20 08:00 或 2026-11-20T08:00:00+08:00）',
      '第 5 行：温度超出合理范围（−60～60 °C）',
    ]);
  });

  test('missing or unknown columns are reported once, on the header', () => {
    expect(errorsOf(parseCsv('readings', 'orderNo,at,celsius\nSO1,2026-11-20 08:00,-18', NOW))).toEqual(['第 1 行：缺少列：读数编号']);
    expect(errorsOf(parseCsv('readings', 'orderNo,readingId,at,celsius,humidity\nSO1001,r1,2026-11-20 08:00,-18,40', NOW))[0]).toMatch(/^第 1 行：不认识的列：humidity/);
  });

  test('broken CSV, empty files, times in the future', () => {
    expect(errorsOf(parseCsv('readings', 'orderNo,readingId,at,celsius\nSO1001,"r1,2026', NOW))[0]).toMatch(/CSV 格式不正确/);
    expect(errorsOf(parseCsv('readings', '', NOW))).toEqual(['文件：文件是空的']);
    expect(errorsOf(parseCsv('readings', 'orderNo,readingId,at,celsius\n', NOW))).toEqual(['文件：文件里没有数据行']);
    expect(errorsOf(parseCsv('readings', 'orderNo,readingId,at,celsius\nSO1001,r1,2027-01-01 08:00,-18', NOW))).toEqual(['第 2 行：读数时间不在合理范围内']);
  });

  test('orders: items as productId:qty:priceFen, defaults for channel and status', () => {
    const csv = ['orderNo,customerOpenid,paidAt,promisedBy,totalFen,city,region,deliveredAt,items', 'SO2001,demo-customer-1,2026-11-19 10:00,2026-11-20 10:00,7960,成都,川西片区,2026-11-20 09:00,sausage-classic:2:3980'].join('\n');
    const order = ok(parseCsv('orders', csv, NOW)).batch.orders[0];
    expect(order).toMatchObject({ orderNo: 'SO2001', channel: 'miniprogram', status: 'delivered', totalFen: 7960, items: [{ productId: 'sausage-classic', qty: 2, priceFen: 3980 }] });
    const bad = csv.replace('sausage-classic:2:3980', 'sausage-classic:two:3980');
    expect(errorsOf(parseCsv('orders', bad, NOW))).toEqual(['第 2 行：商品明细第 1 项的数量不是数字']);
  });

  test('shipments: delivery before dispatch is refused; the threshold defaults to −15 °C', () => {
    const csv = ['orderNo,carrier,trackingNo,dispatchedAt,deliveredAt', 'SO2001,顺丰冷运,SF1,2026-11-19 12:00,2026-11-20 08:00', 'SO2002,顺丰冷运,SF2,2026-11-19 12:00,2026-11-19 08:00'].join('\n');
    const r = parseCsv('shipments', csv, NOW);
    expect(errorsOf(r)).toEqual(['第 3 行：送达时间早于发出时间']);
    const good = ok(parseCsv('shipments', csv.split('\n').slice(0, 2).join('\n'), NOW));
    expect(good.batch.shipments[0].thresholdCelsius).toBe(-15);
  });

  test('JSON: the push shape with nested readings, unknown fields refused', () => {
    const body = {
      shipments: [{ orderNo: 'SO2001', carrier: '顺丰冷运', trackingNo: 'SF1', dispatchedAt: '2026-11-19T12:00:00+08:00', readings: [{ readingId: 'a', at: '2026-11-19T12:00:00+08:00', celsius: -18 }] }],
      readings: [{ orderNo: 'SO2001', readingId: 'b', at: '2026-11-19T12:10:00+08:00', celsius: -17 }],
    };
    const { batch } = ok(parseJson(undefined, JSON.stringify(body), NOW));
    expect(batch.readings.map((r) => [r.orderNo, r.readingId])).toEqual([['SO2001', 'a'], ['SO2001', 'b']]);
    const bad = parseJson(undefined, { readings: [{ orderNo: 'SO2001', readingId: 'b', at: '2026-11-19T12:10:00+08:00', celsius: '-17', humidity: 3 }] }, NOW);
    expect(bad.ok ? [] : bad.errors).toEqual([{ where: 'readings 第 1 条', field: 'humidity', message: '不认识的字段「humidity」' }]);
    expect(parseJson(undefined, '{', NOW)).toEqual({ ok: false, errors: [{ where: '文件', message: 'JSON 格式不正确' }] });
    expect(parseJson(undefined, { pallets: [] }, NOW).ok).toBe(false);
    // An array needs to say what it is.
    expect(parseJson(undefined, [], NOW).ok).toBe(false);
    expect(ok(parseJson('readings', '[{"orderNo":"SO2001","readingId":"c","at":"2026-11-19 12:20","celsius":-16}]', NOW)).batch.readings).toHaveLength(1);
  });

  test('the same reading twice in a file: identical is merged, different is an error', () => {
    const dup = READINGS_CSV + '\nSO1001,r1,2026-11-20 08:00,-18.2';
    expect(ok(parseCsv('readings', dup, NOW)).batch.readings).toHaveLength(3);
    const clash = READINGS_CSV + '\nSO1001,r1,2026-11-20 08:00,-12';
    expect(errorsOf(parseCsv('readings', clash, NOW))).toEqual(['第 5 行：读数 r1（订单 SO1001）与第 2 行重复但内容不同']);
  });

  test('the refusal: a count, the first errors by place, and how many more', () => {
    const lines = ['orderNo,readingId,at,celsius', ...Array.from({ length: 30 }, (_v, i) => `SO1001,r${i},2026-11-20 08:00,x`)];
    const r = parseCsv('readings', lines.join('\n'), NOW);
    if (r.ok) throw new Error('expected errors');
    const refusal = rejection(r.errors);
    expect(refusal.total).toBe(30);
    expect(refusal.message).toMatch(/^有 30 处数据不正确，本次没有导入任何数据：第 2 行：温度不是数字/);
    expect(Object.keys(refusal.fields)).toHaveLength(21);
    expect(refusal.fields['第 2 行.celsius']).toBe('温度不是数字');
    expect(refusal.fields.more).toBe('另有 10 处错误');
  });
});

describe('merging readings by id', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 0, m));
  test('new ids are added in time order, a re-sent reading changes nothing, a corrected one replaces', () => {
    const first = mergeReadings([], [{ readingId: 'b', at: at(10), celsius: -18 }, { readingId: 'a', at: at(0), celsius: -18 }]);
    expect(first.counts).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(first.readings.map((r) => r.id)).toEqual(['a', 'b']);
    const again = mergeReadings(first.readings, [{ readingId: 'a', at: at(0), celsius: -18 }]);
    expect(again.counts).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(again.readings).toEqual(first.readings);
    const corrected = mergeReadings(first.readings, [{ readingId: 'b', at: at(10), celsius: -12 }, { readingId: 'c', at: at(5), celsius: -17 }]);
    expect(corrected.counts).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect(corrected.readings.map((r) => [r.id, r.celsius])).toEqual([['a', -18], ['c', -17], ['b', -12]]);
  });

  test('readings stored without an id (older data) are kept, and one at the same instant takes the id instead of doubling', () => {
    const merged = mergeReadings([{ at: at(0), celsius: -18 }], [{ readingId: 'x', at: at(10), celsius: -17 }]);
    expect(merged.readings).toEqual([{ at: at(0), celsius: -18 }, { id: 'x', at: at(10), celsius: -17 }]);
    const adopted = mergeReadings(merged.readings, [{ readingId: 'w', at: at(0), celsius: -18 }]);
    expect(adopted.readings).toEqual([{ id: 'w', at: at(0), celsius: -18 }, { id: 'x', at: at(10), celsius: -17 }]);
    expect(adopted.counts).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(mergeReadings(adopted.readings, [{ readingId: 'w', at: at(0), celsius: -18 }]).counts.unchanged).toBe(1);
    const corrected = mergeReadings([{ at: at(0), celsius: -18 }], [{ readingId: 'w', at: at(0), celsius: -11 }]);
    expect(corrected.readings).toEqual([{ id: 'w', at: at(0), celsius: -11 }]);
    expect(corrected.counts.updated).toBe(1);
  });

  test('an order row equal to the stored order is unchanged', () => {
    const csv = ['orderNo,customerOpenid,paidAt,promisedBy,totalFen,city,region', 'SO2001,demo-customer-1,2026-11-19 10:00,2026-11-20 10:00,7960,成都,川西片区'].join('\n');
    const row = ok(parseCsv('orders', csv, NOW)).batch.orders[0];
    expect(sameOrder(orderDocOf(row), row)).toBe(true);
    expect(sameOrder({ ...orderDocOf(row), totalFen: 1 }, row)).toBe(false);
  });

  test('the report in one line', () => {
    expect(importSummary({ orders: { created: 0, updated: 0, unchanged: 0 }, shipments: { created: 1, updated: 0, unchanged: 0 }, readings: { added: 120, updated: 0, unchanged: 3 }, complaintsNotified: 1 })).toBe('新运单 1，新读数 120，未变 3，已通知 1 张冷链工单');
  });
});

describe('push signature helpers', () => {
  test('digest with or without the sha256= prefix; timestamps inside ±5 minutes', () => {
    const hex = 'a'.repeat(64);
    expect(signatureDigest(`sha256=${hex}`)).toBe(hex);
    expect(signatureDigest(hex.toUpperCase())).toBe(hex);
    expect(signatureDigest('sha256=xyz')).toBeUndefined();
    const now = new Date('2026-11-22T04:00:00Z');
    const ts = (s: number) => String(Math.floor(now.getTime() / 1000) + s);
    expect(timestampProblem(ts(-299), now)).toBeUndefined();
    expect(timestampProblem(ts(301), now)).toMatch(/超出允许范围/);
    expect(timestampProblem('yesterday', now)).toMatch(/无法识别/);
  });
});

describe('cold-chain evidence and the customer summary', () => {
  const T0 = new Date('2026-11-20T08:00:00+08:00').getTime();
  const series = (temps: number[]) => temps.map((celsius, i) => ({ at: new Date(T0 + i * 600_000), celsius }));
  const shipment = (temps: number[]) => ({ orderNo: 'SO1', carrier: '顺丰冷运', trackingNo: 'SF1', dispatchedAt: new Date(T0), deliveredAt: new Date(T0 + (temps.length - 1) * 600_000), thresholdCelsius: -15, readings: series(temps) });

  test('curve, excursions, the tier of DOMAIN.md', () => {
    const { evidence } = coldChainEvidence(shipment([-18, -17, -15, -12, -10, -12, -15, -17, -18]));
    expect(evidence).toMatchObject({ minutesAbove: 40, excursionCount: 1, longest: { minutes: 40, peakCelsius: -10 }, missingData: false, readingCount: 9 });
    expect(evidence.suggestedTier).toMatch(/^冷链超温 40 分钟（高于 −15 °C，≤ 120 分钟）：退还受影响订单金额的 50%/);
    expect(evidence.curve).toHaveLength(9);
    expect(evidence.dispatchedAt).toBe('2026-11-20T08:00:00.000+08:00');
    expect(coldChainEvidence(shipment([-18, -18, -18])).evidence.suggestedTier).toBeUndefined();
  });

  test('the thinned curve keeps every point above the threshold and its neighbours', () => {
    const temps = Array.from({ length: 1000 }, (_v, i) => (i >= 500 && i < 503 ? -10 : -18));
    const curve = thinCurve(series(temps), -15, 100);
    expect(curve.length).toBeLessThan(120);
    expect(curve.filter((p) => p.celsius > -15)).toHaveLength(3);
    // The samples either side of the excursion are kept, so its crossings are drawn where they were.
    expect(curve.map((p) => p.at)).toEqual(expect.arrayContaining([toIso(T0 + 499 * 600_000), toIso(T0 + 503 * 600_000)]));
  });

  test('the customer paragraph: minutes, several excursions, gaps, nothing yet', () => {
    expect(customerColdChainSummary(summarizeExcursions(series([-18, -17, -15, -12, -10, -12, -15, -17, -18])))).toBe('运输途中有 40 分钟高于 −15 °C，最高 −10 °C。专员会按公司的冷链补偿规则为您处理。');
    const two = summarizeExcursions(series([-18, -15, -13, -15, -18, -18, -15, -12, -11, -12, -15, -18]));
    expect(customerColdChainSummary(two)).toBe('运输途中有 60 分钟高于 −15 °C（共 2 次，最长一次 40 分钟），最高 −11 °C。专员会按公司的冷链补偿规则为您处理。');
    expect(customerColdChainSummary(summarizeExcursions(series([-18, -18, -17])))).toBe('这一单运输途中共记录 3 次温度，始终在 −15 °C 及以下。专员会结合您描述的情况继续处理。');
    const gap = summarizeExcursions([...series([-18, -18]), { at: new Date(T0 + 120 * 60_000), celsius: -18 }]);
    expect(customerColdChainSummary(gap)).toMatch(/部分时段没有温度记录，专员会向物流核实。/);
    expect(customerColdChainSummary(undefined)).toMatch(/正在向物流调取/);
    expect(customerColdChainSummary(summarizeExcursions([]))).toMatch(/正在向物流调取/);
  });

  test('intake asks for the data only for cold-chain complaints with an order', () => {
    const doc = { _id: 'c1', ticketNo: 'KS1', subcategory: 'cold_chain', orderNo: 'SO1', level: 'L2' as const };
    expect(coldChainDataRequest(doc)).toMatchObject({ dedupeKey: 'coldchain-data:c1', kind: 'coldchain_data_request', audience: 'system', data: { orderNo: 'SO1' } });
    expect(coldChainDataRequest({ ...doc, orderNo: undefined })).toBeUndefined();
    expect(coldChainDataRequest({ ...doc, subcategory: 'late' })).toBeUndefined();
  });
});

describe('the temperature chart layout', () => {
  test('threshold inside the axis, points and excursions placed on the dispatch → delivery span, gaps hatched', async () => {
    const { temperatureChartLayout } = await import('../../shared/coldchain/chart');
    const T0 = new Date('2026-11-20T08:00:00+08:00').getTime();
    const readings = [-18, -17, -15, -12, -10, -12, -15, -17, -18].map((celsius, i) => ({ at: new Date(T0 + i * 600_000), celsius }));
    const shipment = { orderNo: 'SO1', carrier: '顺丰冷运', trackingNo: 'SF1', dispatchedAt: new Date(T0), deliveredAt: new Date(T0 + 160 * 60_000), thresholdCelsius: -15, readings };
    const layout = temperatureChartLayout(coldChainEvidence(shipment).evidence);
    expect(layout).toMatchObject({ yMin: -25, yMax: -5 });
    expect(layout.thresholdPct).toBe(50);
    expect(layout.points[0]).toMatchObject({ leftPct: 0, over: false });
    expect(layout.points[8].leftPct).toBe(50);
    expect(layout.excursions).toEqual([{ leftPct: 12.5, widthPct: 25, minutes: 40 }]);
    // Readings stop at 80 min of a 160-min trip: the second half is a gap.
    expect(layout.gaps).toEqual([{ leftPct: 50, widthPct: 50, minutes: 80 }]);
  });
});
