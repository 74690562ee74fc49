import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAppBuilt, ROOT } from '../../scripts/lib/builds';
import { openBrowser } from '../helpers/browser';
import { startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The CloudBase web SDK is for the browser build of a deployed environment (npm run build:web) and must cost the
 * local-cloud build nothing: it sits in its own lazily loaded chunk that this build never requests, and the
 * development identity keeps working here as before.
 */
let cloud: TestCloud;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const H5 = path.join(ROOT, 'dist', 'h5');

beforeAll(async () => {
  await ensureAppBuilt(['h5']);
  cloud = await startTestCloud({ h5Dir: H5 });
  browser = await openBrowser();
  page = browser.page;
});
afterAll(async () => {
  await browser?.close();
  await cloud?.close();
});

describe('the web SDK in the browser build', () => {
  test('lives in a chunk of its own that the page does not load up front', () => {
    const html = fs.readFileSync(path.join(H5, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/src="\/?(js\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(initial.length).toBeGreaterThan(0);
    for (const file of initial) expect(fs.readFileSync(path.join(H5, file), 'utf8'), file).not.toContain('signInAnonymously');
    const chunks = fs.readdirSync(path.join(H5, 'js')).filter((f) => f.endsWith('.js'));
    const sdk = chunks.filter((f) => fs.readFileSync(path.join(H5, 'js', f), 'utf8').includes('signInAnonymously'));
    expect(sdk.length).toBeGreaterThan(0);
    const kb = (files: string[]) => (files.reduce((n, f) => n + fs.statSync(path.join(H5, 'js', f)).size, 0) / 1024).toFixed(1);
    console.log(`initial JS ${kb(initial.map((f) => f.slice(3)))} KB; lazily loaded web SDK ${kb(sdk)} KB (${sdk.join(', ')})`);
  });

  test('the local-cloud build never requests it and keeps the development identity', async () => {
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    await page.goto(`${cloud.url}/?as=demo-customer-2#/pages/mine/index`);
    await page.waitForSelector('#dev-identity-chip', { timeout: 60_000 });
    expect(await page.getAttribute('#dev-identity-chip', 'data-current-openid')).toBe('demo-customer-2');
    await expect.poll(() => requested.some((u) => u.includes('/fn/complaint')), { timeout: 60_000 }).toBe(true);
    expect(requested.filter((u) => /cloudbase/i.test(u))).toEqual([]);
    expect(requested.filter((u) => !u.startsWith(cloud.url))).toEqual([]);
  });
});
