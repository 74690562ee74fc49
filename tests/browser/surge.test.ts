import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { DESKTOP, PHONE, fullPageScreenshot, screenshot, shown, withAppInBrowser } from '../helpers/browser';
import { data, type TestCloud } from '../helpers/localcloud';

/**
 * Batch surge screens in the browser build: five customers complain about one 腊肠 batch, then QC's head sees the
 * banner on a linked ticket, the incident with its tickets, acknowledges and closes it; the manager's dashboard
 * shows the 批次异常 card. Screenshots: test-results/screenshots/surge-*.png.
 */
let cloud: TestCloud;
let page: Page;
let incidentId = '';
let firstTicket = '';

async function open(openid: string, hash: string, viewport = PHONE): Promise<void> {
  await page.setViewportSize(viewport);
  await page.goto('about:blank');
  await page.goto(`${cloud.url}/?as=${openid}#${hash}`);
}

withAppInBrowser((app) => void ({ cloud, page } = app));
beforeAll(async () => {
  const batches = cloud.database.find('batches', {}) as Array<{ _id: string; scene: string; productId: string }>;
  const batch = batches.find((b) => b.productId.includes('sausage')) ?? batches[0];
  const texts = ['腊肠切开里面有霉点，不敢吃', '这批腊肠闻着发酸', '腊肠表面发白发黏', '包装鼓起来了，打开有股怪味', '颜色发暗，味道不对'];
  for (let i = 0; i < 5; i++) {
    const res = data(await cloud.call('complaint', 'submit', { description: texts[i], contactPhone: '13800001234', scene: batch.scene }, { openid: `surge-ui-${i}`, requestId: `surge-ui-${i}-req` }));
    if (i === 0) firstTicket = res.complaintId;
  }
  incidentId = (cloud.database.find('incidents', { batchId: batch._id })[0] as { _id: string })._id;
});

describe('batch surge screens', () => {
  test('a linked ticket shows the banner, which opens the incident', async () => {
    await open('demo-head-qc', `/packages/staff/ticket/index?id=${firstTicket}`);
    await page.waitForSelector(shown('#ticket-incident-banner'), { timeout: 30_000 });
    expect(await page.textContent(shown('#ticket-incident-banner'))).toMatch(/24 小时内 5 件投诉/);
    await screenshot(page, 'surge-ticket-banner');
    await page.click(shown('#ticket-incident-banner'));
    await page.waitForSelector(shown('#incident-page'), { timeout: 30_000 });
    expect(await page.textContent(shown('#incident-reason'))).toMatch(/平时约 .+ 件\/天（p<0\.0001）/);
    expect(await page.locator(shown('#incident-tickets [data-complaint]')).count()).toBe(5);
    await fullPageScreenshot(page, 'surge-incident');
  });

  test('the QC head acknowledges, then closes with a note', async () => {
    await page.click(shown('#incident-ack'));
    await page.waitForSelector(shown('#incident-page[data-status="acknowledged"]'), { timeout: 15_000 });
    await page.click(shown('#incident-close'));
    await page.waitForSelector(shown('#incident-actions .s-error'), { timeout: 5_000 });
    await page.fill(shown('#incident-note textarea'), '已封存该批次，工厂排查灌装环节');
    await page.click(shown('#incident-close'));
    await page.waitForSelector(shown('#incident-page[data-status="closed"]'), { timeout: 15_000 });
    expect(await page.textContent(shown('#incident-history'))).toContain('已封存该批次');
    await fullPageScreenshot(page, 'surge-incident-closed');
  });

  test('the incidents list and the dashboard card', async () => {
    // A second surge, left open, for the dashboard.
    const other = (cloud.database.find('batches', {}) as Array<{ _id: string; scene: string; productId: string }>).find((b) => !b.productId.includes('sausage'))!;
    for (let i = 0; i < 5; i++) data(await cloud.call('complaint', 'submit', { description: '到货就坏了，有股酸味', contactPhone: '13800001234', scene: other.scene }, { openid: `surge-ui-b-${i}`, requestId: `surge-ui-b-${i}-req` }));
    await open('demo-head-qc', '/packages/staff/incidents/index');
    await page.waitForSelector(shown('#incident-list [data-incident]'), { timeout: 30_000 });
    expect(await page.locator(shown('#incident-list [data-incident]')).count()).toBe(1);
    await page.click(shown('#incidents-filter-closed'));
    await page.waitForSelector(shown(`#incident-list [data-incident="${incidentId}"]`), { timeout: 15_000 });
    await screenshot(page, 'surge-incidents-closed');

    await open('demo-manager', '/packages/dashboard/overview/index', DESKTOP);
    await page.waitForSelector(shown('#dashboard-surges [data-incident]'), { timeout: 30_000 });
    expect(await page.textContent(shown('#dashboard-surges'))).toContain('批次异常');
    await screenshot(page, 'surge-dashboard');
  });
});
