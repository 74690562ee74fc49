import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Clock } from '../../localcloud/clock';
import { StorageService } from '../../localcloud/gateway/storage';
import { connectSdk, startGateway, type TestGateway } from '../helpers/gateway';

const CAPTURED = new URL('../../../shared/reference/cloudbase-protocol/captured-requests.jsonl', import.meta.url);

let gw: TestGateway;
let dir: string;
let clock: Clock;
let storage: StorageService;
let cloud: ReturnType<typeof connectSdk>;

/** A real PNG header plus some bytes, so content and type can both be checked. */
const PHOTO = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('腊肠照片'.repeat(500))]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-storage-'));
  clock = new Clock();
  storage = new StorageService({ dir: path.join(dir, 'storage'), envId: 'local-env', baseUrl: () => gw.url, clock });
  gw = await startGateway({ storage }, storage.routes());
  cloud = connectSdk(gw.url);
});

afterAll(async () => {
  await gw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The SDK's typings include the callback form's `void`; awaited without a callback it is always this. */
type FileListResult = { fileList: Array<{ fileID: string; status: number; errMsg?: string; tempFileURL: string }> };

async function tempUrlOf(fileID: string, maxAge?: number): Promise<string> {
  const res = (await cloud.getTempFileURL({ fileList: [maxAge ? { fileID, maxAge } : fileID] } as never)) as FileListResult;
  const [entry] = res.fileList;
  expect(entry.status).toBe(0);
  return entry.tempFileURL;
}

async function post(body: Record<string, unknown>): Promise<{ code?: string; data?: Record<string, unknown> }> {
  const res = await fetch(`${gw.url}/admin?env=local-env&seqId=test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { code?: string; data?: Record<string, unknown> };
}

describe('through the real wx-server-sdk', () => {
  test('uploadFile stores the bytes and returns a CloudBase fileID', async () => {
    const res = await cloud.uploadFile({ cloudPath: 'complaints/2026/腊肠 照片.png', fileContent: PHOTO });
    expect(res.fileID).toBe('cloud://local-env.6c6f-local/complaints/2026/腊肠 照片.png');
    expect(storage.exists(res.fileID)).toBe(true);
    expect(storage.read(res.fileID)?.equals(PHOTO)).toBe(true);
  });

  test('getTempFileURL gives a URL that serves the same bytes with the right type; downloadFile works', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'img/a.png', fileContent: PHOTO });
    const url = await tempUrlOf(fileID);
    expect(url).toMatch(new RegExp(`^${gw.url}/files/img/a\\.png\\?sign=[\\w-]+&t=\\d+$`));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PHOTO)).toBe(true);

    // A path with Chinese and a space: raw in the URL, encoded by fetch or by the SDK's encodeURI in downloadFile.
    const unicodeId = (await cloud.uploadFile({ cloudPath: 'complaints/2026/腊肠 照片.png', fileContent: PHOTO })).fileID;
    expect(Buffer.from(await (await fetch(await tempUrlOf(unicodeId))).arrayBuffer()).equals(PHOTO)).toBe(true);

    for (const id of [fileID, unicodeId]) {
      const downloaded = await cloud.downloadFile({ fileID: id });
      expect(Buffer.from(downloaded.fileContent as Buffer).equals(PHOTO)).toBe(true);
    }
  });

  test('a temp URL answers HEAD and byte ranges (video seeking in the browser)', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'video/clip.mp4', fileContent: Buffer.from('0123456789') });
    const url = await tempUrlOf(fileID);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
    expect(head.headers.get('content-type')).toBe('video/mp4');
    const part = await fetch(url, { headers: { range: 'bytes=2-4' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    expect((await fetch(url, { headers: { range: 'bytes=20-' } })).status).toBe(416);
  });

  test('a forged or tampered URL is refused with 403', async () => {
    const url = await tempUrlOf((await cloud.uploadFile({ cloudPath: 'img/b.png', fileContent: PHOTO })).fileID);
    const forgedSign = url.replace(/sign=[\w-]+/, 'sign=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(forgedSign)).status).toBe(403);
    const extended = url.replace(/t=(\d+)/, (_, t: string) => `t=${Number(t) + 3600}`);
    expect((await fetch(extended)).status).toBe(403);
    const otherFile = url.replace('/img/b.png', '/img/a.png');
    expect((await fetch(otherFile)).status).toBe(403);
    const unsigned = url.split('?')[0];
    const res = await fetch(unsigned);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });

  test('deleteFile removes the file: the old URL stops working and getTempFileURL reports it missing', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'img/to-delete.png', fileContent: PHOTO });
    const url = await tempUrlOf(fileID);
    const del = (await cloud.deleteFile({ fileList: [fileID] })) as unknown as FileListResult;
    expect(del.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect(storage.exists(fileID)).toBe(false);

    expect((await fetch(url)).status).toBe(404);
    const after = (await cloud.getTempFileURL({ fileList: [fileID] })) as FileListResult;
    expect(after.fileList[0]).toMatchObject({ fileID, status: -503003, tempFileURL: '' });
    await expect(cloud.downloadFile({ fileID })).rejects.toBeTruthy();

    const again = (await cloud.deleteFile({ fileList: [fileID] })) as unknown as FileListResult;
    expect(again.fileList[0]).toMatchObject({ fileID, status: -503003 });
  });

  test('a fileID of another environment or a malformed one is reported per file, not as a whole failure', async () => {
    const res = (await cloud.getTempFileURL({ fileList: ['cloud://other-env.6f74-local/img/a.png', 'not-a-file-id'] })) as FileListResult;
    expect(res.fileList.map((f) => f.status)).toEqual([-503002, -501007]);
  });

  test('path traversal and absolute paths are refused at every door', async () => {
    await expect(cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') })).rejects.toBeTruthy();
    await expect(cloud.uploadFile({ cloudPath: '/etc/escape.txt', fileContent: Buffer.from('x') })).rejects.toBeTruthy();
    expect((await post({ action: 'storage.getUploadMetadata', path: 'a/../../b.txt' })).code).toBe('INVALID_PARAM');

    for (const key of ['..%2F..%2Fescape.txt', '%2Fetc%2Fescape.txt', 'a%2F..%2F..%2Fescape.txt', 'a%5C..%5Cescape.txt']) {
      const res = await fetch(`${gw.url}/cos/${key}`, { method: 'PUT', body: 'x' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>InvalidArgument</Code>');
    }
    expect((await fetch(`${gw.url}/files/..%2F..%2Fsigning.key?sign=x&t=99999999999`)).status).toBe(403);
    expect(() => storage.putFile('../escape.txt', Buffer.from('x'))).toThrow(/relative|\.\./);

    const escaped = [path.join(dir, 'escape.txt'), path.join(dir, 'storage', 'escape.txt'), '/etc/escape.txt'];
    expect(escaped.filter((f) => fs.existsSync(f))).toEqual([]);
  });

  test('an upload needs the authorization getUploadMetadata issued for that very key', async () => {
    const noAuth = await fetch(`${gw.url}/cos/img%2Fsneaky.png`, { method: 'PUT', body: 'x' });
    expect(noAuth.status).toBe(403);
    const meta = (await post({ action: 'storage.getUploadMetadata', path: 'img/allowed.png' })).data as { authorization: string };
    const wrongKey = await fetch(`${gw.url}/cos/img%2Fsneaky.png`, { method: 'PUT', body: 'x', headers: { authorization: meta.authorization } });
    expect(wrongKey.status).toBe(403);
    expect(await wrongKey.text()).toContain('SignatureDoesNotMatch');
    expect(storage.exists(storage.fileId('img/sneaky.png'))).toBe(false);
  });
});

describe('the captured SDK requests replay against the storage module', () => {
  const captured = fs
    .readFileSync(CAPTURED, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { method: string; url: string; headers: Record<string, string>; body?: Record<string, unknown>; bodyText?: string })
    .filter((r) => (r.body?.action as string | undefined)?.startsWith('storage.') || r.url.startsWith('/cos/'));

  test('getUploadMetadata → PUT → batchGetDownloadUrl → batchDeleteFile', async () => {
    expect(captured.map((r) => (r.body?.action as string) ?? `${r.method} /cos/`)).toEqual([
      'storage.getUploadMetadata',
      'PUT /cos/',
      'storage.batchGetDownloadUrl',
      'storage.batchDeleteFile',
    ]);
    const [metaReq, putReq, urlReq, delReq] = captured;
    const meta = await post(metaReq.body!);
    expect(meta.data).toMatchObject({ url: `${gw.url}${putReq.url}`, fileId: 'cloud://local-env.6c6f-local/img/a.png' });
    const data = meta.data as { url: string; authorization: string; token: string; cosFileId: string };

    // The captured PUT's headers, with the authorization this gateway issued (the captured one was a stub's).
    const { host: _host, connection: _connection, 'transfer-encoding': _te, ...headers } = putReq.headers;
    const put = await fetch(data.url, {
      method: 'PUT',
      headers: { ...headers, authorization: data.authorization, signature: data.authorization, 'x-cos-security-token': data.token, 'x-cos-meta-fileid': data.cosFileId },
      body: putReq.bodyText,
    });
    expect(put.status).toBe(200);
    expect(await put.text()).toBe('');

    const urls = await post(urlReq.body!);
    const [entry] = (urls.data as { download_list: Array<{ fileID: string; tempFileURL: string; code: string }> }).download_list;
    expect(entry).toMatchObject({ fileID: 'cloud://local-env.6c6f-local/img/a.png', code: 'SUCCESS' });
    expect(await (await fetch(entry.tempFileURL)).text()).toBe('hello-bytes');

    const del = await post(delReq.body!);
    expect(del.data).toEqual({ delete_list: [{ fileID: 'cloud://local-env.6c6f-local/img/a.png', code: 'SUCCESS' }] });
  });
});

describe('direct methods, durability and expiry', () => {
  test('putFile / exists / tempUrl for other parts of the local cloud', async () => {
    const fileID = storage.putFile('qrcodes/b=LC-20261101.png', PHOTO);
    expect(fileID).toBe('cloud://local-env.6c6f-local/qrcodes/b=LC-20261101.png');
    expect(storage.exists(fileID)).toBe(true);
    expect(storage.exists('cloud://local-env.6c6f-local/qrcodes/none.png')).toBe(false);
    const res = await fetch(storage.tempUrl(fileID));
    expect(Buffer.from(await res.arrayBuffer()).equals(PHOTO)).toBe(true);
    expect(() => storage.tempUrl('cloud://local-env.6c6f-local/qrcodes/none.png')).toThrow(/does not exist/);
  });

  test('files and the signing key survive a restart: an old URL still works from a new instance', async () => {
    const fileID = storage.putFile('durable/x.txt', Buffer.from('still here'));
    const url = storage.tempUrl(fileID);
    const reopened = new StorageService({ dir: path.join(dir, 'storage'), envId: 'local-env', baseUrl: () => gw.url, clock });
    expect(reopened.read(fileID)?.toString()).toBe('still here');
    expect(reopened.tempUrl(fileID).split('?')[1]).toBe(url.split('?')[1]);
    expect(fs.readdirSync(path.join(dir, 'storage', 'tmp'))).toEqual([]);
  });

  test('a temp URL expires with the local-cloud clock: maxAge when given, 2 hours by default', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'img/expiring.png', fileContent: PHOTO });
    const short = await tempUrlOf(fileID, 60);
    const long = await tempUrlOf(fileID);
    expect((await fetch(short)).status).toBe(200);
    clock.advance(61_000);
    const expired = await fetch(short);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    expect((await fetch(long)).status).toBe(200);
    clock.advance(2 * 60 * 60 * 1000);
    expect((await fetch(long)).status).toBe(403);
    expect((await fetch(await tempUrlOf(fileID))).status).toBe(200);
  });
});
