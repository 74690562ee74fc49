/**
 * `npm run deploy -- --env <envId> [--dry-run] [--json] [--only functions|database|rules|http] [--secrets <file>]
 *   [--skip-build] [--init-secrets]`
 * Builds the functions, builds the plan (plan.ts), prints it, and — unless --dry-run — applies it (apply.ts)
 * through @cloudbase/manager-node with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY from the environment or the
 * secrets file. --dry-run needs no credentials and touches no network.
 */
import path from 'node:path';
import { HTTP_ROUTES } from '../../shared/api/http-routes';
import { COLLECTIONS } from '../../shared/db/collections';
import { buildFunctions, functionsOutDir, listFunctions } from '../build-functions';
import { taroEnv } from '../weapp/env-file';
import { applyPlan, DeployRefused } from './apply';
import { formatPlan } from './format';
import { readBuiltFunctions } from './inputs';
import { buildPlan, PLAN_PARTS, type PlanPart } from './plan';
import { defaultSecretsFile, initSecretsFile, loadSettings } from './secrets';

export interface DeployArgs {
  envId: string;
  dryRun: boolean;
  json: boolean;
  only: PlanPart[];
  secretsFile?: string;
  skipBuild: boolean;
  initSecrets: boolean;
}

export class UsageError extends Error {}

const ENV_ID_RE = /^[a-z0-9][a-z0-9-]{2,63}$/i;

export function parseArgs(argv: readonly string[]): DeployArgs {
  const args: DeployArgs = { envId: '', dryRun: false, json: false, only: [], skipBuild: false, initSecrets: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} 需要一个值`);
      return v;
    };
    switch (flag) {
      case '--env':
        args.envId = value();
        break;
      case '--dry-run':
        args.dryRun = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--only':
        for (const part of value().split(',')) {
          if (!(PLAN_PARTS as readonly string[]).includes(part)) throw new UsageError(`--only 只接受 ${PLAN_PARTS.join('|')}（收到 ${part}）`);
          args.only.push(part as PlanPart);
        }
        break;
      case '--secrets':
        args.secretsFile = value();
        break;
      case '--skip-build':
        args.skipBuild = true;
        break;
      case '--init-secrets':
        args.initSecrets = true;
        break;
      default:
        throw new UsageError(`未知参数 ${arg}`);
    }
  }
  if (!args.envId) throw new UsageError('缺少 --env <云开发环境 ID>');
  if (!ENV_ID_RE.test(args.envId)) throw new UsageError(`环境 ID 格式不对：${args.envId}`);
  return args;
}

const USAGE = 'npm run deploy -- --env <envId> [--dry-run] [--json] [--only functions|database|rules|http] [--secrets <file>] [--skip-build] [--init-secrets]';

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const secretsFile = path.resolve(args.secretsFile ?? defaultSecretsFile(args.envId));
  if (args.initSecrets) {
    try {
      initSecretsFile(secretsFile);
    } catch (error) {
      throw new DeployRefused((error as Error).message);
    }
    console.log(`已生成 ${secretsFile}（含新的 DATA_ENCRYPTION_KEY，权限 600）。请立即备份到公司的密码库，再填写其余变量。`);
    return 0;
  }
  if (!args.skipBuild) await buildFunctions();
  let settings: ReturnType<typeof loadSettings>;
  try {
    settings = loadSettings(secretsFile);
  } catch (error) {
    throw new DeployRefused((error as Error).message);
  }
  const plan = buildPlan({
    envId: args.envId,
    functions: readBuiltFunctions(functionsOutDir, listFunctions()),
    collections: COLLECTIONS,
    routes: HTTP_ROUTES,
    settings: settings.values,
    only: args.only,
    webClient: taroEnv('web').TARO_APP_CLOUDBASE_ENV?.trim() === args.envId,
  });
  if (args.json) console.log(JSON.stringify({ ...plan, secretsFile: settings.file ?? null, dryRun: args.dryRun }, null, 2));
  else {
    console.log(formatPlan(plan, { dryRun: args.dryRun }));
    console.log(settings.file ? `密钥文件：${settings.file}` : `密钥文件 ${secretsFile} 不存在（只用了环境变量）`);
  }
  if (args.dryRun) return 0;

  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TENCENTCLOUD_SESSIONTOKEN: token } = settings.values;
  if (!secretId || !secretKey) {
    console.error('缺少部署凭证：设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（环境变量或密钥文件）。只想看计划请加 --dry-run。');
    return 2;
  }
  // Loaded only for a real deploy, so --dry-run never even loads the SDK.
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const { managerApi } = await import('./cloudbase-api');
  const manager = new CloudBase({ secretId, secretKey, ...(token ? { token } : {}), envId: args.envId });
  const log = (line: string) => !args.json && console.log(line);
  const appid = taroEnv('production').TARO_APP_APPID?.trim();
  const result = await applyPlan(plan, managerApi(manager, args.envId, functionsOutDir, appid || undefined), settings.values, log);
  const changed = result.log.filter((l) => l.outcome !== 'unchanged').length;
  console.log(args.json ? JSON.stringify({ applied: result.log }) : `完成：${changed} 项有变化，${result.log.length - changed} 项保持不变。`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error) => {
      if (error instanceof UsageError) console.error(`${error.message}\n用法：${USAGE}`);
      else if (error instanceof DeployRefused) console.error(`部署已拒绝：${error.message}`);
      else console.error(error);
      process.exit(error instanceof UsageError ? 64 : 1);
    });
}
