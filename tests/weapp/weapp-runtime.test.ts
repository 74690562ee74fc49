// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { PROMISE_SUMMARY, SERVICE_PROMISES } from '../../miniprogram/constants/promises';
import { ensureWeappBuild } from './helpers/weapp-build';
import { loadWeappRuntime, waitFor, type CallFunction, type WeappRuntime } from './helpers/weapp-runtime';

/**
 * The WeChat build's pages load and render their real content: the built dist/weapp is run in jsdom
 * with miniprogram-simulate's `wx`, cloud functions answered by a stub, and the setData diffs inspected.
 */

const SESSION = { openid: 'demo-head-qc', kind: 'head', isStaff: true, name: '周主管', department: 'qc' };
const SCENE = {
  kind: 'package',
  scene: 'b=LC-20261101',
  product: { productId: 'p-lc', name: '川味腊肠', spec: '500g', spiceLevel: 3, spiceNote: '麻辣适中', tagline: '柏木熏制', storage: 'frozen' },
  batch: { batchId: 'LC-20261101', batchNo: '20261101', productionDate: '2026-11-01', expiryDate: '2027-05-01', factory: '眉山一厂', expired: false },
};

const answer: CallFunction = async ({ name, data }) => {
  const key = `${name}.${data.action}`;
  switch (key) {
    case 'complaint.me':
      return { result: { ok: true, data: SESSION } };
    case 'complaint.resolveScene':
      return { result: { ok: true, data: SCENE } };
    case 'complaint.track':
      return { result: { ok: true, data: { recorded: true } } };
    case 'ticket.ping':
      return { result: { ok: true, data: { fn: 'ticket', version: '9.9.9-test', caller: { kind: 'head' }, serverTime: '2026-11-22T10:00:00.000+08:00', dbMs: 7 } } };
    default:
      return { result: { ok: false, error: { code: 'NOT_FOUND', message: `no ${key}` } } };
  }
};

let runtime: WeappRuntime;

beforeAll(async () => {
  const dir = await ensureWeappBuild();
  runtime = loadWeappRuntime(dir, answer);
  await runtime.settle();
});

describe('weapp build at run time', () => {
  it('initialises the cloud once, at launch, with the environment from .env', () => {
    expect(runtime.cloudInit).toHaveLength(1);
    expect(runtime.cloudInit[0]).toMatchObject({ traceUser: true });
    expect(typeof (runtime.cloudInit[0] as { env: unknown }).env).toBe('string');
    // …and asked who is calling before any page did (the tab bar needs it).
    expect(runtime.calls[0]).toMatchObject({ name: 'complaint', action: 'me', input: {} });
  });

  it('complaint home renders the brand, the promises and the scanned package', async () => {
    const page = await runtime.openPage('pages/complaint/index', { scene: encodeURIComponent('b=LC-20261101') });
    expect(await waitFor(() => page.rendered().includes('川味腊肠'))).toBe(true);
    const text = page.rendered();
    expect(text).toContain('有问题，我们负责到底');
    expect(text).toContain(PROMISE_SUMMARY);
    for (const promise of SERVICE_PROMISES) expect(text).toContain(promise.title);
    expect(text).toContain('20261101');
    expect(text).toContain('眉山一厂');

    // The scene was decoded, resolved, and the scan tracked with a fresh request id.
    expect(runtime.calls).toContainEqual(expect.objectContaining({ name: 'complaint', action: 'resolveScene', input: { scene: 'b=LC-20261101' } }));
    expect(await waitFor(() => runtime.calls.some((c) => c.action === 'track'))).toBe(true);
    const track = runtime.calls.find((c) => c.action === 'track');
    expect(track?.input).toEqual({ event: 'scene_scan', ref: 'b=LC-20261101' });
    expect(track?.requestId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('workbench shows the staff member and the live ping', async () => {
    const page = await runtime.openPage('pages/workbench/index');
    expect(await waitFor(() => page.rendered().includes('9.9.9-test'))).toBe(true);
    const text = page.rendered();
    expect(text).toContain('周主管');
    expect(text).toContain('部门主管');
    expect(text).toContain('质检部');
    expect(text).toContain('二维码管理');
    expect(runtime.calls.filter((c) => c.action === 'me')).toHaveLength(1);
  });

  it('my complaints tells a staff member where their work is, without calling listMine', async () => {
    const page = await runtime.openPage('pages/mine/index');
    expect(await waitFor(() => page.rendered().includes('员工账号没有个人投诉记录'))).toBe(true);
    expect(page.rendered()).toContain('前往工作台');
    expect(runtime.calls.some((c) => c.action === 'listMine')).toBe(false);
  });

  it('sends every call with the envelope request shape', () => {
    for (const call of runtime.calls) {
      expect(typeof call.action).toBe('string');
      expect(call.input).toBeTypeOf('object');
      expect(call.requestId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    }
  });
});
