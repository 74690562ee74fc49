import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { LocalCloudOptions } from '../../localcloud';
import { ensureAppBuilt, ROOT } from '../../scripts/lib/builds';
import { startTestCloud, type TestCloud } from './localcloud';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Viewports the pages are checked at: a phone, and a staff or manager desk. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** A selector inside the page Taro is showing (hidden pages of the stack stay in the DOM). */
export const shown = (selector: string): string => `.taro_page_show ${selector}`;

/** The text of an element of the shown page, or null when it is not there within 1.5 s. */
export const textOf = (page: Page, selector: string): Promise<string | null> => page.textContent(shown(selector), { timeout: 1500 }).catch(() => null);

/** Headless Debian Chromium with the flags this machine needs (WECHAT.md), at a phone's size. */
export async function openBrowser(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // Nothing leaves this machine: only loopback requests are allowed.
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * The whole page top to bottom. Taro scrolls inside the page element, so for the picture that element is let
 * grow to its content for a moment (the fixed tab bar then sits mid-picture, where the screen ended).
 */
export async function fullPageScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const unfold = (on: boolean) =>
    page.evaluate((grow) => {
      const el = Array.from(document.querySelectorAll<HTMLElement>('.taro_page_show')).find((e) => e.offsetParent !== null || getComputedStyle(e).display !== 'none');
      for (let node: HTMLElement | null = el ?? null; node; node = node.parentElement) {
        node.style.height = grow ? 'auto' : '';
        node.style.overflow = grow ? 'visible' : '';
        if (node === el) node.style.position = grow ? 'relative' : '';
      }
    }, on);
  await unfold(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await unfold(false);
}

/**
 * The browser tests' fixture, registered as beforeAll/afterAll: the h5 build (built first if stale) served by a
 * fresh local cloud, and one Chromium page. `onReady` gets both before the file's own beforeAll hooks run.
 */
export function withAppInBrowser(onReady: (app: { cloud: TestCloud; page: Page }) => void | Promise<void>, options: Partial<LocalCloudOptions> = {}): void {
  let cloud: TestCloud | undefined;
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  beforeAll(async () => {
    await ensureAppBuilt(['h5']);
    cloud = await startTestCloud({ h5Dir: path.join(ROOT, 'dist', 'h5'), prewarm: true, ...options });
    browser = await openBrowser();
    await onReady({ cloud, page: browser.page });
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });
}
