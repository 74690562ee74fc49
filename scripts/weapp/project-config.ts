/**
 * After `taro build --type weapp`: write `project.private.config.json` at the repository root with the appid from
 * `.env.<mode>` (TARO_APP_APPID), so WeChat DevTools opened on the repository root uses the real appid while the
 * committed project.config.json keeps the placeholder. DevTools gives the private file precedence over
 * project.config.json; it is git-ignored, so no appid is ever committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../deploy/secrets';
import { APPID_RE, root, taroEnv, type BuildMode } from './env-file';

export const PRIVATE_CONFIG = 'project.private.config.json';

export function privateConfig(appid: string, existing: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    description: '由 npm run build:weapp 按 .env.* 的 TARO_APP_APPID 生成（不入库）；此处的设置优先于 project.config.json。',
    ...existing,
    appid,
  };
}

export function writePrivateConfig(mode: BuildMode, dir = root, env: Env = process.env): string | undefined {
  const appid = taroEnv(mode, env, dir).TARO_APP_APPID?.trim();
  if (!appid) return undefined;
  if (!APPID_RE.test(appid)) throw new Error(`TARO_APP_APPID 不是有效的小程序 appid：${appid}`);
  const file = path.join(dir, PRIVATE_CONFIG);
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify(privateConfig(appid, existing), null, 2)}\n`);
  return appid;
}

if (require.main === module) {
  const mode: BuildMode = process.env.NODE_ENV === 'development' ? 'development' : 'production';
  const appid = writePrivateConfig(mode);
  console.log(
    appid
      ? `${PRIVATE_CONFIG}: appid ${appid}（来自 .env.${mode}）`
      : `.env.${mode} 没有 TARO_APP_APPID：开发者工具将使用 project.config.json 的占位 appid（touristappid，不能用云开发）`,
  );
}
