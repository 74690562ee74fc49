/**
 * `npm run upload:weapp -- --version 1.2.0 --desc "说明" [--robot 1] [--mode production|development] [--print]`
 * Uploads dist/weapp (opened through the repository root's project.config.json) as a development version with
 * WeChat's miniprogram-ci, fetched on demand at a pinned version (not a dependency of the project). The appid comes
 * from `.env.<mode>` (TARO_APP_APPID); the upload key's path from WEAPP_UPLOAD_KEY or the default secret file
 * `~/.config/kousu-complaints/private.<appid>.key` — never from the repository. `--print` shows the command only.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertOutsideRepo, type Env } from '../deploy/secrets';
import { APPID_RE, root, taroEnv, type BuildMode } from './env-file';

export const MINIPROGRAM_CI = 'miniprogram-ci@2.1.42';

export class UploadRefused extends Error {}

export interface UploadArgs {
  version: string;
  desc: string;
  robot: number;
  mode: BuildMode;
  print: boolean;
}

export function parseUploadArgs(argv: readonly string[]): UploadArgs {
  const args: Partial<UploadArgs> = { robot: 1, mode: 'production', print: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UploadRefused(`${flag} 需要一个值`);
      return v;
    };
    if (flag === '--version') args.version = value();
    else if (flag === '--desc') args.desc = value();
    else if (flag === '--robot') args.robot = Number(value());
    else if (flag === '--mode') {
      const mode = value();
      if (mode !== 'production' && mode !== 'development') throw new UploadRefused('--mode 只能是 production 或 development');
      args.mode = mode;
    } else if (flag === '--print') args.print = true;
    else throw new UploadRefused(`未知参数 ${argv[i]}`);
  }
  if (!args.version || !/^\d+\.\d+\.\d+$/.test(args.version)) throw new UploadRefused('需要 --version x.y.z（例如 1.2.0）');
  if (!args.desc?.trim()) throw new UploadRefused('需要 --desc "本次上传的说明"');
  if (!Number.isInteger(args.robot) || (args.robot ?? 0) < 1 || (args.robot ?? 0) > 30) throw new UploadRefused('--robot 取 1–30');
  return args as UploadArgs;
}

export function defaultKeyPath(appid: string, env: Env = process.env): string {
  const dir = env.KOUSU_SECRETS_DIR || path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'kousu-complaints');
  return path.join(dir, `private.${appid}.key`);
}

export interface UploadPlan {
  appid: string;
  keyPath: string;
  command: string[];
}

/** Everything checked before anything runs: the appid, the key, the build output. */
export function resolveUpload(args: UploadArgs, env: Env = process.env, dir = root): UploadPlan {
  const appid = taroEnv(args.mode, env, dir).TARO_APP_APPID?.trim() ?? '';
  if (!APPID_RE.test(appid)) {
    throw new UploadRefused(`.env.${args.mode} 的 TARO_APP_APPID 未设置或无效（${appid || '空'}）：填上小程序的 appid（wx 开头 18 位）后重新构建`);
  }
  const keyPath = path.resolve(env.WEAPP_UPLOAD_KEY || defaultKeyPath(appid, env));
  if (!fs.existsSync(keyPath)) {
    throw new UploadRefused(
      `找不到代码上传密钥 ${keyPath}：在微信公众平台「开发管理 → 开发设置 → 小程序代码上传」下载密钥（并配置 IP 白名单），放到仓库之外，用 WEAPP_UPLOAD_KEY 指向它`,
    );
  }
  try {
    assertOutsideRepo(keyPath, dir);
  } catch {
    throw new UploadRefused(`上传密钥不能放在仓库里：${keyPath}`);
  }
  if (!fs.existsSync(path.join(dir, 'dist', 'weapp', 'app.json'))) throw new UploadRefused('dist/weapp 还没有构建：先运行 npm run build:weapp');
  const command = [
    'npx',
    '--yes',
    MINIPROGRAM_CI,
    'upload',
    '--pp',
    dir,
    '--pkp',
    keyPath,
    '--appid',
    appid,
    '--uv',
    args.version,
    '--ud',
    args.desc,
    '-r',
    String(args.robot),
  ];
  return { appid, keyPath, command };
}

if (require.main === module) {
  try {
    const args = parseUploadArgs(process.argv.slice(2));
    const plan = resolveUpload(args);
    console.log(`上传 ${plan.appid} 版本 ${args.version}（机器人 ${args.robot}）：${plan.command.map((c) => (/\s/.test(c) ? JSON.stringify(c) : c)).join(' ')}`);
    if (args.print) process.exit(0);
    const run = spawnSync(plan.command[0], plan.command.slice(1), { stdio: 'inherit', cwd: root });
    process.exit(run.status ?? 1);
  } catch (error) {
    if (error instanceof UploadRefused) {
      console.error(`拒绝上传：${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}
