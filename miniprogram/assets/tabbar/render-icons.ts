/**
 * Draws the tab-bar icons as SVG and renders them to 81×81 PNGs (WeChat's tabBar needs PNG/JPG).
 * Run once after changing a drawing, and commit the PNGs:
 *   npx tsx miniprogram/assets/tabbar/render-icons.ts
 * Not part of the app bundle (nothing imports it).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';

const SIZE = 81;
const NORMAL = '#7d6e66'; // warm grey, 4.6:1 on the bar's white
const ACTIVE = '#c8281e'; // chilli red (brand primary)
const ACTIVE_FILL = 'rgba(200, 40, 30, 0.12)';

/** 48×48 line drawings; `fill` is used only by the selected state. */
const DRAWINGS: Record<string, (fill: string, color: string) => string> = {
  // 投诉: a speech bubble with an exclamation mark.
  complaint: (fill, color) => `
    <path d="M10 8h28a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H23l-9 7v-7h-4a4 4 0 0 1-4-4V12a4 4 0 0 1 4-4z" fill="${fill}"/>
    <path d="M24 14.5v9.5"/>
    <circle cx="24" cy="29" r="1.2" fill="${color}" stroke="none"/>`,
  // 我的投诉: a clipboard with a list.
  mine: (fill) => `
    <rect x="9.5" y="8" width="29" height="35" rx="4" fill="${fill}"/>
    <rect x="17.5" y="4.5" width="13" height="7" rx="2" fill="#fff"/>
    <path d="M17 21h14M17 28h14M17 35h8"/>`,
  // 工作台: a briefcase.
  workbench: (fill) => `
    <rect x="6" y="14" width="36" height="26" rx="4" fill="${fill}"/>
    <path d="M17.5 14v-3.5a3 3 0 0 1 3-3h7a3 3 0 0 1 3 3V14"/>
    <path d="M6 25h36"/>
    <path d="M20.5 25v4h7v-4"/>`,
};

function svg(name: string, active: boolean): string {
  const color = active ? ACTIVE : NORMAL;
  const body = DRAWINGS[name](active ? ACTIVE_FILL : 'none', color);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48" fill="none" stroke="${color}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    for (const name of Object.keys(DRAWINGS)) {
      for (const active of [false, true]) {
        await page.setContent(`<html><body style="margin:0;background:transparent">${svg(name, active)}</body></html>`);
        const file = path.join(__dirname, `${name}${active ? '-active' : ''}.png`);
        await page.locator('svg').screenshot({ path: file, omitBackground: true });
        console.log('wrote', path.relative(process.cwd(), file));
      }
    }
  } finally {
    await browser.close();
  }
}

void main();
