import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { fullPageScreenshot, shown, textOf, withAppInBrowser } from '../helpers/browser';
import { data, type TestCloud } from '../helpers/localcloud';

/**
 * Logistics data in the browser build: an admin pastes a readings CSV with bad rows (the rows are listed, nothing is
 * imported), fixes it and imports; an agent sees the temperature chart of a cold-chain complaint; the customer reads
 * the paragraph on their complaint page. Screenshots: test-results/screenshots/logistics-*.png.
 */
let cloud: TestCloud;
let page: Page;
const text = (selector: string) => textOf(page, selector);
type Row = Record<string, any>;

async function open(openid: string, hash: string, viewport = { width: 390, height: 844 }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.goto('about:blank');
  await page.goto(`${cloud.url}/?as=${openid}#${hash}`);
}
async function snap(name: string) {
  await page.waitForTimeout(400);
  await fullPageScreenshot(page, name);
}

withAppInBrowser((app) => void ({ cloud, page } = app));

describe('logistics data in the browser', () => {
  test('admin: bad rows are listed and nothing is imported; the fixed file imports', async () => {
    const shipment = (cloud.database.find('shipments', {}) as Row[])[0];
    const t = (m: number) => new Date(shipment.dispatchedAt.getTime() + m * 60_000).toISOString();
    const before = shipment.readings.length;
    await open('demo-admin', '/packages/admin/logistics/index');
    await page.waitForSelector(shown('#import-content'), { timeout: 30_000 });
    const bad = ['orderNo,readingId,at,celsius', `${shipment.orderNo},UI-1,${t(1)},-18`, `${shipment.orderNo},UI-2,${t(2)},很冷`].join('\n');
    await page.fill(shown('#import-content textarea'), bad);
    await page.click(shown('#import-run'));
    await expect.poll(() => text('#import-errors'), { timeout: 15_000 }).toContain('第 3 行：温度不是数字');
    expect((cloud.database.find('shipments', { _id: shipment._id })[0] as Row).readings.length).toBe(before);
    await snap('logistics-import-errors');

    await page.fill(shown('#import-content textarea'), bad.replace('很冷', '-17.6'));
    await page.click(shown('#import-run'));
    await expect.poll(() => text('#import-result'), { timeout: 15_000 }).toContain('新读数 2');
    expect((cloud.database.find('shipments', { _id: shipment._id })[0] as Row).readings.length).toBe(before + 2);
    await snap('logistics-import-done');
  });

  test('agent: the temperature chart; customer: the paragraph', async () => {
    const warm = (cloud.database.find('shipments', {}) as Row[]).find((s) => s.readings.some((r: Row) => r.celsius > -15) && s.deliveredAt)!;
    const order = cloud.database.find('orders', { orderNo: warm.orderNo })[0] as Row;
    const c = data(await cloud.call('complaint', 'submit', { description: '收到的水饺都化冻了，冷链不冷', contactPhone: '13812348000', orderNo: warm.orderNo, categoryHint: 'delivery' } as never, { openid: order.customerOpenid, requestId: `ui-cold-${Date.now()}` }));
    await open('demo-head-logistics', `/packages/staff/ticket/index?id=${c.complaintId}`);
    await page.waitForSelector(shown('#coldchain-facts'), { timeout: 30_000 });
    expect(await text('#ticket-coldchain')).toMatch(/高于 −15 °C 共 \d+ 分钟/);
    expect(await page.locator(shown('.k-cold__band')).count()).toBeGreaterThan(0);
    await page.locator(shown('#ticket-coldchain')).scrollIntoViewIfNeeded();
    await snap('logistics-ticket-chart');

    await open(order.customerOpenid, `/packages/complaint/detail/index?id=${c.complaintId}`);
    await page.waitForSelector(shown('#detail-coldchain'), { timeout: 30_000 });
    expect(await text('#detail-coldchain')).toMatch(/运输途中有 \d+ 分钟高于 −15 °C/);
    await snap('logistics-customer-summary');
  });
});
