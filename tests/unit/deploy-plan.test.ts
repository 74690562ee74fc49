import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HTTP_ROUTES } from '../../shared/api/http-routes';
import { COLLECTIONS } from '../../shared/db/collections';
import { functionsOutDir, listFunctions } from '../../scripts/build-functions';
import { applyPlan, DeployRefused, type CloudbaseApi, type FunctionSpec, type RemoteFunction } from '../../scripts/deploy/apply';
import { parseArgs, UsageError } from '../../scripts/deploy/cli';
import { formatPlan } from '../../scripts/deploy/format';
import { readBuiltFunctions } from '../../scripts/deploy/inputs';
import { BUILD_HASH_VAR, buildPlan, CLOSED_RULE, type BuiltFunctionInfo, type PlanInput, type Step } from '../../scripts/deploy/plan';
import { assertOutsideRepo, initSecretsFile, loadSettings, parseDotenv } from '../../scripts/deploy/secrets';

const root = path.resolve(__dirname, '../..');
const KEY = Buffer.alloc(32, 7).toString('base64');
const SECRETS = {
  DATA_ENCRYPTION_KEY: KEY,
  SMS_SECRET_ID: 'AKIDsms-secret-id-value',
  SMS_SECRET_KEY: 'sms-secret-key-value',
  SMS_SDK_APP_ID: '1400123456',
  WECOM_WEBHOOK_QC: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=qc-robot-key',
};

/** The functions as built by the global setup (the real bundles and config.json files). */
const built = readBuiltFunctions(functionsOutDir, listFunctions());
const logistics: BuiltFunctionInfo = {
  name: 'logistics',
  config: { timeout: 10 },
  usesEnv: ['DATA_ENCRYPTION_KEY', 'LOGISTICS_PUSH_SECRET'],
  undeclaredEnv: [],
  codeSha256: 'f'.repeat(64),
};

/** The built functions other than `logistics`, which some tests add themselves (as `logistics` above). */
const others = () => built.filter((f) => f.name !== 'logistics');

function plan(over: Partial<PlanInput> = {}) {
  return buildPlan({ envId: 'kousu-test-1', functions: built, collections: COLLECTIONS, routes: HTTP_ROUTES, settings: SECRETS, ...over });
}

const fnStep = (steps: Step[], name: string) => steps.find((s): s is Extract<Step, { kind: 'function' }> => s.kind === 'function' && s.name === name);

describe('the deploy plan', () => {
  test('every function with its config.json: timeout, timer trigger, open-API permissions', () => {
    const p = plan();
    expect(built.map((f) => f.name)).toEqual(listFunctions());
    for (const name of listFunctions()) {
      const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
      const step = fnStep(p.steps, name);
      expect(step, name).toBeDefined();
      expect(step?.timeout).toBe(config.timeout);
      expect(step?.triggers).toEqual(config.triggers ?? []);
      expect(step?.openapi).toEqual(config.permissions?.openapi ?? []);
      expect(step?.codeSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(fnStep(p.steps, 'sla')?.triggers).toEqual([{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }]);
  });

  test('variables go by name to the functions whose bundles read them; secret values never appear', () => {
    const p = plan();
    const notify = fnStep(p.steps, 'notify');
    expect(notify?.env.map((e) => e.name)).toEqual(expect.arrayContaining(['DATA_ENCRYPTION_KEY', 'SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_SDK_APP_ID', 'WECOM_WEBHOOK_QC']));
    expect(notify?.env.find((e) => e.name === 'SMS_SDK_APP_ID')?.shown).toBe('1400123456');
    expect(notify?.env.find((e) => e.name === 'SMS_SECRET_KEY')?.shown).toBe('<redacted>');
    expect(notify?.env.find((e) => e.name === 'DATA_ENCRYPTION_KEY')?.shown).toMatch(/^<redacted sha256:[0-9a-f]{8}>$/);
    expect(notify?.unsetEnv).toContain('SMS_SIGN_NAME');
    // SMS credentials stay with the function that sends SMS.
    expect(fnStep(p.steps, 'stats')?.env).toEqual([]);
    expect(fnStep(p.steps, 'complaint')?.env.map((e) => e.name)).not.toContain('SMS_SECRET_KEY');
    const printed = JSON.stringify(p) + formatPlan(p, { dryRun: true });
    for (const secret of [KEY, SECRETS.SMS_SECRET_ID, SECRETS.SMS_SECRET_KEY, 'qc-robot-key']) expect(printed).not.toContain(secret);
  });

  test('every collection and every index of collections.ts, each collection closed to clients', () => {
    const p = plan();
    for (const [name, decl] of Object.entries(COLLECTIONS)) {
      const step = p.steps.find((s) => s.kind === 'collection' && s.collection === name);
      expect(step, name).toMatchObject({ purpose: decl.purpose });
      expect(step && 'indexes' in step ? step.indexes.map((i) => i.name) : []).toEqual(decl.indexes.map((i) => i.name));
      expect(p.steps.find((s) => s.kind === 'rule' && s.collection === name)).toMatchObject({ rule: { read: false, write: false } });
    }
    expect(CLOSED_RULE).toEqual({ read: false, write: false });
    const text = formatPlan(p, { dryRun: true });
    expect(text).toContain('customer_request_unique (customerOpenid ↑, requestId ↑) 唯一');
  });

  test('order: database, rules, functions, HTTP routes; the open-API registration is a manual DevTools step', () => {
    const p = plan({ functions: [...others(), logistics], settings: { ...SECRETS, LOGISTICS_PUSH_SECRET: 'push-secret' } });
    const kinds = p.steps.filter((s) => s.kind !== 'manual').map((s) => s.part);
    expect(kinds).toEqual([...kinds].sort((a, b) => ['database', 'rules', 'functions', 'http'].indexOf(a) - ['database', 'rules', 'functions', 'http'].indexOf(b)));
    expect(p.steps.filter((s) => s.kind === 'http')).toEqual([{ kind: 'http', part: 'http', path: '/logistics/push', function: 'logistics', purpose: HTTP_ROUTES[0].purpose, auth: false }]);
    const manual = p.steps.find((s) => s.kind === 'manual');
    expect(manual && 'detail' in manual ? manual.detail : '').toMatch(/上传并部署.*subscribeMessage\.send|subscribeMessage\.send.*上传并部署/);
    expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
  });

  test('when the web build targets the environment, its console switches are manual steps', () => {
    const manual = (p: ReturnType<typeof plan>) => p.steps.filter((s) => s.kind === 'manual').map((s) => ('title' in s ? s.title : ''));
    expect(manual(plan())).not.toContainEqual(expect.stringContaining('网页端'));
    const web = plan({ webClient: true }).steps.find((s) => s.kind === 'manual' && s.title.includes('网页端'));
    expect(web && 'detail' in web ? web.detail : '').toMatch(/匿名登录.*WEB 安全域名/);
  });

  test('a route to a function that is not built is skipped with a warning', () => {
    const p = plan({ functions: others() });
    expect(p.steps.some((s) => s.kind === 'http')).toBe(false);
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('/logistics/push') }));
  });

  test('missing required secrets are errors; optional features not or half configured are warnings', () => {
    const p = plan({ settings: { SMS_SECRET_ID: 'x' }, functions: [...others(), logistics] });
    expect(p.missingSecrets.sort()).toEqual(['DATA_ENCRYPTION_KEY', 'LOGISTICS_PUSH_SECRET']);
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => x.secret).sort()).toEqual(['DATA_ENCRYPTION_KEY', 'LOGISTICS_PUSH_SECRET']);
    const warnings = p.problems.filter((x) => x.severity === 'warning').map((x) => x.message);
    expect(warnings).toContainEqual(expect.stringMatching(/腾讯云短信只配置了一部分，缺少 SMS_SECRET_KEY, SMS_SDK_APP_ID, SMS_SIGN_NAME/));
    expect(warnings).toContainEqual(expect.stringMatching(/未配置企业微信群机器人/));
    expect(warnings).toContainEqual(expect.stringMatching(/未配置混元/));
  });

  test('--only narrows the plan; limits and malformed config are errors; undeclared variables are warned about', () => {
    expect(new Set(plan({ only: ['rules'] }).steps.map((s) => s.kind))).toEqual(new Set(['rule']));
    expect(plan({ only: ['database'] }).missingSecrets).toEqual([]);
    const odd: BuiltFunctionInfo = {
      name: 'odd',
      config: { timeout: 90, triggers: [{ name: 't', type: 'timer', config: '* * * * *' }] },
      usesEnv: [],
      undeclaredEnv: ['NEW_FEATURE_TOKEN'],
      codeSha256: '0'.repeat(64),
    };
    const messages = plan({ functions: [odd] }).problems.map((x) => `${x.severity}:${x.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^error:odd: timeout 90s/));
    expect(messages).toContainEqual(expect.stringMatching(/^error:.*7 段/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning:odd 读取环境变量 NEW_FEATURE_TOKEN/));
  });
});

/** CloudBase's management API in memory, to check what a deploy changes (apply.ts talks to it through CloudbaseApi). */
class MemoryCloud implements CloudbaseApi {
  collections = new Map<string, Set<string>>();
  rules = new Map<string, { aclTag: string; rule?: string }>();
  functions = new Map<string, RemoteFunction>();
  routes: Array<{ id: string; path: string; function: string }> = [];
  calls: string[] = [];
  async listCollections() {
    return [...this.collections.keys()];
  }
  async createCollection(name: string) {
    this.calls.push(`createCollection ${name}`);
    this.collections.set(name, new Set());
  }
  async listIndexNames(c: string) {
    return [...(this.collections.get(c) ?? [])];
  }
  async createIndex(c: string, index: { name: string }) {
    this.calls.push(`createIndex ${c}.${index.name}`);
    this.collections.get(c)?.add(index.name);
  }
  async getSafeRule(c: string) {
    return this.rules.get(c) ?? { aclTag: 'PRIVATE' };
  }
  async setCustomSafeRule(c: string, rule: string) {
    this.calls.push(`rule ${c}`);
    this.rules.set(c, { aclTag: 'CUSTOM', rule });
  }
  async getFunction(name: string) {
    const f = this.functions.get(name);
    return f ? structuredClone(f) : null;
  }
  private store(spec: FunctionSpec) {
    this.functions.set(spec.name, { runtime: spec.runtime, timeout: spec.timeout, env: { ...spec.env }, triggers: [...spec.triggers] });
  }
  async createFunction(spec: FunctionSpec) {
    this.calls.push(`createFunction ${spec.name}`);
    this.store(spec);
  }
  async updateFunctionCode(spec: FunctionSpec) {
    this.calls.push(`code ${spec.name}`);
  }
  async updateFunctionConfig(spec: FunctionSpec) {
    this.calls.push(`config ${spec.name}`);
    const f = this.functions.get(spec.name);
    if (f) Object.assign(f, { timeout: spec.timeout, env: { ...spec.env } });
  }
  async deleteTrigger(fn: string, trigger: string) {
    this.calls.push(`deleteTrigger ${fn}.${trigger}`);
    const f = this.functions.get(fn);
    if (f) f.triggers = f.triggers.filter((t) => t.name !== trigger);
  }
  async createTriggers(fn: string, triggers: FunctionSpec['triggers']) {
    this.calls.push(`createTriggers ${fn}`);
    this.functions.get(fn)?.triggers.push(...triggers);
  }
  async listRoutes() {
    return [...this.routes];
  }
  async createRoute(p: string, fn: string) {
    this.calls.push(`route ${p}`);
    this.routes.push({ id: `api-${this.routes.length}`, path: p, function: fn });
  }
  async deleteRoute(id: string) {
    this.routes = this.routes.filter((r) => r.id !== id);
  }
}

describe('applying the plan', () => {
  const full = () => plan({ functions: [...others(), logistics], settings: { ...SECRETS, LOGISTICS_PUSH_SECRET: 'push-secret' } });

  test('an empty environment gets everything; a second run changes nothing', async () => {
    const cloud = new MemoryCloud();
    await applyPlan(full(), cloud, { ...SECRETS, LOGISTICS_PUSH_SECRET: 'push-secret' });
    const indexCount = Object.values(COLLECTIONS).reduce((n, c) => n + c.indexes.length, 0);
    expect(cloud.calls.filter((c) => c.startsWith('createIndex'))).toHaveLength(indexCount);
    expect(cloud.calls.filter((c) => c.startsWith('rule'))).toHaveLength(Object.keys(COLLECTIONS).length);
    expect(cloud.calls.filter((c) => c.startsWith('createFunction'))).toHaveLength(others().length + 1);
    expect(cloud.functions.get('notify')?.env).toMatchObject({ SMS_SECRET_KEY: SECRETS.SMS_SECRET_KEY, DATA_ENCRYPTION_KEY: KEY });
    expect(cloud.functions.get('notify')?.env[BUILD_HASH_VAR]).toMatch(/^[0-9a-f]{64}$/);
    expect(cloud.functions.get('stats')?.env).toEqual({ [BUILD_HASH_VAR]: expect.any(String) });
    expect(cloud.routes).toEqual([{ id: 'api-0', path: '/logistics/push', function: 'logistics' }]);

    cloud.calls = [];
    const again = await applyPlan(full(), cloud, { ...SECRETS, LOGISTICS_PUSH_SECRET: 'push-secret' });
    expect(cloud.calls).toEqual([]);
    expect(again.log.every((l) => l.outcome === 'unchanged')).toBe(true);
  });

  test('a re-deploy touches only what differs; an existing index is left alone', async () => {
    const cloud = new MemoryCloud();
    const settings = { ...SECRETS, LOGISTICS_PUSH_SECRET: 'push-secret' };
    await applyPlan(full(), cloud, settings);
    cloud.collections.get('complaints')?.delete('autoAt');
    const sla = cloud.functions.get('sla');
    if (sla) sla.timeout = 30;
    const ticket = cloud.functions.get('ticket');
    if (ticket) ticket.env[BUILD_HASH_VAR] = 'old-build';
    cloud.calls = [];
    await applyPlan(full(), cloud, settings);
    expect(cloud.calls.sort()).toEqual(['code ticket', 'config sla', 'config ticket', 'createIndex complaints.autoAt'].sort());
  });

  test('a different encryption key stops the deploy before anything changes; a missing one is kept from the cloud', async () => {
    const cloud = new MemoryCloud();
    const settings = { ...SECRETS, LOGISTICS_PUSH_SECRET: 'push-secret' };
    await applyPlan(full(), cloud, settings);
    cloud.calls = [];
    const other = { ...settings, DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') };
    await expect(applyPlan(plan({ functions: [...others(), logistics], settings: other }), cloud, other)).rejects.toThrow(DeployRefused);
    expect(cloud.calls).toEqual([]);

    const withoutKey: Record<string, string> = { ...settings };
    delete withoutKey.DATA_ENCRYPTION_KEY;
    await applyPlan(plan({ functions: [...others(), logistics], settings: withoutKey }), cloud, withoutKey);
    expect(cloud.functions.get('complaint')?.env.DATA_ENCRYPTION_KEY).toBe(KEY);
  });

  test('a first deploy without the encryption key is refused', async () => {
    const cloud = new MemoryCloud();
    await expect(applyPlan(plan({ settings: {} }), cloud, {})).rejects.toThrow(/DATA_ENCRYPTION_KEY.*--init-secrets/);
    expect(cloud.calls).toEqual([]);
  });
});

describe('deploy command line and secrets', () => {
  test('arguments', () => {
    expect(parseArgs(['--env', 'kousu-prod-9x', '--dry-run', '--only', 'functions,http'])).toMatchObject({ envId: 'kousu-prod-9x', dryRun: true, only: ['functions', 'http'] });
    expect(parseArgs(['--env=kousu-prod-9x', '--json'])).toMatchObject({ envId: 'kousu-prod-9x', json: true, dryRun: false });
    expect(() => parseArgs(['--dry-run'])).toThrow(UsageError);
    expect(() => parseArgs(['--env', 'x y'])).toThrow(UsageError);
    expect(() => parseArgs(['--env', 'kousu-prod-9x', '--only', 'storage'])).toThrow(/--only/);
    expect(() => parseArgs(['--env', 'kousu-prod-9x', '--force'])).toThrow(/未知参数/);
  });

  test('the secrets file lives outside the repository, is never overwritten, and the environment wins over it', () => {
    expect(() => assertOutsideRepo(path.join(root, '.secrets', 'prod.env'))).toThrow(/仓库/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kousu-secrets-'));
    const file = path.join(dir, 'kousu-test-1.env');
    initSecretsFile(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const key = parseDotenv(fs.readFileSync(file, 'utf8')).DATA_ENCRYPTION_KEY;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(() => initSecretsFile(file)).toThrow(/拒绝覆盖/);
    expect(loadSettings(file, {}).values.DATA_ENCRYPTION_KEY).toBe(key);
    expect(loadSettings(file, { DATA_ENCRYPTION_KEY: KEY }).values.DATA_ENCRYPTION_KEY).toBe(KEY);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('npm run deploy -- --dry-run prints the whole plan with no credentials and no network', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kousu-dry-'));
    const file = path.join(dir, 'prod.env');
    fs.writeFileSync(file, `DATA_ENCRYPTION_KEY=${KEY}\nSMS_SECRET_KEY=${SECRETS.SMS_SECRET_KEY}\nLOGISTICS_PUSH_SECRET=push-secret\n`);
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (/^(TENCENTCLOUD_|SMS_|HUNYUAN_|WECOM_|DATA_ENCRYPTION)/.test(k)) delete env[k];
    // Any attempt to reach the network would fail fast and visibly.
    Object.assign(env, { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' });
    const run = (...extra: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/deploy/cli.ts', '--env', 'kousu-test-1', '--dry-run', '--skip-build', '--secrets', file, ...extra], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const json = run('--json');
    expect(json.status, json.stderr).toBe(0);
    const printed = JSON.parse(json.stdout);
    expect(printed.steps.filter((s: Step) => s.kind === 'function').map((s: { name: string }) => s.name)).toEqual(listFunctions());
    expect(printed.steps.filter((s: Step) => s.kind === 'collection')).toHaveLength(Object.keys(COLLECTIONS).length);
    expect(printed.missingSecrets).toEqual([]);
    const text = run();
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('部署计划 → 环境 kousu-test-1');
    expect(text.stdout).toContain('SMS_SECRET_KEY=<redacted>');
    for (const out of [json.stdout, text.stdout]) {
      expect(out).not.toContain(KEY);
      expect(out).not.toContain(SECRETS.SMS_SECRET_KEY);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
