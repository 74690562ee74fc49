import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, test } from 'vitest';
import { fullPageScreenshot, shown, textOf, withAppInBrowser } from '../helpers/browser';
import { data, requestIds, type TestCloud } from '../helpers/localcloud';

/**
 * Taste disputes in the browser build: the agent asks for a sample on the ticket screen, the customer reads the
 * instructions and the return code and confirms shipping on the complaint page, the lab registers receipt on the
 * ticket screen, and the customer then sees the result with its photo. Also the 麻辣度 reference on the form and
 * the admin's 麻辣度参考库. Screenshots: test-results/screenshots/sample-*.png.
 */
let cloud: TestCloud;
let page: Page;
const text = (selector: string) => textOf(page, selector);
const rid = requestIds();
const CUSTOMER = 'demo-customer-1';

async function open(openid: string, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${cloud.url}/?as=${openid}#${hash}`);
}

async function snapFull(name: string): Promise<void> {
  await page.waitForTimeout(500);
  await fullPageScreenshot(page, name);
}

const stored = (id: string) => cloud.database.find('complaints', { _id: id })[0] as Record<string, any>;

withAppInBrowser((app) => void ({ cloud, page } = app));

describe('寄样复检 across both sides', () => {
  let complaintId = '';
  let code = '';

  test('the agent asks for a sample from the ticket screen, with the product’s 麻辣度 beside it', async () => {
    const codes = data(await cloud.call('admin', 'listQrCodes', { kind: 'package' }, { openid: 'demo-admin' }));
    const scene = codes.items.find((c) => c.label.includes('火锅底料'))!.scene;
    const res = data(
      await cloud.call('complaint', 'submit', { description: '火锅底料标的特辣，煮出来一点都不辣，味道也不对', contactPhone: '13812345678', scene, categoryHint: 'quality' }, { openid: CUSTOMER, requestId: rid('sub') }),
    );
    complaintId = res.complaintId;
    const doc = stored(complaintId);
    if (doc.assigneeOpenid !== 'demo-agent-qc') data(await cloud.call('ticket', 'assign', { complaintId, assigneeOpenid: 'demo-agent-qc', version: doc.version }, { openid: 'demo-head-qc' }));
    data(await cloud.call('ticket', 'transition', { complaintId, to: 'investigating', version: stored(complaintId).version }, { openid: 'demo-agent-qc' }));

    await open('demo-agent-qc', `/packages/staff/ticket/index?id=${complaintId}`);
    await page.waitForSelector(shown('#ticket-sample'), { timeout: 20_000 });
    expect(await text('#ticket-spice')).toContain('麻辣度');
    await page.click(shown('#sample-request'));
    await page.fill(shown('#sample-note textarea'), '顾客称不辣，需核对该批次辣度');
    await page.click(shown('#sample-confirm'));
    await expect.poll(() => text('#sample-state'), { timeout: 15_000 }).toBe('待顾客寄回');
    code = stored(complaintId).sample.returnCode;
    expect(await text('#sample-code')).toContain(code);
    expect(stored(complaintId).sla.pauses.some((p: { reason?: string; to?: Date }) => p.reason === 'sample' && !p.to)).toBe(true);
    await snapFull('sample-staff-requested');
  });

  test('the customer reads the instructions and the code, and confirms shipping', async () => {
    await open(CUSTOMER, `/packages/complaint/detail/index?id=${complaintId}`);
    await page.waitForSelector(shown('#detail-sample'), { timeout: 20_000 });
    expect(await text('#detail-sample-code')).toBe(code);
    expect(await text('#detail-sample-instructions')).toContain('冰袋');
    await snapFull('sample-customer-instructions');
    // Nothing chosen: told per field, nothing sent.
    await page.click(shown('#detail-sample-confirm'));
    expect(await text('#detail-sample-form')).toContain('运单号应为');
    await page.click(shown('#detail-sample-form >> text=顺丰速运'));
    await page.fill(shown('#detail-sample-tracking input'), 'SF1234567890');
    await page.click(shown('#detail-sample-confirm'));
    await expect.poll(() => text('#detail-sample-state'), { timeout: 15_000 }).toBe('样品寄送中');
    expect(await text('#detail-sample-shipped')).toContain('SF1234567890');
    expect(stored(complaintId).sample).toMatchObject({ state: 'shipped', courier: '顺丰速运', trackingNo: 'SF1234567890' });
  });

  test('the lab registers receipt on the ticket screen; the clock runs again', async () => {
    await open('demo-head-qc', `/packages/staff/ticket/index?id=${complaintId}`);
    await page.waitForSelector(shown('#sample-receive'), { timeout: 20_000 });
    expect(await text('#sample-tracking')).toContain('SF1234567890');
    await page.click(shown('#sample-receive'));
    await page.fill(shown('#sample-note textarea'), '冰袋已化，样品尚冷');
    await page.click(shown('#sample-confirm'));
    await expect.poll(() => text('#sample-state'), { timeout: 15_000 }).toBe('实验室已收样');
    await page.waitForSelector(shown('#sample-result-form'));
    expect(stored(complaintId).sla.pauses.every((p: { to?: Date }) => p.to)).toBe(true);
    await snapFull('sample-staff-received');
  });

  test('the result with its photo reaches the customer', async () => {
    const png = await QRCode.toBuffer('YP lab photo', { width: 240 });
    const photo = cloud.storage.putFile('sample-lab/20261122/photo-1.png', png);
    data(
      await cloud.call(
        'ticket',
        'recordSampleResult',
        { complaintId, version: stored(complaintId).version, conforms: false, measuredSpiceLevel: 2, measurements: '辣椒素明显偏低；咸度正常', conclusion: '该批次辣度低于标称的特辣，属于配料偏差', photoFileIds: [photo] },
        { openid: 'demo-head-qc', requestId: rid('res') },
      ),
    );
    await open(CUSTOMER, `/packages/complaint/detail/index?id=${complaintId}`);
    await page.waitForSelector(shown('#detail-sample-result'), { timeout: 20_000 });
    expect(await text('#detail-sample-result')).toContain('不符合产品标准');
    await page.waitForSelector(shown('#detail-sample-photos img[src^="http"]'), { timeout: 15_000 });
    await snapFull('sample-customer-result');
    await open('demo-agent-qc', `/packages/staff/ticket/index?id=${complaintId}`);
    // Below the fold on a phone, and lazily loaded: scrolled to first.
    await page.waitForSelector(shown('#sample-photos'), { timeout: 20_000 });
    await page.locator(shown('#sample-photos')).scrollIntoViewIfNeeded();
    await page.waitForSelector(shown('#sample-photos img[src^="http"]'), { timeout: 20_000 });
    await snapFull('sample-staff-result');
  });
});

describe('麻辣度 reference', () => {
  test('the form puts the picked order’s 麻辣度 forward for a taste complaint', async () => {
    await open(CUSTOMER, '/pages/complaint/index');
    await page.waitForSelector(shown('#complaint-form'), { timeout: 20_000 });
    await page.fill(shown('#description textarea'), '包装上标的特辣，吃起来一点都不辣，口味太淡了');
    await page.waitForSelector(shown('.k-recent-orders__row'), { timeout: 15_000 });
    await page.click(shown('.k-recent-orders__row'));
    await page.waitForSelector(shown('#order-spice'), { timeout: 10_000 });
    await expect.poll(() => page.getAttribute(shown('#order-spice'), 'class'), { timeout: 10_000 }).toContain('k-recent-orders__spice--focus');
    await page.locator(shown('#order-spice')).scrollIntoViewIfNeeded();
    await snapFull('sample-form-spice');
  });

  test('the admin edits an entry of the 麻辣度参考库', async () => {
    await open('demo-admin', '/packages/admin/spice/index');
    await page.waitForSelector(shown('#spice-list'), { timeout: 20_000 });
    await snapFull('sample-admin-spice');
    const first = await page.getAttribute(shown('#spice-list [data-product]'), 'data-product');
    await page.click(shown(`#spice-edit-${first}`));
    await page.click(shown('#spice-level-3'));
    await page.fill(shown('#spice-note textarea'), '中辣，一般能吃辣的朋友都可以');
    await page.click(shown('#spice-save'));
    await expect.poll(() => cloud.database.find('products', { _id: first! })[0]?.spiceLevel, { timeout: 15_000 }).toBe(3);
    await expect.poll(() => cloud.database.count('audit', { target: `spice:${first}` }), { timeout: 10_000 }).toBe(1);
  });
});
