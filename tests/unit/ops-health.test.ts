import { expect, test } from 'vitest';
import { healthChecks, overallStatus, type HealthFacts } from '../../shared/ops/health';

const now = new Date('2026-11-22T10:00:00Z');
const healthy: HealthFacts = {
  now,
  encryption: { currentKeyId: 'abcd1234', pseudonymKeySet: false },
  config: [{ id: 'sla', label: '时限与节假日', present: true }],
  subscribeTemplates: [{ key: 'receipt', env: 'SUBSCRIBE_TEMPLATE_RECEIPT', set: true }],
  sms: { configured: true, missingTemplateEnvs: [] },
  wecom: [{ department: 'qc', name: '质检部', set: true }],
  collections: [{ name: 'complaints', present: true }],
  timers: [{ name: 'sla', label: '时限检查', everyMinutes: 1, lastRunAt: new Date(now.getTime() - 60_000) }],
  deadLetters: 0,
};
const status = (facts: HealthFacts, id: string) => healthChecks(facts).find((c) => c.id === id)?.status;

test('a complete deployment is ok everywhere', () => {
  const checks = healthChecks(healthy);
  expect(checks.every((c) => c.status === 'ok')).toBe(true);
  expect(overallStatus(checks)).toBe('ok');
  expect(checks.every((c) => /[\u4e00-\u9fff]/.test(c.detail))).toBe(true);
});

test('each gap is reported with its severity', () => {
  expect(status({ ...healthy, encryption: { currentError: 'x', pseudonymKeySet: false } }, 'encryption')).toBe('missing');
  expect(status({ ...healthy, encryption: { currentKeyId: 'a', previousKeyId: 'b', pseudonymKeySet: false } }, 'encryption')).toBe('warn');
  expect(status({ ...healthy, config: [{ id: 'sla', label: '时限', present: true, error: '无效' }] }, 'config')).toBe('missing');
  expect(status({ ...healthy, config: [{ id: 'sla', label: '时限', present: false }] }, 'config')).toBe('warn');
  expect(status({ ...healthy, subscribeTemplates: [{ key: 'receipt', env: 'E', set: false }] }, 'subscribe')).toBe('missing');
  expect(status({ ...healthy, sms: { configured: false, missingTemplateEnvs: [] } }, 'sms')).toBe('warn');
  expect(status({ ...healthy, wecom: [{ department: 'qc', name: '质检部', set: false }] }, 'wecom')).toBe('warn');
  expect(status({ ...healthy, collections: [{ name: 'complaints', present: false }] }, 'collections')).toBe('missing');
  expect(status({ ...healthy, timers: [{ name: 'sla', label: 't', everyMinutes: 1 }] }, 'timer:sla')).toBe('missing');
  expect(status({ ...healthy, timers: [{ name: 'sla', label: 't', everyMinutes: 1, lastRunAt: new Date(now.getTime() - 3_600_000) }] }, 'timer:sla')).toBe('warn');
  expect(status({ ...healthy, deadLetters: 3 }, 'outbox')).toBe('warn');
  expect(overallStatus(healthChecks({ ...healthy, deadLetters: 3 }))).toBe('warn');
});
