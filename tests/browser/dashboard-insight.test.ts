import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureAppBuilt, ROOT } from '../../scripts/lib/builds';
import { syntheticComplaints } from '../../scripts/seed/synthetic-complaints';
import { fullPageScreenshot, openBrowser, shown, textOf } from '../helpers/browser';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The dashboard's insight pages in the browser build (issue 8 item 6): the freshness line and the extra filters
 * on the dashboard after the rollup timer ran, the weekly report with its CSV export, the customer watch lists.
 */
let cloud: TestCloud;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const text = (selector: string) => textOf(page, selector);
const DESKTOP = { width: 1280, height: 900 };

beforeAll(async () => {
  await ensureAppBuilt(['h5']);
  cloud = await startTestCloud({ h5Dir: path.join(ROOT, 'dist', 'h5'), prewarm: true, demoComplaints: true });
  const now = new Date(cloud.clock.nowMs());
  // A month of complaints, some from one returning VIP customer.
  const docs = syntheticComplaints({ now, count: 600, days: 28, openShare: 0.2, idPrefix: 'ins', seed: 5 }).map((d, i) => ({
    ...d,
    updatedAt: now,
    ...(i < 4 ? { customerOpenid: 'insight-vip', customerTier: 'vip', status: 'investigating', contactPhoneMasked: '139****6688', createdAt: new Date(now.getTime() - i * 86_400_000) } : {}),
  }));
  cloud.database.insertMany('complaints', docs);
  await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: 5 }) });
  browser = await openBrowser();
  page = browser.page;
  await page.setViewportSize(DESKTOP);
});
afterAll(async () => {
  await browser?.close();
  await cloud?.close();
});

test('dashboard: figures from the rollup with their freshness; the customer-tier and product filters narrow them', async () => {
  expect(data(await cloud.call('stats', 'rollupStatus', {}, { openid: 'demo-manager' }))).toMatchObject({ rebuilding: false });
  await page.goto(`${cloud.url}/?as=demo-manager#/packages/dashboard/overview/index`);
  await page.waitForSelector(shown('#chart-heatmap'), { timeout: 30_000 });
  expect(await text('#dashboard-freshness')).toMatch(/数据更新于 \d\d:\d\d（每日汇总 \d\d:\d\d/);
  const all = await text('#kpi-total');
  await page.click(shown('#filter-tier [data-value="vip"]'));
  await page.waitForFunction((before) => document.querySelector('.taro_page_show #kpi-total')?.textContent !== before, all, { timeout: 20_000 });
  const vip = data(await cloud.call('stats', 'overview', { tier: 'vip' }, { openid: 'demo-manager' }));
  expect(await text('#kpi-total')).toContain(String(vip.total));
  expect(await page.isVisible(shown('#filter-product'))).toBe(true);
  await fullPageScreenshot(page, 'dashboard-filters-vip');
});

test('weekly report: the top 3 problems with change, keywords and examples; exported as CSV', async () => {
  const today = new Date(cloud.clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);
  const report = data(await cloud.call('stats', 'weeklyReport', {}, { openid: 'demo-manager' }));
  await page.goto(`${cloud.url}/?as=demo-manager#/packages/dashboard/overview/index`);
  await page.waitForSelector(shown('#dashboard-weekly'), { timeout: 30_000 });
  await page.click(shown('#dashboard-weekly'));
  await page.waitForSelector(shown('#weekly-problem-3'), { timeout: 30_000 });
  expect(await text('#weekly-range')).toBe(`${report.week.from} 至 ${report.week.to}`);
  expect(await text('#weekly-problem-1')).toContain(report.problems[0].label);
  expect(await text('#weekly-problem-1')).toContain(report.problems[0].examples[0]);
  expect(report.week.to < today).toBe(true); // the last full week by default
  await page.click(shown('#weekly-export'));
  await expect.poll(() => text('#weekly-export-result'), { timeout: 20_000 }).toContain('投诉周报_');
  await fullPageScreenshot(page, 'dashboard-weekly-report');
});

test('customer watch: the returning VIP customer, masked, with links to the tickets', async () => {
  await page.goto(`${cloud.url}/?as=demo-manager#/packages/dashboard/watch/index`);
  await page.waitForSelector(shown('#watch-repeat'), { timeout: 30_000 });
  expect(await text('#watch-vipOpen')).toContain('139****6688');
  expect(await text('#watch-repeat')).toContain('139****6688');
  expect(await page.textContent(shown('#watch-page'))).not.toContain('insight-vip');
  await fullPageScreenshot(page, 'dashboard-customer-watch');
  await page.goto(`${cloud.url}/?as=demo-agent-qc#/packages/dashboard/watch/index`);
  await expect.poll(() => text('#watch-page'), { timeout: 30_000 }).toContain('名单仅供主管和经理查看');
});
