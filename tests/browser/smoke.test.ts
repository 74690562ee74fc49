import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAppBuilt, ROOT } from '../../scripts/lib/builds';
import { openBrowser, screenshot, shown } from '../helpers/browser';
import { demoSausageBatch, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The browser build served by the local cloud, driven in Chromium: switching the development identity,
 * calling real functions through /fn, the QR scan path and the QR generation path. Screenshots go to
 * test-results/screenshots/.
 */
let cloud: TestCloud;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

/** One real page load, as opening a scanned link is: a hash change alone would keep the running app. */
async function freshLoad(url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
}

beforeAll(async () => {
  await ensureAppBuilt(['h5']);
  cloud = await startTestCloud({ h5Dir: path.join(ROOT, 'dist', 'h5') });
  browser = await openBrowser();
  page = browser.page;
});
afterAll(async () => {
  await browser?.close();
  await cloud?.close();
});

describe('browser build against the local cloud', () => {
  test('a staff identity sees the workbench with a live function call, and switching to a customer hides it', async () => {
    await page.goto(`${cloud.url}/?as=demo-head-qc#/pages/workbench/index`);
    await expect.poll(() => page.textContent(shown('#workbench-name')), { timeout: 30_000 }).toBe('周主管');
    expect(await page.textContent(shown('#workbench-department'))).toBe('质检部');
    expect(await page.textContent(shown('#workbench-ping'))).toMatch(/^连接正常/);
    expect(await page.isVisible('#tab-workbench')).toBe(true);
    await screenshot(page, 'workbench-head');

    await page.click('#dev-identity-chip');
    await page.click('.k-devid-option[data-openid="demo-customer-1"]');
    await expect.poll(() => page.isVisible('#tab-workbench'), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => page.textContent(shown('')).catch(() => ''), { timeout: 15_000 }).toContain('工作台仅供员工使用');
    expect(await page.getAttribute('#dev-identity-chip', 'data-current-openid')).toBe('demo-customer-1');
    await screenshot(page, 'workbench-customer');
  });

  test('opening a package QR scene shows the scanned product and counts the scan', async () => {
    const batch = demoSausageBatch(cloud);
    await freshLoad(`${cloud.url}/?as=demo-customer-2#/pages/complaint/index?scene=${encodeURIComponent(batch.scene)}`);
    await expect.poll(() => page.textContent(shown('#scanned-batch-no')).catch(() => null), { timeout: 30_000 }).toContain(batch.batchNo);
    expect(await page.isVisible(shown('#scanned-package'))).toBe(true);
    await expect.poll(() => cloud.database.count('trackEvents', { openid: 'demo-customer-2', event: 'scene_scan' }), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'complaint-scanned-package');
  });

  test('an admin generates a QR code and sees the image', async () => {
    await freshLoad(`${cloud.url}/?as=demo-admin#/packages/admin/qrcodes/index`);
    const row = shown(`[data-scene="${demoSausageBatch(cloud).scene}"] .k-qr-row__button`);
    await page.waitForSelector(row, { timeout: 30_000 });
    await page.click(row);
    const img = await page.waitForSelector('#qr-preview img, #qr-preview taro-image-core img', { timeout: 30_000 });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(100);
    await screenshot(page, 'admin-qr-generated');
  });
});
