import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAppBuilt, ROOT } from '../../scripts/lib/builds';
import { DESKTOP, PHONE, fullPageScreenshot, openBrowser, screenshot, shown, textOf } from '../helpers/browser';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * The staff workspace in the browser build against the local cloud with the demo complaints:
 * an agent claims, replies, proposes and resolves; a head works the inbox on a PC (list and ticket side by side),
 * approves a refund and reassigns; a manager reads the dashboard and exports it; an admin invites a colleague who
 * binds their account, and edits the SLA policy, compensation rules and FAQ. Screenshots: test-results/screenshots/staff-*.png.
 */
let cloud: TestCloud;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const text = (selector: string) => textOf(page, selector);
const timings: Record<string, number> = {};
const rid = requestIds();

async function open(openid: string, hash: string, viewport = PHONE): Promise<void> {
  await page.setViewportSize(viewport);
  await page.goto('about:blank');
  await page.goto(`${cloud.url}/?as=${openid}#${hash}`);
}

async function snap(name: string): Promise<void> {
  await page.waitForTimeout(400);
  await screenshot(page, name);
}

async function snapFull(name: string): Promise<void> {
  await page.waitForTimeout(400);
  await fullPageScreenshot(page, name);
}

const complaint = (id: string) => cloud.database.find('complaints', { _id: id })[0] as Record<string, any>;

beforeAll(async () => {
  await ensureAppBuilt(['h5']);
  cloud = await startTestCloud({ h5Dir: path.join(ROOT, 'dist', 'h5'), prewarm: true, demoComplaints: true });
  browser = await openBrowser();
  page = browser.page;
});
afterAll(async () => {
  if (Object.keys(timings).length) console.log(JSON.stringify({ bench: 'staff-workspace', ...timings }));
  await browser?.close();
  await cloud?.close();
});

describe('agent: claim → reply → propose → resolve', () => {
  let complaintId = '';

  test('an unassigned ticket (nobody on duty in 客服部) waits in 待分派; the 工作台 shows the queue', async () => {
    // The agent off duty and the head away (deactivated for a moment): routing leaves the ticket for someone to claim.
    const staffVersion = (openid: string) => Number(cloud.database.find('staff', { openid })[0].version ?? 0);
    data(await cloud.call('ticket', 'setOnDuty', { onDuty: false }, { openid: 'demo-agent-cs' }));
    data(await cloud.call('admin', 'updateStaff', { openid: 'demo-head-cs', version: staffVersion('demo-head-cs'), active: false }, { openid: 'demo-admin' }));
    const res = data(await cloud.call('complaint', 'submit', { description: '客服电话一直打不通，留言两天了也没人回复', contactPhone: '13700001111' }, { openid: 'demo-customer-3', requestId: rid('sub') }));
    data(await cloud.call('admin', 'updateStaff', { openid: 'demo-head-cs', version: staffVersion('demo-head-cs'), active: true }, { openid: 'demo-admin' }));
    complaintId = res.complaintId;
    expect(res).toMatchObject({ department: 'cs', status: 'submitted' });

    await open('demo-agent-cs', '/pages/workbench/index');
    await expect.poll(() => text('#workbench-name'), { timeout: 30_000 }).toBe('孙客服');
    await expect.poll(() => text('#workbench-view-unassigned'), { timeout: 15_000 }).toMatch(/^[1-9]\d*待分派/);
    expect(await page.isChecked(shown('#workbench-duty-switch input')).catch(() => null)).not.toBe(true);
    await snapFull('staff-workbench-agent');
    // Back on duty from the switch.
    await page.click(shown('#workbench-duty-switch'));
    await expect.poll(() => cloud.database.find('staff', { openid: 'demo-agent-cs' })[0].onDuty, { timeout: 10_000 }).toBe(true);
  });

  test('the inbox lists it under 待分派 with its level, SLA state and channel; claim takes it', async () => {
    await page.click(shown('#workbench-view-unassigned'));
    const row = shown(`#inbox-list [data-complaint="${complaintId}"]`);
    await page.waitForSelector(row, { timeout: 20_000 });
    expect(await page.getAttribute(shown('#inbox-tab-unassigned'), 'aria-selected')).toBe('true');
    expect(await page.textContent(row)).toMatch(/L[123].*KS\d{8}-\d{4}.*待分派.*剩 /);
    expect(await page.getAttribute(`${row} .k-trow__sla`, 'data-sla')).toMatch(/ok|warning/);
    await snap('staff-inbox-agent');
    await page.click(row);
    await page.waitForSelector(shown('#ticket-claim'), { timeout: 20_000 });
    await snapFull('staff-ticket-unassigned');
    await page.click(shown('#ticket-claim'));
    await expect.poll(() => text('#ticket-status'), { timeout: 15_000 }).toBe('已分派');
    expect(complaint(complaintId)).toMatchObject({ status: 'assigned', assigneeOpenid: 'demo-agent-cs' });
  });

  test('the reply box holds the subcategory’s template: one tap sends the first response', async () => {
    const template = await page.inputValue(shown('#reply-text textarea'));
    expect(template.length).toBeGreaterThan(10);
    await page.click(shown('#reply-send'));
    await page.waitForSelector(shown('#reply-sent'), { timeout: 15_000 });
    expect(complaint(complaintId).sla.firstRespondedAt).toBeTruthy();
    expect(cloud.database.count('events', { complaintId, action: 'reply' })).toBe(1);
    // The phone is masked; the assignee reveals it, and the reveal is logged.
    expect(await text('#ticket-phone-value')).toBe('137****1111');
    await page.click(shown('#ticket-reveal'));
    await expect.poll(() => text('#ticket-phone-value'), { timeout: 10_000 }).toBe('13700001111');
    expect(cloud.database.count('events', { complaintId, action: 'reveal_phone' })).toBe(1);
  });

  test('investigate, then a solution with a ¥10 coupon: the picker says it needs no approval', async () => {
    await page.click(shown('#move-investigating'));
    await expect.poll(() => text('#ticket-status'), { timeout: 15_000 }).toBe('调查中');
    await page.click(shown('#solution-open'));
    await page.fill(shown('#solution-text textarea'), '经核实是热线排队系统故障导致未接通，已修复，并向您致歉，送您 ¥10 优惠券。');
    await page.fill(shown('#solution-root-cause input'), '热线排队系统故障');
    await page.click(shown('#compensation-type [data-value="coupon"]'));
    await page.fill(shown('#compensation-amount input'), '10');
    await expect.poll(() => text('#compensation-approval'), { timeout: 5000 }).toContain('专员可直接发放');
    await page.fill(shown('#compensation-amount input'), '80');
    await expect.poll(() => text('#compensation-approval'), { timeout: 5000 }).toContain('需部门主管审批');
    await page.fill(shown('#compensation-amount input'), '10');
    await snapFull('staff-ticket-solution-form');
    await page.click(shown('#solution-send'));
    await expect.poll(() => text('#ticket-status'), { timeout: 15_000 }).toBe('待顾客确认');
    expect(complaint(complaintId)).toMatchObject({ status: 'awaiting_customer', rootCause: '热线排队系统故障', compensation: { type: 'coupon', valueFen: 1000, status: 'approved' } });
  });

  test('the customer accepts; the agent closes the resolved ticket', async () => {
    data(await cloud.call('complaint', 'respond', { complaintId, accept: true }, { openid: 'demo-customer-3', requestId: rid('resp') }));
    await page.reload();
    await expect.poll(() => text('#ticket-status'), { timeout: 20_000 }).toBe('已解决');
    await page.click(shown('#move-closed'));
    await expect.poll(() => text('#ticket-status'), { timeout: 15_000 }).toBe('已关闭');
    expect(complaint(complaintId).status).toBe('closed');
    await snapFull('staff-ticket-closed');
  });

  test('from the 工作台, an assigned ticket’s first reply is two taps (three with the tab)', async () => {
    const res = data(await cloud.call('complaint', 'submit', { description: '退款申请一周了还没到账，客服也不回复', contactPhone: '13700001111' }, { openid: 'demo-customer-1', requestId: rid('sub') }));
    expect(complaint(res.complaintId).assigneeOpenid).toBe('demo-agent-cs');
    await open('demo-agent-cs', '/pages/complaint/index');
    await page.waitForSelector('#tab-workbench', { timeout: 30_000 });
    let taps = 0;
    const started = Date.now();
    await page.click('#tab-workbench');
    taps++;
    const row = shown(`#workbench-urgent [data-complaint="${res.complaintId}"]`);
    await page.waitForSelector(row, { timeout: 20_000 });
    await page.click(row);
    taps++;
    await page.waitForSelector(shown('#reply-send'), { timeout: 20_000 });
    await page.click(shown('#reply-send'));
    taps++;
    await page.waitForSelector(shown('#reply-sent'), { timeout: 15_000 });
    timings.firstReplyFromTabMs = Date.now() - started;
    timings.tapsToFirstReply = taps;
    expect(taps).toBeLessThanOrEqual(3);
    expect(complaint(res.complaintId).sla.firstRespondedAt).toBeTruthy();
    expect(await page.isVisible('#tab-workbench-badge')).toBe(false); // pushed page: no tab bar
  });
});

describe('head on a PC: the inbox beside the ticket, approval, reassignment', () => {
  test('list and ticket side by side; approving the ¥128 refund the customer accepted', async () => {
    const [refund] = cloud.database.find('complaints', { department: 'logistics', 'compensation.status': 'pending_approval' }) as Array<Record<string, any>>;
    expect(refund).toBeTruthy();
    await open('demo-head-logistics', '/packages/staff/inbox/index', DESKTOP);
    await page.waitForSelector(shown('#inbox-list'), { timeout: 30_000 });
    await page.waitForSelector(shown('#ticket-panel'), { timeout: 20_000 });
    expect(await page.isVisible(shown('.inbox-page__detail'))).toBe(true);
    await page.click(shown(`#inbox-list [data-complaint="${refund._id}"]`));
    await page.waitForSelector(shown(`#ticket-panel[data-complaint="${refund._id}"] #ticket-approval`), { timeout: 20_000 });
    expect(await text('#ticket-approval')).toContain('需主管审批');
    await snap('staff-inbox-head-desktop');
    await page.fill(shown('#approve-note textarea'), '温度记录属实，同意全额退款');
    await page.click(shown('#approve-yes'));
    await expect.poll(() => complaint(refund._id).compensation.status, { timeout: 15_000 }).toBe('approved');
    await page.waitForSelector(shown('#move-resolved'), { timeout: 15_000 });
    await page.click(shown('#move-resolved'));
    await expect.poll(() => complaint(refund._id).status, { timeout: 15_000 }).toBe('resolved');
    expect(complaint(refund._id).compensation.status).toBe('issued');
  });

  test('reassigning a ticket to the head from the picker (with open loads)', async () => {
    const [late] = cloud.database.find('complaints', { department: 'logistics', status: 'awaiting_customer', assigneeOpenid: 'demo-agent-logistics' }) as Array<Record<string, any>>;
    await page.click(shown(`#inbox-list [data-complaint="${late._id}"]`));
    await page.waitForSelector(shown(`#ticket-panel[data-complaint="${late._id}"] #ticket-assign`), { timeout: 20_000 });
    await page.click(shown('#ticket-assign'));
    await page.waitForSelector(shown('#assign-demo-head-logistics'), { timeout: 15_000 });
    expect(await text('#assign-form')).toMatch(/在办 \d+ 件/);
    await snap('staff-assign-picker');
    await page.click(shown('#assign-demo-head-logistics'));
    await expect.poll(() => complaint(late._id).assigneeOpenid, { timeout: 15_000 }).toBe('demo-head-logistics');
    await expect.poll(() => text('#ticket-assignee'), { timeout: 10_000 }).toContain('吴主管');
  });

  test('filters: only L1, then cleared', async () => {
    await page.click(shown('#inbox-filter-toggle'));
    await page.click(shown('#filter-level [data-value="L1"]'));
    await page.waitForTimeout(800);
    const levels = await page.$$eval(`.taro_page_show #inbox-list .k-trow__level`, (els) => els.map((e) => e.textContent));
    expect(levels.every((l) => l === 'L1')).toBe(true);
    await snap('staff-inbox-filtered');
    await page.click(shown('#filter-level [data-value="L1"]'));
  });
});

describe('phone intake', () => {
  test('an agent records a hotline complaint with the live classification preview', async () => {
    await open('demo-agent-qc', '/packages/staff/intake/index');
    await page.waitForSelector(shown('#description textarea'), { timeout: 30_000 });
    await page.click(shown('#intake-submit'));
    await expect.poll(() => text('#description-error')).toBe('请至少用 5 个字描述问题');
    await page.fill(shown('#description textarea'), '顾客来电：昨天买的腊肠打开发霉了，老人吃了两片后肚子疼');
    await page.fill(shown('#contactPhone input'), '13600003333');
    await expect.poll(() => text('#intake-preview'), { timeout: 15_000 }).toContain('质检部');
    expect(await text('#intake-preview')).toContain('L1');
    await snapFull('staff-intake');
    await page.click(shown('#intake-submit'));
    await page.waitForSelector(shown('#intake-receipt'), { timeout: 20_000 });
    const no = await text('#intake-ticket-no');
    const [doc] = cloud.database.find('complaints', { ticketNo: no }) as Array<Record<string, any>>;
    expect(doc).toMatchObject({ channel: 'phone', level: 'L1', foodSafety: true, contactPhoneMasked: '136****3333' });
    await snap('staff-intake-receipt');
  });
});

describe('manager: dashboard and export', () => {
  test('the dashboard draws every chart from one call; a department filter narrows it', async () => {
    const started = Date.now();
    await open('demo-manager', '/packages/dashboard/overview/index', DESKTOP);
    await page.waitForSelector(shown('#kpi-total'), { timeout: 30_000 });
    timings.dashboardDemoMs = Date.now() - started;
    const total = cloud.database.count('complaints');
    expect(await text('#kpi-total')).toContain(String(total));
    for (const id of ['#chart-volume', '#chart-category', '#chart-sla', '#chart-heatmap', '#chart-keywords', '#dashboard-alerts']) expect(await page.isVisible(shown(id))).toBe(true);
    expect(await text('#dashboard-alerts')).toContain('批次');
    await snapFull('staff-dashboard-manager');
    await page.click(shown('#filter-department [data-value="qc"]'));
    await expect.poll(() => text('#kpi-total'), { timeout: 15_000 }).toContain(String(cloud.database.count('complaints', { department: 'qc' })));
    await page.click(shown('#filter-department [data-value="qc"]'));
  });

  test('export: the filtered complaints as a CSV with a BOM, Chinese headers and masked phones', async () => {
    // The browser build opens the file in a new tab: record the address instead of opening one.
    await page.evaluate(() => {
      const w = window as unknown as { __opened: string[]; open: (url: string) => null };
      w.__opened = [];
      w.open = (url: string) => (w.__opened.push(url), null);
    });
    await page.click(shown('#dashboard-export'));
    await expect.poll(() => text('#dashboard-export-result'), { timeout: 20_000 }).toContain('已导出');
    const url = await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened[0]);
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('工单号,提交时间,渠道');
    expect(csv).not.toMatch(/1[3-9]\d{9}/);
    expect(csv.trim().split('\r\n')).toHaveLength(cloud.database.count('complaints') + 1);
    await snap('staff-dashboard-exported');
  });

  test('a head sees their department only; an agent is told the dashboard is not theirs', async () => {
    await open('demo-head-qc', '/packages/dashboard/overview/index');
    await page.waitForSelector(shown('#kpi-total'), { timeout: 30_000 });
    expect(await text('#dashboard-scope')).toBe('质检部');
    expect(await page.isVisible(shown('#filter-department'))).toBe(false);
    await snapFull('staff-dashboard-head-phone');
    await open('demo-agent-qc', '/packages/dashboard/overview/index');
    await expect.poll(() => text('.k-error__title'), { timeout: 30_000 }).toBe('数据看板仅供主管和经理使用');
  });
});

describe('admin: invitations, binding, configuration', () => {
  let code = '';

  test('the admin invites a new QC agent; the code is shown once', async () => {
    await open('demo-admin', '/packages/admin/staff/index');
    await page.waitForSelector(shown('#invite-name input'), { timeout: 30_000 });
    await page.fill(shown('#invite-name input'), '刘新人');
    await page.click(shown('#invite-role [data-value="agent"]'));
    await page.click(shown('#invite-department [data-value="qc"]'));
    await page.click(shown('#invite-create'));
    await page.waitForSelector(shown('#invite-code'), { timeout: 15_000 });
    code = (await text('#invite-code'))!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect.poll(() => text('#invitation-list'), { timeout: 10_000 }).toContain('待使用');
    await snapFull('staff-admin-staff');
  });

  test('the invited WeChat user binds with the code and gets the 工作台', async () => {
    await open('wx-new-colleague', `/packages/staff/bind/index?code=${code.replace('-', '')}`);
    await page.waitForSelector(shown('#bind-submit'), { timeout: 30_000 });
    await snap('staff-bind');
    await page.click(shown('#bind-submit'));
    await expect.poll(() => text('#bind-result'), { timeout: 15_000 }).toContain('质检部专员');
    await page.click(shown('#bind-go'));
    await expect.poll(() => text('#workbench-name'), { timeout: 20_000 }).toBe('刘新人');
    expect(await page.isVisible('#tab-workbench')).toBe(true);
  });

  test('SLA policy: a bad target is refused next to the field; a good one saves a new version with an audit entry', async () => {
    await open('demo-admin', '/packages/admin/sla/index');
    await page.waitForSelector(shown('#sla-L3-first input'), { timeout: 30_000 });
    await page.fill(shown('#sla-L3-first input'), '0');
    await page.click(shown('#sla-save'));
    await expect.poll(() => text('#field-sla-L3-first .k-numf__error'), { timeout: 10_000 }).toBe('首次响应时限至少 1 分钟');
    await page.fill(shown('#sla-L3-first input'), '20');
    await page.click(shown('#sla-save'));
    await expect.poll(() => text('#sla-saved'), { timeout: 10_000 }).toContain('第 1 版');
    expect(cloud.database.find('config', { _id: 'sla' })[0]).toMatchObject({ version: 1, value: { targets: { L3: { firstResponseMinutes: 1200 } } } });
    await expect.poll(() => text('#audit-history'), { timeout: 10_000 }).toContain('第 1 版');
    await snapFull('staff-admin-sla');
  });

  test('compensation rules and approval limits; FAQ', async () => {
    await open('demo-admin', '/packages/admin/compensation/index');
    await page.waitForSelector(shown('#approval-agent input'), { timeout: 30_000 });
    await page.fill(shown('#approval-agent input'), '300');
    await page.click(shown('#approval-save'));
    await expect.poll(() => text('#field-approval-head .k-numf__error'), { timeout: 10_000 }).toBe('主管权限须高于专员权限');
    await page.fill(shown('#approval-agent input'), '60');
    await page.click(shown('#approval-save'));
    await page.waitForSelector(shown('#approval-saved'), { timeout: 10_000 });
    expect(cloud.database.find('config', { _id: 'approval' })[0]).toMatchObject({ value: { agentMaxFen: 6000 } });
    await snapFull('staff-admin-compensation');

    await open('demo-admin', '/packages/admin/faq/index');
    await page.waitForSelector(shown('#faq-list'), { timeout: 30_000 });
    await page.click(shown('#faq-new'));
    await page.fill(shown('#faq-question input'), '冻品收到后可以退货吗？');
    await page.fill(shown('#faq-answer textarea'), '冷冻商品签收后如有质量问题，请在 48 小时内拍照提交投诉，核实后退款或补发。');
    await page.fill(shown('#faq-keywords input'), '退货，冻品');
    await page.click(shown('#faq-save'));
    await expect.poll(() => text('#faq-list'), { timeout: 10_000 }).toContain('冻品收到后可以退货吗');
    await snapFull('staff-admin-faq');
  });
  test('taxonomy and handling rules: a template with an unknown placeholder is refused; a rule change saves', async () => {
    await open('demo-admin', '/packages/admin/taxonomy/index');
    await page.waitForSelector(shown('#sub-quality-spoiled-template textarea'), { timeout: 30_000 });
    await page.fill(shown('#sub-quality-spoiled-template textarea'), '您好 {name}，您的{product}问题已收到，我们会尽快处理。');
    await page.click(shown('#taxonomy-save'));
    await expect.poll(() => text('#sub-quality-spoiled .a-error'), { timeout: 10_000 }).toBe('只能使用 {product} 占位符');
    await page.fill(shown('#sub-quality-spoiled-template textarea'), '您好，您的{product}变质问题质检部已在核查，请保留产品和包装。');
    await page.click(shown('#taxonomy-save'));
    await page.waitForSelector(shown('#taxonomy-saved'), { timeout: 10_000 });
    expect(cloud.database.find('config', { _id: 'taxonomy' })[0]).toMatchObject({ value: { categories: { quality: { subcategories: { spoiled: { replyTemplate: expect.stringContaining('质检部已在核查') } } } } } });

    await open('demo-admin', '/packages/admin/rules/index');
    await page.waitForSelector(shown('#lifecycle-streak input'), { timeout: 30_000 });
    await page.fill(shown('#lifecycle-streak input'), '1');
    await page.click(shown('#lifecycle-save'));
    await expect.poll(() => text('#field-lifecycle-streak .k-numf__error'), { timeout: 10_000 }).toBe('连续不满意次数至少 2');
    await page.fill(shown('#lifecycle-streak input'), '2');
    await page.click(shown('#lifecycle-save'));
    await page.waitForSelector(shown('#lifecycle-saved'), { timeout: 10_000 });
    expect(cloud.database.find('config', { _id: 'lifecycle' })[0]).toMatchObject({ value: { churnStreak: 2 } });

    // The re-inspection lab: one packing line per line of text, blank lines dropped.
    await page.fill(shown('#lab-address input'), '四川省成都市温江区冻品产业园 8 号 质检楼');
    await page.fill(shown('#lab-packing textarea'), '取剩余产品连同原包装放入密封袋\n\n泡沫箱加冰袋，冻品保持冷冻');
    await page.click(shown('#lab-save'));
    await page.waitForSelector(shown('#lab-saved'), { timeout: 10_000 });
    expect(cloud.database.find('config', { _id: 'sampleLab' })[0]).toMatchObject({
      value: { address: '四川省成都市温江区冻品产业园 8 号 质检楼', packing: ['取剩余产品连同原包装放入密封袋', '泡沫箱加冰袋，冻品保持冷冻'] },
    });
    await snapFull('staff-admin-rules');
  });
  test('departments: the alert head and the robot variable per department', async () => {
    await open('demo-admin', '/packages/admin/departments/index');
    await page.waitForSelector(shown('#dept-logistics-webhook input'), { timeout: 30_000 });
    await page.fill(shown('#dept-logistics-webhook input'), 'wecom webhook');
    await page.click(shown('#dept-logistics-save'));
    await expect.poll(() => text('#dept-logistics .a-error'), { timeout: 10_000 }).toContain('大写字母');
    await page.fill(shown('#dept-logistics-webhook input'), 'WECOM_WEBHOOK_COLDCHAIN');
    await page.click(shown('#dept-logistics-save'));
    await expect.poll(() => text('#dept-logistics-saved'), { timeout: 10_000 }).toContain('第 1 版');
    expect(cloud.database.find('departments', { _id: 'logistics' })[0]).toMatchObject({ wecomWebhookKey: 'WECOM_WEBHOOK_COLDCHAIN', version: 1 });
    await snapFull('staff-admin-departments');
  });
});
