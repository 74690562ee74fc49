import type { IndexDecl } from '../../shared/db/collections';
import { BUILD_HASH_VAR, type Plan, type Step } from './plan';
import { fingerprint } from './secrets';

/**
 * Carries out a plan against CloudBase, idempotently: what exists and matches is left alone (collections, indexes
 * by name, rules, function code by build hash, config, triggers, routes); what differs is changed; nothing is
 * deleted except a trigger or route this plan replaces. The cloud is reached through `CloudbaseApi`, whose real
 * implementation (cloudbase-api.ts) wraps @cloudbase/manager-node.
 */

export interface RemoteFunction {
  runtime: string;
  timeout: number;
  env: Record<string, string>;
  triggers: Array<{ name: string; type: string; config: string }>;
}

export interface FunctionSpec {
  name: string;
  runtime: string;
  timeout: number;
  memorySize?: number;
  env: Record<string, string>;
  triggers: Array<{ name: string; type: string; config: string }>;
}

export interface CloudbaseApi {
  listCollections(): Promise<string[]>;
  createCollection(name: string): Promise<void>;
  listIndexNames(collection: string): Promise<string[]>;
  createIndex(collection: string, index: IndexDecl): Promise<void>;
  getSafeRule(collection: string): Promise<{ aclTag: string; rule?: string }>;
  setCustomSafeRule(collection: string, rule: string): Promise<void>;
  getFunction(name: string): Promise<RemoteFunction | null>;
  createFunction(spec: FunctionSpec): Promise<void>;
  updateFunctionCode(spec: FunctionSpec): Promise<void>;
  updateFunctionConfig(spec: FunctionSpec): Promise<void>;
  deleteTrigger(fn: string, trigger: string): Promise<void>;
  createTriggers(fn: string, triggers: FunctionSpec['triggers']): Promise<void>;
  listRoutes(): Promise<Array<{ id: string; path: string; function: string }>>;
  createRoute(path: string, fn: string): Promise<void>;
  deleteRoute(id: string): Promise<void>;
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'kept';

export interface ApplyResult {
  /** One line per thing looked at: `<outcome> <what>`. */
  log: Array<{ outcome: Outcome; what: string }>;
}

export class DeployRefused extends Error {}

type FunctionStep = Extract<Step, { kind: 'function' }>;

/** The encryption key is never changed by a deploy: phones stored under one key are unreadable under another. */
const NEVER_ROTATE = ['DATA_ENCRYPTION_KEY'];

/**
 * Before anything changes: read every function's current variables. A required secret missing locally but present
 * in the cloud is kept; an encryption key that differs from the cloud's stops the deploy.
 */
async function preflight(plan: Plan, api: CloudbaseApi, settings: Record<string, string>) {
  const remote = new Map<string, RemoteFunction | null>();
  for (const step of plan.steps) if (step.kind === 'function') remote.set(step.name, await api.getFunction(step.name));
  const effective = { ...settings };
  const notes: string[] = [];
  for (const name of NEVER_ROTATE) {
    const seen = new Set([...remote.values()].map((f) => f?.env[name]).filter((v): v is string => Boolean(v)));
    if (seen.size > 1) throw new DeployRefused(`云端各函数的 ${name} 不一致（${[...seen].map(fingerprint).join(' / ')}）：请先人工核对，部署不做猜测`);
    const [cloud] = seen;
    if (cloud && settings[name] && cloud !== settings[name]) {
      throw new DeployRefused(`本地 ${name}（sha256:${fingerprint(settings[name])}）与云端（sha256:${fingerprint(cloud)}）不同：更换密钥会让已存手机号无法解密，部署已停止`);
    }
    if (cloud && !settings[name]) {
      effective[name] = cloud;
      notes.push(`${name} 本地未设置，沿用云端的（sha256:${fingerprint(cloud)}）；请把它备份到密钥文件`);
    }
  }
  for (const name of plan.missingSecrets) {
    const cloud = [...remote.values()].map((f) => f?.env[name]).find(Boolean);
    if (cloud) effective[name] = cloud;
  }
  const stillMissing = plan.missingSecrets.filter((name) => !effective[name]);
  if (stillMissing.length) {
    throw new DeployRefused(`缺少必需的密钥 ${stillMissing.join(', ')}，云端也没有：先运行 npm run deploy -- --env ${plan.envId} --init-secrets`);
  }
  return { remote, effective, notes };
}

function sameTriggers(a: FunctionSpec['triggers'], b: FunctionSpec['triggers']): boolean {
  const key = (t: FunctionSpec['triggers'][number]) => `${t.name}|${t.type}|${t.config}`;
  return a.map(key).sort().join('\n') === b.map(key).sort().join('\n');
}

function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function functionSpec(step: FunctionStep, settings: Record<string, string>, remote: RemoteFunction | null): FunctionSpec {
  const env: Record<string, string> = {};
  // Declared variables set in the cloud but not here are kept: a deploy from a machine without every secret must not wipe them.
  for (const name of [...step.env.map((e) => e.name), ...step.unsetEnv]) {
    const value = settings[name] ?? remote?.env[name];
    if (value) env[name] = value;
  }
  env[BUILD_HASH_VAR] = step.codeSha256;
  return {
    name: step.name,
    runtime: step.runtime,
    timeout: step.timeout,
    ...(step.memorySize ? { memorySize: step.memorySize } : {}),
    env,
    triggers: step.triggers,
  };
}

export async function applyPlan(plan: Plan, api: CloudbaseApi, settings: Record<string, string>, say: (line: string) => void = () => {}): Promise<ApplyResult> {
  const errors = plan.problems.filter((p) => p.severity === 'error' && !p.secret);
  if (errors.length) throw new DeployRefused(errors.map((p) => p.message).join('\n'));
  const log: ApplyResult['log'] = [];
  const note = (outcome: Outcome, what: string) => {
    log.push({ outcome, what });
    say(`${outcome.padEnd(9)} ${what}`);
  };

  const { remote, effective, notes } = await preflight(plan, api, settings);
  notes.forEach((n) => say(`note      ${n}`));

  const collectionSteps = plan.steps.filter((s): s is Extract<Step, { kind: 'collection' }> => s.kind === 'collection');
  if (collectionSteps.length) {
    const existing = new Set(await api.listCollections());
    for (const step of collectionSteps) {
      if (existing.has(step.collection)) note('unchanged', `集合 ${step.collection}`);
      else {
        await api.createCollection(step.collection);
        note('created', `集合 ${step.collection}`);
      }
      const indexes = new Set(existing.has(step.collection) ? await api.listIndexNames(step.collection) : []);
      for (const index of step.indexes) {
        if (indexes.has(index.name)) {
          note('unchanged', `索引 ${step.collection}.${index.name}`);
          continue;
        }
        await api.createIndex(step.collection, index);
        note('created', `索引 ${step.collection}.${index.name}`);
      }
    }
  }

  for (const step of plan.steps) {
    if (step.kind !== 'rule') continue;
    const wanted = JSON.stringify(step.rule);
    const current = await api.getSafeRule(step.collection);
    let same = false;
    try {
      same = current.aclTag === 'CUSTOM' && JSON.stringify(JSON.parse(current.rule ?? 'null')) === wanted;
    } catch {
      same = false;
    }
    if (same) note('unchanged', `规则 ${step.collection}`);
    else {
      await api.setCustomSafeRule(step.collection, wanted);
      note('updated', `规则 ${step.collection}: ${current.aclTag} → ${wanted}`);
    }
  }

  for (const step of plan.steps) {
    if (step.kind !== 'function') continue;
    const before = remote.get(step.name) ?? null;
    const spec = functionSpec(step, effective, before);
    if (!before) {
      await api.createFunction(spec);
      note('created', `云函数 ${step.name}`);
      continue;
    }
    if (before.runtime && before.runtime !== spec.runtime) say(`note      ${step.name} 的运行时是 ${before.runtime}（只能在创建时指定），保持不变`);
    const changes: string[] = [];
    if (before.env[BUILD_HASH_VAR] !== step.codeSha256) {
      await api.updateFunctionCode(spec);
      changes.push('代码');
    }
    if (before.timeout !== spec.timeout || !sameEnv(before.env, spec.env)) {
      await api.updateFunctionConfig(spec);
      changes.push(before.timeout !== spec.timeout ? `超时 ${before.timeout}→${spec.timeout}s` : '环境变量');
    }
    if (!sameTriggers(before.triggers, spec.triggers)) {
      for (const t of before.triggers) await api.deleteTrigger(step.name, t.name);
      if (spec.triggers.length) await api.createTriggers(step.name, spec.triggers);
      changes.push('触发器');
    }
    note(changes.length ? 'updated' : 'unchanged', `云函数 ${step.name}${changes.length ? `（${changes.join('、')}）` : ''}`);
  }

  const routeSteps = plan.steps.filter((s): s is Extract<Step, { kind: 'http' }> => s.kind === 'http');
  if (routeSteps.length) {
    const routes = await api.listRoutes();
    for (const step of routeSteps) {
      const current = routes.find((r) => r.path === step.path);
      if (current?.function === step.function) {
        note('unchanged', `HTTP ${step.path} → ${step.function}`);
        continue;
      }
      if (current) await api.deleteRoute(current.id);
      await api.createRoute(step.path, step.function);
      note(current ? 'updated' : 'created', `HTTP ${step.path} → ${step.function}`);
    }
  }
  return { log };
}
