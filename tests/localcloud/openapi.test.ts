import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Clock } from '../../localcloud/clock';
import { browserPageUrl, OpenApi } from '../../localcloud/gateway/openapi';
import { decodeCommOpenApiResp, encodeCommApiData } from '../../localcloud/gateway/openapi/protocol';
import { valueProblem } from '../../localcloud/gateway/openapi/template-values';
import { MessageLog } from '../../localcloud/messages';
import { openSqlite, type Sqlite } from '../../localcloud/sqlite';
import { connectSdk, startGateway, type TestGateway } from '../helpers/gateway';

const CAPTURED = new URL('../../../shared/reference/cloudbase-protocol/captured-requests.jsonl', import.meta.url);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let gw: TestGateway;
let dir: string;
let db: Sqlite;
let messages: MessageLog;
let openApi: OpenApi;
/** `cloud.openapi` is a proxy the SDK's typings only partly describe. */
let openapi: {
  subscribeMessage: { send(req: Record<string, unknown>): Promise<{ errCode: number; msgid: number }> };
  wxacode: { getUnlimited(req: Record<string, unknown>): Promise<{ contentType: string; buffer: Buffer; errCode: number }> };
  security: { msgSecCheck(req: Record<string, unknown>): Promise<unknown> };
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-openapi-'));
  db = openSqlite(dir);
  messages = new MessageLog(db);
  openApi = new OpenApi({ messages, clock: new Clock(), appId: 'wx-local', pageUrl: browserPageUrl(() => gw.url) });
  gw = await startGateway({ openapi: openApi });
  openapi = connectSdk(gw.url).openapi as unknown as typeof openapi;
});

afterAll(async () => {
  await gw.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const validSend = (overrides: Record<string, unknown> = {}) => ({
  touser: 'demo-customer-1',
  templateId: 'TPL_COMPLAINT_RECEIVED',
  page: 'pages/complaint/detail?id=c-1',
  data: { thing1: { value: '腊肠有异味' }, time2: { value: '2026-11-22 14:30' } },
  ...overrides,
});

function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe('subscribeMessage.send through the real wx-server-sdk', () => {
  test('a valid message is accepted and recorded with its page, state and language', async () => {
    const before = messages.list().length;
    const res = await openapi.subscribeMessage.send(validSend({ miniprogramState: 'developer' }));
    expect(res.errCode).toBe(0);
    expect(typeof res.msgid).toBe('number');
    const recorded = messages.list().slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      channel: 'subscribe',
      to: 'demo-customer-1',
      template: 'TPL_COMPLAINT_RECEIVED',
      data: { thing1: { value: '腊肠有异味' }, time2: { value: '2026-11-22 14:30' } },
      extra: { page: 'pages/complaint/detail?id=c-1', miniprogram_state: 'developer', lang: 'zh_CN' },
    });
    expect(Number.isNaN(Date.parse(recorded[0].at))).toBe(false);
  });

  test('a thing over 20 characters fails with 47003 and records nothing', async () => {
    const before = messages.list().length;
    const tooLong = validSend({ data: { thing1: { value: '收到的腊肠有明显异味而且包装已经破损漏气了' } } });
    await expect(openapi.subscribeMessage.send(tooLong)).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing1.value') });
    expect(messages.list()).toHaveLength(before);
  });

  test('other refusals: unknown key type, bad time, bad openid, leading-slash page, bad state and lang', async () => {
    const before = messages.list().length;
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ data: { thingy: { value: 'x' } } }, 47003],
      [{ data: { time2: { value: '明天下午' } } }, 47003],
      [{ data: { phrase3: { value: 'processing' } } }, 47003],
      [{ data: {} }, 47003],
      [{ touser: '' }, 40003],
      [{ templateId: '' }, 40037],
      [{ page: '/pages/complaint/detail' }, 41030],
      [{ miniprogramState: 'production' }, 47003],
      [{ lang: 'fr_FR' }, 47003],
    ];
    for (const [overrides, errCode] of cases) {
      await expect(openapi.subscribeMessage.send(validSend(overrides)), JSON.stringify(overrides)).rejects.toMatchObject({ errCode });
    }
    expect(messages.list()).toHaveLength(before);
  });

  test('setUnsubscribed simulates a user without a subscription: 43101, nothing recorded', async () => {
    const before = messages.list().length;
    openApi.setUnsubscribed('demo-customer-2', true);
    await expect(openapi.subscribeMessage.send(validSend({ touser: 'demo-customer-2' }))).rejects.toMatchObject({ errCode: 43101 });
    expect(messages.list()).toHaveLength(before);
    openApi.setUnsubscribed('demo-customer-2', false);
    await expect(openapi.subscribeMessage.send(validSend({ touser: 'demo-customer-2' }))).resolves.toMatchObject({ errCode: 0 });
  });
});

describe('template value rules (WeChat 订阅消息参数值内容限制)', () => {
  const ok: Array<[string, string]> = [
    ['thing1', '腊肠有异味'],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十'],
    ['character_string2', 'KS20261122-0042'],
    ['number3', '-12.5'],
    ['letter4', 'abcXYZ'],
    ['symbol5', '%'],
    ['phrase6', '处理中'],
    ['name7', '王女士'],
    ['name7', 'Mary Smith'],
    ['amount8', '¥12.50'],
    ['amount8', '12.50元'],
    ['phone_number9', '+86-138-0000-0000'],
    ['car_number10', '川A12345'],
    ['time11', '14:30'],
    ['time11', '2026年11月22日 14:30'],
    ['time11', '2026-11-22 14:30'],
    ['time11', '2026-11-22 14:30~2026-11-22 16:00'],
    ['date12', '2026年11月22日'],
    ['date12', '2026-11-22'],
    ['date12', '2026年11月22日 14:30'],
  ];
  const bad: Array<[string, string]> = [
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一'],
    ['thing1', ''],
    ['character_string2', '工单KS2026'],
    ['character_string2', 'A'.repeat(33)],
    ['number3', '12a'],
    ['number3', '1'.repeat(33)],
    ['letter4', 'abc1'],
    ['symbol5', '%%%%%%'],
    ['phrase6', '正在处理中啊'],
    ['phrase6', 'OK'],
    ['name7', '欧阳一二三四五六七八九'],
    ['amount8', '12.50'],
    ['amount8', '¥12345678901'],
    ['phone_number9', '138 0000 0000'],
    ['phone_number9', '1'.repeat(18)],
    ['car_number10', '川A123456789'],
    ['time11', '2026年11月22日'],
    ['time11', '25:00'],
    ['date12', '2026-13-01'],
    ['date12', '2026-02-30'],
    ['date12', '14:30'],
    ['unknown13', 'x'],
  ];
  test.each(ok)('%s = %s is accepted', (key, value) => expect(valueProblem(key, value)).toBeNull());
  test.each(bad)('%s = %s is refused', (key, value) => expect(valueProblem(key, value)).not.toBeNull());
});

describe('wxacode.getUnlimited through the real wx-server-sdk', () => {
  test('returns a PNG QR code that opens the browser build on the page with the scene', async () => {
    const res = await openapi.wxacode.getUnlimited({ scene: 'b=LC-20261101', page: 'pages/complaint/index', checkPath: false });
    expect(res.contentType).toBe('image/png');
    expect(Buffer.isBuffer(res.buffer)).toBe(true);
    expect(res.buffer.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(PNG.sync.read(res.buffer).width).toBe(430);
    expect(decodeQr(res.buffer)).toBe(`${gw.url}/#/pages/complaint/index?scene=b%3DLC-20261101`);
  });

  test('width is honoured', async () => {
    const res = await openapi.wxacode.getUnlimited({ scene: 's=CD01', page: 'pages/complaint/index', width: 280 });
    expect(PNG.sync.read(res.buffer).width).toBe(280);
    expect(decodeQr(res.buffer)).toContain('scene=s%3DCD01');
  });

  test('invalid scene, page, width or env_version fail like WeChat', async () => {
    const page = 'pages/complaint/index';
    await expect(openapi.wxacode.getUnlimited({ scene: '批次=20261101', page })).rejects.toMatchObject({ errCode: 40169 });
    await expect(openapi.wxacode.getUnlimited({ scene: 'b='.padEnd(33, 'x'), page })).rejects.toMatchObject({ errCode: 40169 });
    await expect(openapi.wxacode.getUnlimited({ scene: 'a b', page })).rejects.toMatchObject({ errCode: 40169 });
    await expect(openapi.wxacode.getUnlimited({ scene: 'b=1', page: '/pages/complaint/index' })).rejects.toMatchObject({ errCode: 41030 });
    await expect(openapi.wxacode.getUnlimited({ scene: 'b=1', page: 'pages/complaint/index?x=1' })).rejects.toMatchObject({ errCode: 41030 });
    await expect(openapi.wxacode.getUnlimited({ scene: 'b=1', page, width: 200 })).rejects.toMatchObject({ errCode: 40097 });
    await expect(openapi.wxacode.getUnlimited({ scene: 'b=1', page, envVersion: 'beta' })).rejects.toMatchObject({ errCode: 40097 });
  });

  test('with a page list, check_path refuses an unknown page unless check_path is false', async () => {
    const strict = new OpenApi({ messages, clock: new Clock(), appId: 'wx-local', pageUrl: browserPageUrl('http://h5'), pages: ['pages/complaint/index'] });
    const call = async (request: Record<string, unknown>) => {
      const pairs = Object.entries(request).map(([key, value]) => ({ key, value: Buffer.from(JSON.stringify(value)) }));
      const result = await strict.handle('wxacode.getUnlimited', encodeCommApiData({ apiType: 0, pairs }));
      if (result.kind !== 'binary') throw new Error('expected a protobuf answer');
      return decodeCommOpenApiResp(result.body);
    };
    expect((await call({ scene: 'b=1', page: 'pages/complaint/index' })).contentType).toBe('image/png');
    const refused = await call({ scene: 'b=1', page: 'pages/nowhere/index' });
    expect(JSON.parse(Buffer.from(refused.respData).toString())).toMatchObject({ errcode: 41030 });
    expect((await call({ scene: 'b=1', page: 'pages/nowhere/index', check_path: false })).contentType).toBe('image/png');
  });
});

test('an API the local cloud does not emulate fails with a clear error', async () => {
  await expect(openapi.security.msgSecCheck({ content: 'hello' })).rejects.toMatchObject({
    errCode: -604100,
    errMsg: expect.stringContaining('not supported by the local cloud'),
  });
});

describe('the captured wx.openApi requests, re-encoded, are handled over HTTP', () => {
  const captured = fs
    .readFileSync(CAPTURED, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { body?: { action?: string; apiName?: string }; decodedRequestData?: { apiType: number; pairs: Array<{ key: string; value: string }> } })
    .filter((r) => r.body?.action === 'wx.openApi');

  async function replay(request: (typeof captured)[number]) {
    const { apiType, pairs } = request.decodedRequestData!;
    const requestData = encodeCommApiData({ apiType, pairs: pairs.map((p) => ({ key: p.key, value: Buffer.from(p.value) })) });
    const form = new FormData();
    for (const [key, value] of Object.entries(request.body!)) if (key !== 'requestData') form.append(key, String(value));
    form.append('requestData', new Blob([new Uint8Array(requestData)]), 'requestData');
    const res = await fetch(`${gw.url}/admin?env=local-env&seqId=replay`, { method: 'POST', body: form });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    return decodeCommOpenApiResp(Buffer.from(await res.arrayBuffer()));
  }

  test('both captured calls are present', () => {
    expect(captured.map((r) => r.body?.apiName)).toEqual(['subscribeMessage.send', 'wxacode.getUnlimited']);
  });

  test('subscribeMessage.send → errcode 0 and recorded', async () => {
    const before = messages.list().length;
    const resp = await replay(captured[0]);
    expect(resp.contentType).toBe('application/json');
    expect(JSON.parse(Buffer.from(resp.respData).toString())).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(messages.list().slice(before)).toMatchObject([{ to: 'OPENID', template: 'TPL', data: { thing1: { value: 'hello' } }, extra: { page: 'pages/index' } }]);
  });

  test('wxacode.getUnlimited → a PNG of the page with the scene', async () => {
    const resp = await replay(captured[1]);
    expect(resp.contentType).toBe('image/png');
    expect(decodeQr(Buffer.from(resp.respData))).toBe(`${gw.url}/#/pages/detail?scene=c%3D1`);
  });
});

test('a call on behalf of another mini-program (CommApiData.appid) is refused with 40013', async () => {
  const pairs = [{ key: 'scene', value: Buffer.from('"b=1"') }];
  const result = await openApi.handle('wxacode.getUnlimited', encodeCommApiData({ apiType: 0, pairs, appid: 'wx-someone-else' }));
  if (result.kind !== 'binary') throw new Error('expected a protobuf answer');
  expect(JSON.parse(Buffer.from(decodeCommOpenApiResp(result.body).respData).toString())).toMatchObject({ errcode: 40013 });
  const own = await openApi.handle('wxacode.getUnlimited', encodeCommApiData({ apiType: 0, pairs, appid: 'wx-local' }));
  expect(own.kind === 'binary' && decodeCommOpenApiResp(own.body).contentType).toBe('image/png');
});
