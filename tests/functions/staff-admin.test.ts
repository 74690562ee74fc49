import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/policy';
import { DEFAULT_APPROVAL_LIMITS } from '../../shared/compensation/approval';
import { data, requestIds, startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Staff identity and administration through the real SDK: invitations (idempotent create, revoke, expiry), binding
 * a WeChat user by code (races, retries, who may), staff edits with the last-admin guard, versioned configuration
 * documents with per-field validation and an audit entry, FAQ entries.
 */
let cloud: TestCloud;
const rid = requestIds();
const ADMIN = 'demo-admin';

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.close());

describe('invitations and binding', () => {
  test('an admin invites an agent; the invited WeChat user binds once and is staff from the next call', async () => {
    const requestId = rid('inv');
    const created = data(await cloud.call('admin', 'createInvitation', { name: '刘新人', role: 'agent', department: 'qc', skills: ['quality', 'spoiled'] }, { openid: ADMIN, requestId }));
    expect(created.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(created.path).toBe(`packages/staff/bind/index?code=${created.code.replace('-', '')}`);
    expect(created.state).toBe('open');
    // A retry answers the same code, and only one invitation exists.
    const again = data(await cloud.call('admin', 'createInvitation', { name: '刘新人', role: 'agent', department: 'qc', skills: ['quality', 'spoiled'] }, { openid: ADMIN, requestId }));
    expect(again.code).toBe(created.code);
    expect(cloud.database.count('invitations')).toBe(1);
    // The code itself is never stored.
    expect(JSON.stringify(cloud.database.find('invitations', {}))).not.toContain(created.code.replace('-', ''));

    const newcomer = 'wx-newcomer-1';
    expect(await cloud.call('ticket', 'inbox', {}, { openid: newcomer })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bound = data(await cloud.call('admin', 'bindStaff', { code: created.code.toLowerCase() }, { openid: newcomer, requestId: rid('bind') }));
    expect(bound).toMatchObject({ openid: newcomer, name: '刘新人', role: 'agent', department: 'qc', onDuty: true, active: true });
    expect(data(await cloud.call('complaint', 'me', {}, { openid: newcomer }))).toMatchObject({ isStaff: true, kind: 'agent', department: 'qc' });
    // The same person retrying gets the same answer; someone else is refused.
    expect(data(await cloud.call('admin', 'bindStaff', { code: created.code }, { openid: newcomer, requestId: rid('bind') }))).toMatchObject({ openid: newcomer });
    expect(await cloud.call('admin', 'bindStaff', { code: created.code }, { openid: 'wx-someone-else', requestId: rid('bind') })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { code: '这个邀请码已经被使用过了' } } });
    const list = data(await cloud.call('admin', 'listInvitations', {}, { openid: ADMIN }));
    expect(list.items[0]).toMatchObject({ state: 'used', usedByName: '刘新人' });
    expect(cloud.database.count('audit', { target: `staff:${newcomer}`, action: 'bind_staff' })).toBe(1);
  });

  test('two people racing for one code: one staff record', async () => {
    const { code } = data(await cloud.call('admin', 'createInvitation', { name: '抢码', role: 'agent', department: 'cs' }, { openid: ADMIN, requestId: rid('inv') }));
    const answers = await Promise.all(['wx-race-a', 'wx-race-b', 'wx-race-c'].map((openid) => cloud.call('admin', 'bindStaff', { code }, { openid, requestId: rid('bind') })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'CONFLICT')).toBe(true);
    expect(cloud.database.count('staff', { name: '抢码' })).toBe(1);
  });

  test('wrong, revoked and expired codes, staff re-binding, and who may invite', async () => {
    expect(await cloud.call('admin', 'bindStaff', { code: 'ABCD-2345' }, { openid: 'wx-guess', requestId: rid('bind') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await cloud.call('admin', 'bindStaff', { code: '12' }, { openid: 'wx-guess', requestId: rid('bind') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { code: expect.any(String) } } });
    const inv = data(await cloud.call('admin', 'createInvitation', { name: '作废', role: 'head', department: 'logistics' }, { openid: ADMIN, requestId: rid('inv') }));
    expect(data(await cloud.call('admin', 'revokeInvitation', { invitationId: inv.invitationId }, { openid: ADMIN })).state).toBe('revoked');
    expect(await cloud.call('admin', 'bindStaff', { code: inv.code }, { openid: 'wx-late', requestId: rid('bind') })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这个邀请码已被管理员作废' } });

    const short = data(await cloud.call('admin', 'createInvitation', { name: '过期', role: 'agent', department: 'qc', expiresInDays: 1 }, { openid: ADMIN, requestId: rid('inv') }));
    await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: 25 * 60 }) });
    expect(await cloud.call('admin', 'bindStaff', { code: short.code }, { openid: 'wx-slow', requestId: rid('bind') })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('过期') } });

    const fresh = data(await cloud.call('admin', 'createInvitation', { name: '已是员工', role: 'agent', department: 'qc' }, { openid: ADMIN, requestId: rid('inv') }));
    expect(await cloud.call('admin', 'bindStaff', { code: fresh.code }, { openid: 'demo-agent-cs', requestId: rid('bind') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    expect(await cloud.call('admin', 'createInvitation', { name: '越权', role: 'admin' }, { openid: 'demo-manager', requestId: rid('inv') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.call('admin', 'createInvitation', { name: '没部门', role: 'agent' }, { openid: ADMIN, requestId: rid('inv') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { department: '专员和主管须选择部门' } },
    });
    expect(await cloud.call('admin', 'createInvitation', { name: '', role: 'boss' } as never, { openid: ADMIN, requestId: rid('inv') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { name: '请填写姓名', role: '请选择角色' } },
    });
  });
});

describe('staff', () => {
  test('an admin moves an agent off duty and deactivates them; the last admin cannot be removed', async () => {
    const { items } = data(await cloud.call('admin', 'listStaff', {}, { openid: ADMIN }));
    const agent = items.find((s) => s.openid === 'demo-agent-logistics')!;
    expect(agent).toMatchObject({ role: 'agent', department: 'logistics', active: true, version: 0 });
    const off = data(await cloud.call('admin', 'updateStaff', { openid: agent.openid, version: 0, onDuty: false, skills: ['late'] }, { openid: ADMIN }));
    expect(off).toMatchObject({ onDuty: false, skills: ['late'], version: 1 });
    expect(await cloud.call('admin', 'updateStaff', { openid: agent.openid, version: 0, active: false }, { openid: ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await cloud.call('admin', 'updateStaff', { openid: agent.openid, version: 1, role: 'manager', department: null }, { openid: ADMIN })).toMatchObject({ ok: true, data: { role: 'manager' } });
    expect(await cloud.call('admin', 'updateStaff', { openid: agent.openid, version: 2, role: 'head', department: null }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { department: '专员和主管须选择部门' } },
    });
    expect(await cloud.call('admin', 'updateStaff', { openid: ADMIN, version: 0, active: false }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { active: '至少要保留一位启用的管理员' } },
    });
    expect(cloud.database.count('audit', { target: `staff:${agent.openid}` })).toBe(2);
    // Deactivated staff are customers to every function from the next call on.
    data(await cloud.call('admin', 'updateStaff', { openid: agent.openid, version: 2, active: false }, { openid: ADMIN }));
    expect(await cloud.call('ticket', 'inbox', {}, { openid: agent.openid })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('configuration documents', () => {
  test('SLA policy: defaults at version 0, per-field validation, a conflicting save refused, audited, read by the functions', async () => {
    const sla = data(await cloud.call('admin', 'getConfig', { id: 'sla' }, { openid: ADMIN }));
    expect(sla).toMatchObject({ id: 'sla', version: 0, history: [] });
    const policy = sla.value as typeof DEFAULT_SLA_POLICY;
    const bad = { ...policy, targets: { ...policy.targets, L3: { firstResponseMinutes: 0, resolveMinutes: 60 } }, warnFraction: 2 };
    expect(await cloud.call('admin', 'saveConfig', { id: 'sla', version: 0, value: bad }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.targets.L3.firstResponseMinutes': '首次响应时限至少 1 分钟', 'value.warnFraction': '预警比例须小于 1' } },
    });
    const shorter = { ...policy, targets: { ...policy.targets, L3: { firstResponseMinutes: 12 * 60, resolveMinutes: 6 * 60 } } };
    expect(await cloud.call('admin', 'saveConfig', { id: 'sla', version: 0, value: shorter }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.targets.L3.resolveMinutes': '解决时限不能短于首次响应时限' } },
    });
    const holiday = { ...policy, holidayModes: [...policy.holidayModes, { name: '国庆', from: '2026-10-01', to: '2026-10-07', factor: 0.5, dutyTeam: ['demo-agent-qc'] }] };
    const saved = data(await cloud.call('admin', 'saveConfig', { id: 'sla', version: 0, value: holiday }, { openid: ADMIN }));
    expect(saved).toMatchObject({ version: 1, updatedByName: '系统管理员' });
    expect(saved.history[0]).toMatchObject({ action: 'save_config', summary: '修改「时效（SLA）与节假日」（第 1 版）' });
    expect(await cloud.call('admin', 'saveConfig', { id: 'sla', version: 0, value: holiday }, { openid: ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const [doc] = cloud.database.find('config', { _id: 'sla' });
    expect(doc).toMatchObject({ version: 1, value: { holidayModes: expect.arrayContaining([expect.objectContaining({ name: '国庆' })]) } });
  });

  test('approval limits and compensation rules: rules across fields, and who may', async () => {
    expect(await cloud.call('admin', 'saveConfig', { id: 'approval', version: 0, value: { agentMaxFen: 30000, headMaxFen: 20000 } }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.headMaxFen': '主管权限须高于专员权限' } },
    });
    const ok = data(await cloud.call('admin', 'saveConfig', { id: 'approval', version: 0, value: { ...DEFAULT_APPROVAL_LIMITS, agentMaxFen: 8000 } }, { openid: ADMIN }));
    expect(ok.value).toEqual({ agentMaxFen: 8000, headMaxFen: 20000 });
    const rules = data(await cloud.call('admin', 'getConfig', { id: 'compensation' }, { openid: ADMIN })).value as { coldChain: { tiers: Array<{ upToMinutes: number | null }> } };
    const tiers = rules.coldChain.tiers.map((t, i) => (i === 1 ? { ...t, upToMinutes: 20 } : t));
    expect(await cloud.call('admin', 'saveConfig', { id: 'compensation', version: 0, value: { ...rules, coldChain: { ...rules.coldChain, tiers } } as never }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.coldChain.tiers.1.upToMinutes': '各档上限须逐档递增' } },
    });
    expect(await cloud.call('admin', 'getConfig', { id: 'sla' }, { openid: 'demo-manager' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('taxonomy: labels, departments and reply templates per field; the ticket screen reads the saved names', async () => {
    const current = data(await cloud.call('admin', 'getConfig', { id: 'taxonomy' }, { openid: ADMIN }));
    const value = structuredClone(current.value) as { categories: Record<string, { label: string; department: string; subcategories: Record<string, { label: string; replyTemplate: string }> }> };
    expect(Object.keys(value.categories)).toEqual(['quality', 'delivery', 'service', 'other']);
    const spoiled = value.categories.quality.subcategories.spoiled;
    spoiled.replyTemplate = '您好，{customer} 您的{product}问题我们已收到。';
    value.categories.delivery.label = '';
    expect(await cloud.call('admin', 'saveConfig', { id: 'taxonomy', version: current.version, value } as never, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.categories.quality.subcategories.spoiled.replyTemplate': '只能使用 {product} 占位符', 'value.categories.delivery.label': '请填写名称' } },
    });
    // An unknown code cannot be added (codes are fixed: the classifier and stored complaints use them).
    const extra = { categories: { ...value.categories, fruit: value.categories.other } };
    expect(await cloud.call('admin', 'saveConfig', { id: 'taxonomy', version: current.version, value: extra } as never, { openid: ADMIN })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    value.categories.delivery.label = '配送问题';
    spoiled.label = '变质霉变';
    spoiled.replyTemplate = '您好，您反映的{product}变质问题质检部已经在核查，请先保留产品和包装。';
    const saved = data(await cloud.call('admin', 'saveConfig', { id: 'taxonomy', version: current.version, value } as never, { openid: ADMIN }));
    expect(saved.history[0]).toMatchObject({ summary: `修改「分类、部门与回复模板」（第 ${current.version + 1} 版）` });

    const filed = data(await cloud.call('complaint', 'submit', { description: '买的腊肠打开发霉了，长了白毛，还有一股馊味', contactPhone: '13812348000' }, { openid: 'demo-customer-3', requestId: rid('tax') }));
    expect(filed).toMatchObject({ category: 'quality', subcategory: 'spoiled' });
    // Functions keep configuration for a minute per instance.
    await fetch(`${cloud.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: 2 }) });
    const ticket = data(await cloud.call('ticket', 'get', { complaintId: filed.complaintId }, { openid: 'demo-head-qc' }));
    expect(ticket.classification.subcategoryLabel).toBe('变质霉变');
    expect(ticket.replyTemplate).toMatch(/^您好，您反映的.+变质问题质检部已经在核查/);
  });

  test('urgency, escalation and lifecycle rules: validated per field, saved with a version', async () => {
    const urgency = data(await cloud.call('admin', 'getConfig', { id: 'urgency' }, { openid: ADMIN }));
    const u = urgency.value as { l2Categories: string[]; repeatCount: number };
    expect(await cloud.call('admin', 'saveConfig', { id: 'urgency', version: urgency.version, value: { ...u, repeatCount: 1, l2Categories: ['quality', 'quality'] } } as never, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.repeatCount': '重复投诉次数至少 2' } },
    });
    expect(await cloud.call('admin', 'saveConfig', { id: 'urgency', version: urgency.version, value: { ...u, l2Categories: ['quality', 'quality'] } } as never, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.l2Categories': '类别不能重复' } },
    });
    expect(data(await cloud.call('admin', 'saveConfig', { id: 'urgency', version: urgency.version, value: { ...u, l2Categories: ['quality', 'delivery'] } } as never, { openid: ADMIN })).version).toBe(urgency.version + 1);

    const escalation = data(await cloud.call('admin', 'getConfig', { id: 'escalation' }, { openid: ADMIN }));
    expect(escalation.value).toEqual({ managerAfterMinutes: 120 });
    expect(data(await cloud.call('admin', 'saveConfig', { id: 'escalation', version: 0, value: { managerAfterMinutes: 90 } } as never, { openid: ADMIN })).value).toEqual({ managerAfterMinutes: 90 });

    const lifecycle = data(await cloud.call('admin', 'getConfig', { id: 'lifecycle' }, { openid: ADMIN }));
    const l = lifecycle.value as Record<string, number>;
    expect(await cloud.call('admin', 'saveConfig', { id: 'lifecycle', version: 0, value: { ...l, churnStreak: 1, autoCloseDays: 0 } } as never, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.churnStreak': '连续不满意次数至少 2', 'value.autoCloseDays': '自动关闭的天数至少 1' } },
    });
    expect(await cloud.call('admin', 'saveConfig', { id: 'lifecycle', version: 0, value: l } as never, { openid: 'demo-head-cs' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('batch-surge thresholds and the re-inspection lab: validated per field, saved with a version', async () => {
    const surge = data(await cloud.call('admin', 'getConfig', { id: 'surge' }, { openid: ADMIN }));
    expect(surge.value).toMatchObject({ windowHours: 24, minCount: 5, maxPValue: 0.0001 });
    const g = surge.value as Record<string, number>;
    expect(await cloud.call('admin', 'saveConfig', { id: 'surge', version: 0, value: { ...g, minCount: 2, maxPValue: 0.5 } } as never, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.minCount': '最少顾客数至少 3', 'value.maxPValue': '显著性不能大于 0.05' } },
    });
    expect(data(await cloud.call('admin', 'saveConfig', { id: 'surge', version: 0, value: { ...g, minCount: 6 } } as never, { openid: ADMIN })).version).toBe(1);

    const lab = data(await cloud.call('admin', 'getConfig', { id: 'sampleLab' }, { openid: ADMIN }));
    const b = lab.value as { packing: string[]; address: string };
    expect(b.packing.length).toBeGreaterThan(0);
    expect(await cloud.call('admin', 'saveConfig', { id: 'sampleLab', version: 0, value: { ...b, address: '', phone: 'call me', packing: [] } } as never, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'value.address': '请填写收件地址', 'value.phone': '联系电话格式不正确', 'value.packing': '至少一条打包说明' } },
    });
    const saved = data(await cloud.call('admin', 'saveConfig', { id: 'sampleLab', version: 0, value: { ...b, address: '四川省成都市温江区冻品产业园 8 号 质检楼' } } as never, { openid: ADMIN }));
    expect(saved.history[0]).toMatchObject({ summary: '修改「寄样复检实验室」（第 1 版）' });
  });

  test('departments: the alert head must be an active head of that department; webhook variable names only; versioned', async () => {
    const { items } = data(await cloud.call('admin', 'listDepartments', {}, { openid: ADMIN }));
    expect(items.map((d) => d.code)).toEqual(['qc', 'logistics', 'cs']);
    const qc = items[0];
    expect(qc).toMatchObject({ headOpenid: 'demo-head-qc', headName: expect.any(String), wecomWebhookKey: 'WECOM_WEBHOOK_QC', version: 0 });
    expect(qc.heads.map((h) => h.openid)).toEqual(['demo-head-qc']);
    const base = { code: 'qc' as const, version: 0, headOpenid: 'demo-head-qc', wecomWebhookKey: 'WECOM_WEBHOOK_QC', description: qc.description };
    expect(await cloud.call('admin', 'saveDepartment', { ...base, headOpenid: 'demo-head-cs' }, { openid: ADMIN })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { headOpenid: '请选择本部门在职的主管' } } });
    expect(await cloud.call('admin', 'saveDepartment', { ...base, wecomWebhookKey: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' }, { openid: ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { wecomWebhookKey: expect.stringContaining('大写字母') } },
    });
    const saved = data(await cloud.call('admin', 'saveDepartment', { ...base, wecomWebhookKey: 'WECOM_WEBHOOK_QC_LAB', description: '质检部：食品安全、异物、变质与寄样复检' }, { openid: ADMIN }));
    expect(saved).toMatchObject({ version: 1, wecomWebhookKey: 'WECOM_WEBHOOK_QC_LAB' });
    expect(await cloud.call('admin', 'saveDepartment', base, { openid: ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(cloud.database.find('audit', { target: 'department:qc' })).toHaveLength(1);
    expect(await cloud.call('admin', 'listDepartments', {}, { openid: 'demo-head-qc' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('FAQ: create (idempotent), edit with version, deactivate; audit lists newest first', async () => {
    const requestId = rid('faq');
    const input = { question: '冻品可以退货吗？', answer: '冷冻商品签收后如有质量问题，请在 48 小时内拍照提交投诉，核实后退款或补发。', keywords: ['退货', '冻品'], category: 'refund' as const, active: true };
    const created = data(await cloud.call('admin', 'saveFaq', input, { openid: ADMIN, requestId }));
    expect(data(await cloud.call('admin', 'saveFaq', input, { openid: ADMIN, requestId })).faqId).toBe(created.faqId);
    const edited = data(await cloud.call('admin', 'saveFaq', { ...input, faqId: created.faqId, version: created.version, active: false }, { openid: ADMIN, requestId: rid('faq') }));
    expect(edited).toMatchObject({ active: false, version: 2 });
    expect(await cloud.call('admin', 'saveFaq', { ...input, faqId: created.faqId, version: 1 }, { openid: ADMIN, requestId: rid('faq') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await cloud.call('admin', 'saveFaq', { ...input, question: '退', keywords: [] }, { openid: ADMIN, requestId: rid('faq') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { question: '问题至少 4 个字', keywords: '至少一个关键词' } },
    });
    const audit = data(await cloud.call('admin', 'listAudit', {}, { openid: ADMIN }));
    expect(audit.items[0].summary).toContain('停用常见问题');
    expect(data(await cloud.call('admin', 'listFaqs', {}, { openid: ADMIN })).items.some((f) => f.faqId === created.faqId && !f.active)).toBe(true);
  });
});
