import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { fullPageScreenshot, shown, textOf, withAppInBrowser } from '../helpers/browser';
import { data, requestIds, type TestCloud } from '../helpers/localcloud';

/**
 * Knowledge in the browser build: similar cases on the ticket screen (shared words, archive badge), a head
 * archiving a resolved ticket with a lesson, the 案例库 page with its search, and the FAQ deflection card.
 * Screenshots: test-results/screenshots/knowledge-*.png.
 */
let cloud: TestCloud;
let page: Page;
const text = (selector: string) => textOf(page, selector);
const rid = requestIds();

async function open(openid: string, hash: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('about:blank');
  await page.goto(`${cloud.url}/?as=${openid}#${hash}`);
}

async function advance(minutes: number) {
  await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: minutes }) });
}

const submit = (openid: string, description: string) => cloud.call('complaint', 'submit', { description, contactPhone: '13812348000' } as never, { openid, requestId: rid('sub') }).then(data);

async function resolve(customer: string, complaintId: string, solution: string, rootCause: string) {
  let v = data(await cloud.call('ticket', 'get', { complaintId }, { openid: 'demo-head-qc' }));
  if (v.status === 'assigned') {
    data(await cloud.call('ticket', 'transition', { complaintId, to: 'investigating', version: v.version }, { openid: 'demo-head-qc' }));
    v = data(await cloud.call('ticket', 'get', { complaintId }, { openid: 'demo-head-qc' }));
  }
  data(await cloud.call('ticket', 'proposeSolution', { complaintId, version: v.version, text: solution, rootCause }, { openid: 'demo-head-qc' }));
  data(await cloud.call('complaint', 'respond', { complaintId, accept: true }, { openid: customer, requestId: rid('resp') }));
  data(await cloud.call('complaint', 'rate', { complaintId, stars: 5 }, { openid: customer, requestId: rid('rate') }));
}

withAppInBrowser((app) => void ({ cloud, page } = app));

describe('knowledge on the staff side', () => {
  let resolvedId = '';
  let queryId = '';

  test('a head archives a resolved ticket with the lesson, from the ticket screen', async () => {
    const a = await submit('demo-customer-1', '买的腊肠打开发霉了，上面全是白毛，不敢吃');
    await resolve('demo-customer-1', a.complaintId, '为您全额退款并补发一包新批次腊肠', '该批次腊肠包装漏气受潮');
    const b = await submit('demo-customer-2', '腊肉有一股哈喇味，放了几天就这样');
    await resolve('demo-customer-2', b.complaintId, '退款并送 100 积分', '储存温度偏高');
    resolvedId = a.complaintId;

    await open('demo-head-qc', `/packages/staff/ticket/index?id=${resolvedId}`);
    await page.click(shown('#ticket-archive-edit'), { timeout: 30_000 });
    await page.fill(shown('#ticket-archive-input textarea'), '先请顾客拍批次号，当天退款并补发，再查同批次仓储记录');
    await page.click(shown('#ticket-archive-save'));
    await expect.poll(() => text('#ticket-archive-note'), { timeout: 10_000 }).toContain('先请顾客拍批次号');
    expect(cloud.database.find('complaints', { _id: resolvedId })[0]).toMatchObject({ archive: { byOpenid: 'demo-head-qc' } });
  });

  test('the agent sees it first among similar cases, with the words it shares and the archive badge', async () => {
    await advance(1);
    const q = await submit('demo-customer-3', '腊肠发霉长白毛了，孩子差点吃了');
    queryId = q.complaintId;
    await open('demo-agent-qc', `/packages/staff/ticket/index?id=${queryId}`);
    const first = shown('#ticket-similar .k-case');
    await page.waitForSelector(first, { timeout: 30_000 });
    expect(await page.getAttribute(first, 'data-complaint')).toBe(resolvedId);
    expect(await text('#ticket-similar .k-case .k-case__terms')).toContain('腊肠');
    expect(await text('#ticket-similar .k-case .k-case__badge')).toBe('案例库');
    await page.locator(shown('#ticket-similar')).scrollIntoViewIfNeeded();
    await fullPageScreenshot(page, 'knowledge-similar-cases');
  });

  test('案例库 lists it and finds it by a word of the lesson', async () => {
    await page.click(shown('#ticket-similar-archive'));
    await page.waitForSelector(shown('#case-archive-list .k-case'), { timeout: 30_000 });
    await page.fill(shown('#case-archive-text input'), '批次号');
    await page.click(shown('#case-archive-search'));
    await expect.poll(async () => page.locator(shown('#case-archive-list .k-case')).count(), { timeout: 10_000 }).toBe(1);
    await fullPageScreenshot(page, 'knowledge-case-archive');
    await page.fill(shown('#case-archive-text input'), '没有这个词');
    await page.click(shown('#case-archive-search'));
    await expect.poll(() => text('.k-empty-state, .k-empty'), { timeout: 10_000 }).toBeTruthy();
  });

  test('the admin FAQ screen shows deflection per answer', async () => {
    for (const [openid, faq] of [
      ['faq-reader-1', 'faq-thawed'],
      ['faq-reader-2', 'faq-thawed'],
      ['faq-reader-3', 'faq-refund'],
    ] as const)
      data(await cloud.call('complaint', 'track', { event: 'faq_view', ref: faq }, { openid, requestId: rid('faq') }));
    await submit('faq-reader-1', '看了解答还是不行，水饺全化冻了');
    await advance(25 * 60);
    await open('demo-admin', '/packages/admin/faq/index');
    await page.waitForSelector(shown('#faq-stats .faq-stats__row'), { timeout: 30_000 });
    expect(await page.locator(shown('#faq-stats .faq-stats__row')).count()).toBe(2);
    expect(await text('#faq-stats')).toContain('分流率');
    await page.waitForSelector(shown('#faq-list'), { timeout: 30_000 });
    await fullPageScreenshot(page, 'knowledge-faq-deflection');
  });
});
