import type { HttpRoute } from '../../shared/api/http-routes';
import type { CollectionDecl, IndexDecl } from '../../shared/db/collections';
import { ENV_GROUPS, ENV_VARS, type EnvGroup } from './env-vars';
import { fingerprint } from './secrets';

/**
 * The deploy plan: from what was built and declared (functions' config.json, shared/db/collections.ts,
 * shared/api/http-routes.ts) and the environment's settings → the ordered steps a deploy performs, each with
 * everything it will do. Pure: no file, no network; secret values never enter the plan (only their names, and
 * a fingerprint of the encryption key so two keys can be told apart).
 */

export const PLAN_PARTS = ['database', 'rules', 'functions', 'http'] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

/** What WeChat cloud development allows (WECHAT.md); a plan beyond it cannot be deployed. */
export const LIMITS = { functions: 50, collections: 100, indexesPerCollection: 20, timeoutS: 60 } as const;

/** Node.js 16 is what the functions are built for (scripts/build-functions.ts TARGET). */
export const FUNCTION_RUNTIME = 'Nodejs16.13';

/** Every collection is closed to clients: the mini-program and the web build reach data only through functions. */
export const CLOSED_RULE = { read: false, write: false } as const;

/** The environment variable that records which build a function runs, so a re-deploy uploads code only when it changed. */
export const BUILD_HASH_VAR = 'KOUSU_BUILD_SHA256';

export interface FunctionConfigJson {
  timeout?: number;
  memorySize?: number;
  permissions?: { openapi?: string[] };
  triggers?: Array<{ name: string; type: string; config: string }>;
}

export interface BuiltFunctionInfo {
  name: string;
  config: FunctionConfigJson;
  /** Declared variables its bundle reads (env-vars.ts envUsage). */
  usesEnv: string[];
  /** `process.env.X` its bundle reads that env-vars.ts does not declare. */
  undeclaredEnv: string[];
  /** Hash of the built folder (code, assets, package.json, config.json). */
  codeSha256: string;
}

export interface PlanInput {
  envId: string;
  functions: readonly BuiltFunctionInfo[];
  collections: Readonly<Record<string, CollectionDecl>>;
  routes: readonly HttpRoute[];
  /** Values by name (function variables); only names and redacted forms leave this module. */
  settings: Readonly<Record<string, string>>;
  only?: readonly PlanPart[];
  /** The browser build (.env.web) targets this environment: its console switches are listed as manual steps. */
  webClient?: boolean;
}

export interface EnvEntry {
  name: string;
  secret: boolean;
  /** What the plan shows: the value of a plain setting, `<redacted>` for a secret. */
  shown: string;
}

export type Step =
  | { kind: 'collection'; part: 'database'; collection: string; purpose: string; indexes: readonly IndexDecl[] }
  | { kind: 'rule'; part: 'rules'; collection: string; rule: typeof CLOSED_RULE }
  | {
      kind: 'function';
      part: 'functions';
      name: string;
      runtime: string;
      timeout: number;
      memorySize?: number;
      triggers: Array<{ name: string; type: string; config: string }>;
      openapi: string[];
      env: EnvEntry[];
      /** Variables the function reads that are not configured (it runs without the feature). */
      unsetEnv: string[];
      codeSha256: string;
    }
  | { kind: 'http'; part: 'http'; path: string; function: string; purpose: string; auth: false }
  | { kind: 'manual'; part: PlanPart; title: string; detail: string };

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  /** Set on a missing required secret: the deploy may still find it in the cloud (apply.ts preflight). */
  secret?: string;
}

export interface Plan {
  envId: string;
  parts: PlanPart[];
  steps: Step[];
  problems: Problem[];
  /** Required variables without a value: a real deploy refuses to start. */
  missingSecrets: string[];
}

const SEVEN_FIELD_CRON = /^\S+(\s+\S+){6}$/;

function envEntry(name: string, value: string): EnvEntry {
  const decl = ENV_VARS.find((v) => v.name === name);
  const secret = decl?.secret ?? true;
  if (!secret) return { name, secret, shown: value };
  return { name, secret, shown: name === 'DATA_ENCRYPTION_KEY' ? `<redacted sha256:${fingerprint(value)}>` : '<redacted>' };
}

function functionStep(fn: BuiltFunctionInfo, settings: PlanInput['settings'], problems: Problem[]): Step {
  const timeout = fn.config.timeout ?? 3;
  if (timeout > LIMITS.timeoutS) problems.push({ severity: 'error', message: `${fn.name}: timeout ${timeout}s 超过上限 ${LIMITS.timeoutS}s` });
  const triggers = fn.config.triggers ?? [];
  if (triggers.length > 1) problems.push({ severity: 'error', message: `${fn.name}: 一个云函数只能有一个定时触发器` });
  for (const t of triggers) {
    if (t.type !== 'timer') problems.push({ severity: 'error', message: `${fn.name}: 触发器 ${t.name} 的类型 ${t.type} 不受支持` });
    if (!SEVEN_FIELD_CRON.test(t.config.trim())) problems.push({ severity: 'error', message: `${fn.name}: 触发器 ${t.name} 的 cron 须为 7 段（秒 分 时 日 月 星期 年）` });
  }
  for (const name of fn.undeclaredEnv) {
    problems.push({ severity: 'warning', message: `${fn.name} 读取环境变量 ${name}，但 scripts/deploy/env-vars.ts 没有声明它：部署不会设置它` });
  }
  const set = fn.usesEnv.filter((name) => settings[name]);
  return {
    kind: 'function',
    part: 'functions',
    name: fn.name,
    runtime: FUNCTION_RUNTIME,
    timeout,
    ...(fn.config.memorySize ? { memorySize: fn.config.memorySize } : {}),
    triggers: triggers.map((t) => ({ name: t.name, type: t.type, config: t.config.trim() })),
    openapi: [...(fn.config.permissions?.openapi ?? [])],
    env: set.map((name) => envEntry(name, settings[name])),
    unsetEnv: fn.usesEnv.filter((name) => !settings[name]),
    codeSha256: fn.codeSha256,
  };
}

/** Per optional feature: not configured at all, or configured by halves. */
function groupWarnings(functions: readonly BuiltFunctionInfo[], settings: PlanInput['settings']): Problem[] {
  const used = new Set(functions.flatMap((f) => f.usesEnv));
  const problems: Problem[] = [];
  for (const [group, decl] of Object.entries(ENV_GROUPS) as Array<[EnvGroup, (typeof ENV_GROUPS)[EnvGroup]]>) {
    const core = decl.core.filter((name) => used.has(name));
    if (!core.length) continue;
    const missing = core.filter((name) => !settings[name]);
    const required = ENV_VARS.some((v) => v.group === group && v.required);
    if (!missing.length || required) continue;
    problems.push({
      severity: 'warning',
      message:
        missing.length === core.length
          ? `未配置${decl.label}（${core.join(', ')}）：${decl.whenMissing}`
          : `${decl.label}只配置了一部分，缺少 ${missing.join(', ')}：${decl.whenMissing}`,
    });
  }
  return problems;
}

export function buildPlan(input: PlanInput): Plan {
  const parts = input.only?.length ? PLAN_PARTS.filter((p) => input.only?.includes(p)) : [...PLAN_PARTS];
  const problems: Problem[] = [];
  const steps: Step[] = [];
  const names = Object.keys(input.collections).sort();
  const functions = [...input.functions].sort((a, b) => a.name.localeCompare(b.name));
  const built = new Set(functions.map((f) => f.name));

  if (names.length > LIMITS.collections) problems.push({ severity: 'error', message: `集合数 ${names.length} 超过上限 ${LIMITS.collections}` });
  if (functions.length > LIMITS.functions) problems.push({ severity: 'error', message: `云函数数 ${functions.length} 超过上限 ${LIMITS.functions}` });
  if (!functions.length) problems.push({ severity: 'error', message: '没有构建好的云函数：先运行 npm run build:functions' });

  if (parts.includes('database')) {
    for (const collection of names) {
      const decl = input.collections[collection];
      if (decl.indexes.length > LIMITS.indexesPerCollection) {
        problems.push({ severity: 'error', message: `${collection}: ${decl.indexes.length} 个索引超过上限 ${LIMITS.indexesPerCollection}` });
      }
      steps.push({ kind: 'collection', part: 'database', collection, purpose: decl.purpose, indexes: decl.indexes });
    }
  }
  if (parts.includes('rules')) {
    for (const collection of names) steps.push({ kind: 'rule', part: 'rules', collection, rule: CLOSED_RULE });
  }
  if (parts.includes('functions')) {
    for (const fn of functions) steps.push(functionStep(fn, input.settings, problems));
    problems.push(...groupWarnings(functions, input.settings));
    const withOpenapi = functions.filter((f) => f.config.permissions?.openapi?.length);
    if (withOpenapi.length) {
      steps.push({
        kind: 'manual',
        part: 'functions',
        title: '登记云调用（openapi）权限：只能由微信开发者工具完成',
        detail:
          `微信只在用自己的工具上传云函数时读取 config.json 的 permissions.openapi 并登记权限，腾讯云 API（manager-node）没有对应接口。` +
          `在开发者工具中打开仓库根目录，选择环境 ${input.envId}，对 ${withOpenapi
            .map((f) => `dist/cloudfunctions/${f.name}（${f.config.permissions?.openapi?.join('、')}）`)
            .join('，')} 右键「上传并部署：云端安装依赖」一次；以后只有 permissions 改变时才需要再做。登记约 10 分钟后生效（在此之前调用返回 -604101）。`,
      });
    }
  }
  if (parts.includes('http')) {
    for (const route of input.routes) {
      if (!built.has(route.function)) {
        problems.push({ severity: 'warning', message: `HTTP 路由 ${route.path} 指向的云函数 ${route.function} 不在本次构建中：跳过` });
        continue;
      }
      steps.push({ kind: 'http', part: 'http', path: route.path, function: route.function, purpose: route.purpose, auth: false });
    }
  }

  if (input.webClient && parts.includes('functions')) {
    steps.push({
      kind: 'manual',
      part: 'functions',
      title: '网页端（npm run build:web）所需的控制台设置',
      detail:
        `云开发控制台 → 环境 ${input.envId} → 身份认证：开启「匿名登录」；→ 安全配置：把网页所在域名加入「WEB 安全域名」。` +
        '网页端顾客以 web:<uid> 身份调用云函数，收不到订阅消息（通知改走短信，需配置短信）。',
    });
  }

  const used = new Set(functions.flatMap((f) => f.usesEnv));
  const missingSecrets = parts.includes('functions')
    ? ENV_VARS.filter((v) => v.required && used.has(v.name) && !input.settings[v.name]).map((v) => v.name)
    : [];
  for (const name of missingSecrets) {
    const group = ENV_GROUPS[ENV_VARS.find((v) => v.name === name)?.group ?? 'encryption'];
    problems.push({ severity: 'error', secret: name, message: `缺少必需的密钥 ${name}（${group.label}）：${group.whenMissing}` });
  }
  return { envId: input.envId, parts, steps, problems, missingSecrets };
}
