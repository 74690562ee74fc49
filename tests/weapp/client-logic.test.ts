import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The mini-program's platform-free logic: the typed API client, the dev identity URL, time formatting. */

// A plain stub rather than vi.fn(): here vitest reported a handled rejection from a spied promise as a failure.
type Send = (name: string, payload: unknown) => Promise<unknown>;
const sent: Array<[string, unknown]> = [];
let answer: Send = async () => undefined;
vi.mock('../../miniprogram/api/transport', () => ({
  send: (name: string, payload: unknown) => {
    sent.push([name, payload]);
    return answer(name, payload);
  },
}));
const reply = (value: unknown) => {
  answer = async () => value;
};

const { call, newRequestId, NETWORK_MESSAGE } = await import('../../miniprogram/api');
const { openidFromUrl } = await import('../../miniprogram/dev-identity/store');
const { formatCalendarDate, formatDateTime, formatRemaining, formatShortDateTime } = await import('../../miniprogram/utils/time');
const { sceneFromParams } = await import('../../miniprogram/utils/scene');

beforeEach(() => {
  sent.length = 0;
  reply(undefined);
});

describe('call()', () => {
  it('sends { action, input, requestId } and returns the envelope', async () => {
    reply({ ok: true, data: { recorded: true } });
    const res = await call('complaint', 'track', { event: 'scene_scan', ref: 'b=LC-1' }, { requestId: 'fixed-request-id-0001' });
    expect(res).toEqual({ ok: true, data: { recorded: true } });
    expect(sent).toEqual([['complaint', { action: 'track', input: { event: 'scene_scan', ref: 'b=LC-1' }, requestId: 'fixed-request-id-0001' }]]);
  });

  it('passes handled errors through unchanged', async () => {
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关记录' } };
    reply(notFound);
    expect(await call('complaint', 'resolveScene', { scene: 'b=X' })).toEqual(notFound);
  });

  it('turns a network failure into a retryable INTERNAL error, without throwing', async () => {
    answer = async () => {
      throw new TypeError('Failed to fetch');
    };
    const res = await call('complaint', 'me', {});
    expect(sent[0][1]).toMatchObject({ action: 'me', input: {}, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: 'INTERNAL', message: NETWORK_MESSAGE, retryable: true });
  });

  it.each([undefined, 'oops', { ok: false, error: { code: 'TEAPOT', message: 'x' } }, { ok: true }])('treats %j as a network failure', async (raw) => {
    reply(raw);
    const res = await call('complaint', 'me', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: '网络不给力，请检查网络后重试', retryable: true } });
  });

  it('generates request ids the server accepts, all different', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newRequestId()));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });
});

describe('development identity from the URL', () => {
  it.each([
    ['http://127.0.0.1:8787/?as=demo-admin#/pages/workbench/index', 'demo-admin'],
    ['http://127.0.0.1:8787/#/pages/workbench/index?as=demo-head-qc', 'demo-head-qc'],
    ['http://127.0.0.1:8787/#/pages/complaint/index?scene=b%3DLC-1&as=demo-customer-2', 'demo-customer-2'],
    ['http://127.0.0.1:8787/#/pages/complaint/index', undefined],
    ['http://127.0.0.1:8787/?as=%3Cscript%3E', undefined],
  ])('%s → %s', (href, expected) => {
    expect(openidFromUrl(href)).toBe(expected);
  });
});

describe('QR scene from page params', () => {
  it('decodes what WeChat passes and ignores blanks', () => {
    expect(sceneFromParams({ scene: 'b%3DLC-20261101' })).toBe('b=LC-20261101');
    expect(sceneFromParams({ scene: 'b=LC-20261101' })).toBe('b=LC-20261101');
    expect(sceneFromParams({ scene: '' })).toBeUndefined();
    expect(sceneFromParams({})).toBeUndefined();
    expect(sceneFromParams({ scene: '%E0%A4%A' })).toBe('%E0%A4%A'); // malformed: left for the server to refuse
  });
});

describe('China-time formatting', () => {
  it('formats ISO times with any offset in Asia/Shanghai', () => {
    expect(formatDateTime('2026-11-22T10:05:00.000+08:00')).toBe('2026-11-22 10:05');
    expect(formatDateTime('2026-11-22T02:05:00.000Z')).toBe('2026-11-22 10:05');
    expect(formatDateTime('2026-11-21T20:30:00.000Z')).toBe('2026-11-22 04:30');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('drops the year only for the current year', () => {
    const now = new Date('2026-12-31T20:00:00Z'); // already 2027 in China
    expect(formatShortDateTime('2026-11-22T10:05:00+08:00', now)).toBe('2026年11月22日 10:05');
    expect(formatShortDateTime('2027-01-01T09:00:00+08:00', now)).toBe('1月1日 09:00');
  });

  it('formats calendar dates and countdowns', () => {
    expect(formatCalendarDate('2026-11-01')).toBe('2026年11月01日');
    expect(formatRemaining(45)).toEqual({ span: '45 分钟', overdue: false });
    expect(formatRemaining(135)).toEqual({ span: '2 小时 15 分', overdue: false });
    expect(formatRemaining(1500)).toEqual({ span: '1 天 1 小时', overdue: false });
    expect(formatRemaining(-25)).toEqual({ span: '25 分钟', overdue: true });
  });
});
