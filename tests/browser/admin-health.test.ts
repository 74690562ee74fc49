import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureAppBuilt, ROOT } from '../../scripts/lib/builds';
import { fullPageScreenshot, openBrowser, shown } from '../helpers/browser';
import { startTestCloud, type TestCloud } from '../helpers/localcloud';

/** 系统健康 in the browser build: the checks with their status, and re-encryption after a key rotation. Screenshot: admin-health.png. */
let cloud: TestCloud;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  await ensureAppBuilt(['h5']);
  // Mid-rotation: a previous key is set, so the page has something to say and to do.
  const previous = crypto.randomBytes(32).toString('base64');
  cloud = await startTestCloud({ h5Dir: path.join(ROOT, 'dist', 'h5'), functionEnv: { DATA_ENCRYPTION_KEY_PREVIOUS: previous, DATA_PSEUDONYM_KEY: previous } });
  browser = await openBrowser();
  page = browser.page;
});
afterAll(async () => {
  await browser?.close();
  await cloud?.close();
});

test('an admin sees every check with its status and runs the re-encryption', async () => {
  await page.goto(`${cloud.url}/?as=demo-admin#/packages/admin/health/index`);
  await page.waitForSelector(shown('#health-checks'), { timeout: 30_000 });
  const statuses = await page.$$eval(shown('[data-check]'), (els) => els.map((e) => [e.getAttribute('data-check'), e.getAttribute('data-status')]));
  expect(Object.fromEntries(statuses)).toMatchObject({ encryption: 'warn', collections: 'ok', outbox: 'ok' });
  expect(await page.textContent(shown('#health-checks'))).toContain('正在轮换密钥');
  await page.click(shown('#reencrypt-run'));
  await expect.poll(() => page.textContent(shown('#reencrypt-progress')).catch(() => ''), { timeout: 15_000 }).toContain('已完成');
  await page.waitForTimeout(400);
  await fullPageScreenshot(page, 'admin-health');
});

test('someone who is not an admin is told so', async () => {
  await page.goto('about:blank');
  await page.goto(`${cloud.url}/?as=demo-manager#/packages/admin/health/index`);
  await expect.poll(() => page.textContent(shown('#health-page')).catch(() => ''), { timeout: 30_000 }).toContain('检查失败');
});
