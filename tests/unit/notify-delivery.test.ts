import { describe, expect, test } from 'vitest';
import { valueProblem } from '../../localcloud/gateway/openapi/template-values';
import { chooseChannels, noChannelReason, type ChannelFacts } from '../../shared/notify/channels';
import { customerSms, customerSubscribe, staffSubscribe, staffWecom, subscribePage, WECOM_MARKDOWN_MAX_BYTES } from '../../shared/notify/compose';
import { DEFAULT_NOTIFY_CONFIG, resolveNotifyConfig } from '../../shared/notify/config';
import { consentAnswers, consentId } from '../../shared/notify/consent';
import { OUTBOX_KINDS, type OutboxDoc } from '../../shared/notify/outbox';
import { deferredUntil, quietUntil } from '../../shared/notify/quiet-hours';
import { placeholders } from '../../shared/notify/render';
import { afterFailure, backoffSeconds, DEFAULT_RETRY_POLICY, retrySchedule } from '../../shared/notify/retry';
import { CUSTOMER_TEMPLATES, SMS_TEMPLATES, SUBSCRIBE_TEMPLATES } from '../../shared/notify/templates';

/** An instant given as China wall-clock time (UTC+8). */
const cn = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const T = DEFAULT_NOTIFY_CONFIG.templates;

describe('retry schedule: exponential backoff with a cap, dead after N attempts', () => {
  test('the defaults: 1, 2, 4, 8, 16, 32, 60 minutes, eight attempts', () => {
    expect(retrySchedule()).toEqual([60, 120, 240, 480, 960, 1920, 3600]);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    expect(backoffSeconds(20)).toBe(3600);
  });

  test('after a failed attempt: the next try, or dead after the last', () => {
    const now = cn('2026-11-22 10:00');
    expect(afterFailure(1, now)).toEqual({ dead: false, nextAttemptAt: cn('2026-11-22 10:01') });
    expect(afterFailure(3, now)).toEqual({ dead: false, nextAttemptAt: cn('2026-11-22 10:04') });
    expect(afterFailure(7, now)).toEqual({ dead: false, nextAttemptAt: cn('2026-11-22 11:00') });
    expect(afterFailure(8, now)).toEqual({ dead: true });
  });

  test('both numbers are configuration', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelaySeconds: 30, factor: 3, maxDelaySeconds: 200 };
    expect(retrySchedule(policy)).toEqual([30, 90]);
    expect(backoffSeconds(4, policy)).toBe(200);
    expect(afterFailure(3, new Date(0), policy)).toEqual({ dead: true });
  });

  test('the lease outlives the function timeout (60 s)', () => {
    expect(DEFAULT_RETRY_POLICY.leaseSeconds).toBeGreaterThan(60);
  });
});

describe('quiet hours: 22:00–08:00 China time, L1 exempt, deferred to their end', () => {
  test('inside the window over midnight: until 08:00 the same or the next morning', () => {
    expect(quietUntil(cn('2026-11-22 22:00'))).toEqual(cn('2026-11-23 08:00'));
    expect(quietUntil(cn('2026-11-22 23:59'))).toEqual(cn('2026-11-23 08:00'));
    expect(quietUntil(cn('2026-11-23 00:00'))).toEqual(cn('2026-11-23 08:00'));
    expect(quietUntil(cn('2026-11-23 07:59'))).toEqual(cn('2026-11-23 08:00'));
  });

  test('outside it: nothing', () => {
    expect(quietUntil(cn('2026-11-23 08:00'))).toBeUndefined();
    expect(quietUntil(cn('2026-11-23 21:59'))).toBeUndefined();
  });

  test('a window within one day, and none when start equals end', () => {
    expect(quietUntil(cn('2026-11-23 12:30'), { start: '12:00', end: '13:30' })).toEqual(cn('2026-11-23 13:30'));
    expect(quietUntil(cn('2026-11-23 13:30'), { start: '12:00', end: '13:30' })).toBeUndefined();
    expect(quietUntil(cn('2026-11-23 03:00'), { start: '00:00', end: '00:00' })).toBeUndefined();
  });

  test('staff and department alerts wait, except L1; customers are not held', () => {
    const night = cn('2026-11-22 23:10');
    expect(deferredUntil({ audience: 'staff', level: 'L2' }, night)).toEqual(cn('2026-11-23 08:00'));
    expect(deferredUntil({ audience: 'department' }, night)).toEqual(cn('2026-11-23 08:00'));
    expect(deferredUntil({ audience: 'staff', level: 'L1' }, night)).toBeUndefined();
    expect(deferredUntil({ audience: 'customer', level: 'L3' }, night)).toBeUndefined();
    expect(deferredUntil({ audience: 'staff', level: 'L3' }, cn('2026-11-23 09:00'))).toBeUndefined();
  });
});

describe('channel choice', () => {
  const facts = (f: Partial<ChannelFacts>): ChannelFacts => ({ audience: 'customer', consent: false, sms: false, webhook: false, ...f });

  test('customer: subscribe with a consent (SMS as the fallback), else SMS, else nothing', () => {
    expect(chooseChannels(facts({ consent: true, sms: true }))).toEqual({ primary: ['subscribe', 'sms'], extra: [] });
    expect(chooseChannels(facts({ consent: false, sms: true }))).toEqual({ primary: ['sms'], extra: [] });
    expect(chooseChannels(facts({ consent: true, sms: false }))).toEqual({ primary: ['subscribe'], extra: [] });
    expect(chooseChannels(facts({}))).toEqual({ primary: [], extra: [] });
    expect(noChannelReason(facts({}))).toContain('未订阅');
  });

  test('staff: the department group (mentioning them), plus their own subscribe message when they consented', () => {
    expect(chooseChannels(facts({ audience: 'staff', webhook: true }))).toEqual({ primary: ['wecom'], extra: [] });
    expect(chooseChannels(facts({ audience: 'staff', webhook: true, consent: true }))).toEqual({ primary: ['wecom'], extra: ['subscribe'] });
    expect(chooseChannels(facts({ audience: 'staff', webhook: false, consent: true }))).toEqual({ primary: ['subscribe'], extra: [] });
    expect(chooseChannels(facts({ audience: 'staff', sms: true }))).toEqual({ primary: [], extra: [] });
  });

  test('department: its group only', () => {
    expect(chooseChannels(facts({ audience: 'department', webhook: true, consent: true, sms: true }))).toEqual({ primary: ['wecom'], extra: [] });
    expect(chooseChannels(facts({ audience: 'department' })).primary).toEqual([]);
    expect(chooseChannels(facts({ audience: 'system', webhook: true })).primary).toEqual([]);
  });
});

describe('composing messages', () => {
  const now = cn('2026-11-22 14:30');
  const receipt: Pick<OutboxDoc, 'kind' | 'audience' | 'data' | 'ticketNo' | 'complaintId' | 'level'> = {
    kind: 'receipt',
    audience: 'customer',
    complaintId: 'c0ffee',
    ticketNo: 'KS20261122-0042',
    level: 'L2',
    data: { ticketNo: 'KS20261122-0042', issue: '包装破损/渗漏，而且冷冻水饺全部化冻粘在一起了', firstResponseDueAt: '2026-11-22T18:30:00.000+08:00', status: '已受理' },
  };

  test('a receipt as a subscribe message: the receipt template, the detail page, values fitted', () => {
    const msg = customerSubscribe(receipt, now, T);
    expect(msg.template).toBe('receipt');
    expect(msg.page).toBe('packages/complaint/detail/index?id=c0ffee');
    expect(msg.data).toEqual({
      character_string1: { value: 'KS20261122-0042' },
      thing2: { value: '包装破损/渗漏，而且冷冻水饺全部化冻粘…' },
      time3: { value: '2026年11月22日 18:30' },
      phrase4: { value: '已受理' },
    });
    for (const [key, { value }] of Object.entries(msg.data)) expect(valueProblem(key, value)).toBeNull();
  });

  test('the same receipt as an SMS: template key and short parameters', () => {
    expect(customerSms(receipt, now, T)).toEqual({ template: 'receipt', params: ['KS20261122-0042', '11月22日 18:30'] });
  });

  test('every kind composes for a customer and for staff with valid values, even with no data at all', () => {
    for (const kind of OUTBOX_KINDS) {
      const bare = { kind, audience: 'customer' as const, data: {} };
      for (const msg of [customerSubscribe(bare, now, T), staffSubscribe({ ...bare, audience: 'staff' }, now, T)]) {
        for (const [key, { value }] of Object.entries(msg.data)) expect(valueProblem(key, value), `${kind} ${key}=${value}`).toBeNull();
        expect(msg.page).not.toContain('?');
      }
      expect(customerSms(bare, now, T).params.every((p) => p.length > 0)).toBe(true);
      expect(staffWecom({ ...bare, audience: 'department' }, now, T).markdown.content.length).toBeGreaterThan(0);
    }
  });

  test('templates use the fields their WeChat template declares, and SMS templates get the parameters they number', () => {
    for (const [kind, spec] of Object.entries(CUSTOMER_TEMPLATES)) {
      expect(Object.keys(spec!.subscribe.values).sort(), kind).toEqual(Object.keys(SUBSCRIBE_TEMPLATES[spec!.subscribe.template].fields).sort());
      const numbered = SMS_TEMPLATES[spec!.sms.template].text.match(/\{\d\}/g) ?? [];
      expect(spec!.sms.params.length, kind).toBe(numbered.length);
    }
    expect(Object.keys(T.staffSubscribe).sort()).toEqual(Object.keys(SUBSCRIBE_TEMPLATES.staff.fields).sort());
    expect(placeholders(SUBSCRIBE_TEMPLATES.receipt.page)).toEqual(['complaintId']);
  });

  test('a staff alert for WeCom: level, title and ticket in the heading, the lines it has values for, the mention', () => {
    const alert = staffWecom(
      { kind: 'sla_breach', audience: 'staff', ticketNo: 'KS1', level: 'L2', data: { ticketNo: 'KS1', event: '首次响应已超时', issue: '异味', dueAt: '2026-11-22T16:00:00+08:00' } },
      now,
      T,
      '@赵质检',
    );
    expect(alert.msgtype).toBe('markdown');
    expect(alert.markdown.content.split('\n')).toEqual([
      '### 【L2】SLA 已超时：KS1',
      '> 事项：<font color="warning">首次响应已超时</font>',
      '> 问题：异味',
      '> 级别：L2',
      '> 承诺截止：11月22日 16:00',
      '@赵质检',
    ]);
  });

  test('a long note cannot push a WeCom post past its 4096-byte limit', () => {
    const alert = staffWecom({ kind: 'staff_assist', audience: 'department', data: { event: '请'.repeat(5000), issue: '问'.repeat(5000), reason: '因'.repeat(5000) } }, now, T);
    expect(Buffer.byteLength(alert.markdown.content)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
  });

  test('the page drops its query when there is no ticket to open', () => {
    expect(subscribePage('pages/workbench/index?id={complaintId}', undefined)).toBe('pages/workbench/index');
    expect(subscribePage('pages/workbench/index?id={complaintId}', 'a b')).toBe('pages/workbench/index?id=a%20b');
  });
});

describe('consents and configuration', () => {
  test('answers keyed by our template key or by the WeChat template id', () => {
    const ids = { receipt: 'tmpl-R', survey: 'tmpl-S' };
    expect(consentAnswers({ receipt: 'accept', 'tmpl-S': 'reject', other: 'accept' }, ids)).toEqual({ answers: { receipt: 'accept', survey: 'reject' }, unknown: ['other'] });
    expect(consentId('o1', 'receipt')).toBe('o1:receipt');
  });

  test('an override changes what it names; a malformed one keeps the defaults', () => {
    const config = resolveNotifyConfig({ retry: { maxAttempts: 3 }, quietHours: { start: '23:00', end: 'soon' }, templates: { staffTitles: { staff_nudge: '催办' } } });
    expect(config.retry).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 3 });
    expect(config.quietHours).toMatchObject({ start: '23:00', end: '08:00', exemptLevels: ['L1'] });
    expect(config.templates.staffTitles.staff_nudge).toBe('催办');
    expect(config.templates.staffTitles.staff_assist).toBe('协助请求');
    expect(resolveNotifyConfig('nonsense')).toBe(DEFAULT_NOTIFY_CONFIG);
    expect(resolveNotifyConfig({ retry: { maxAttempts: -1, factor: 0.5 } }).retry).toEqual(DEFAULT_RETRY_POLICY);
  });
});
