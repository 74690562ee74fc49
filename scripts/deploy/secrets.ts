import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENV_VARS } from './env-vars';

/**
 * Where the deploy finds its secrets: the process environment, then a dotenv-style file kept OUTSIDE the
 * repository (default `~/.config/kousu-complaints/<envId>.env`, or `--secrets <file>`). The file holds the
 * function secrets (DATA_ENCRYPTION_KEY above all) and may hold the deploy credentials too.
 */
/** An environment: process.env or a test's plain object. */
export type Env = Record<string, string | undefined>;

export const CREDENTIAL_NAMES = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN'] as const;

export const repoRoot = path.resolve(__dirname, '..', '..');

export function defaultSecretsFile(envId: string, env: Env = process.env): string {
  const dir = env.KOUSU_SECRETS_DIR || path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'kousu-complaints');
  return path.join(dir, `${envId}.env`);
}

/** A secrets file inside the working tree could be committed by accident: refused. */
export function assertOutsideRepo(file: string, root = repoRoot): void {
  const rel = path.relative(root, path.resolve(file));
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    throw new Error(`密钥文件不能放在仓库里（${rel}）：请放到仓库之外，例如 ${defaultSecretsFile('<envId>')}`);
  }
}

/** `KEY=value` lines; `#` comments and blank lines ignored; optional quotes stripped. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().replace(/^export\s+/, '');
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    if (/^[A-Z][A-Z0-9_]*$/.test(key)) out[key] = value;
  }
  return out;
}

export interface LoadedSettings {
  /** Function variables and deploy credentials that have a value (process env wins over the file). */
  values: Record<string, string>;
  /** The file read, when it existed. */
  file?: string;
}

const KNOWN = new Set<string>([...ENV_VARS.map((v) => v.name), ...CREDENTIAL_NAMES]);

export function loadSettings(file: string, env: Env = process.env): LoadedSettings {
  const values: Record<string, string> = {};
  let used: string | undefined;
  if (fs.existsSync(file)) {
    assertOutsideRepo(file);
    for (const [k, v] of Object.entries(parseDotenv(fs.readFileSync(file, 'utf8')))) if (KNOWN.has(k) && v) values[k] = v;
    used = file;
  }
  for (const name of KNOWN) if (env[name]) values[name] = env[name] as string;
  return { values, ...(used ? { file: used } : {}) };
}

/** A new 32-byte AES key, base64 (what cloudfunctions/_server/crypto.ts expects). */
export function newEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}

/** A short, non-reversible tag of a secret, so an operator can tell two keys apart without seeing them. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}

/**
 * First step for a new environment: write the secrets file with a fresh encryption key and every other variable
 * listed (commented out). Never overwrites: the key must not change once phones are stored with it.
 */
export function initSecretsFile(file: string): string {
  assertOutsideRepo(file);
  if (fs.existsSync(file)) throw new Error(`${file} 已存在：加密密钥一经使用不可更换，拒绝覆盖`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const lines = [
    '# 投诉系统云函数的密钥与设置（仓库之外保存；备份到公司的密码库，丢失加密密钥 = 已存手机号无法解密）',
    '# 部署凭证（也可用同名环境变量）：',
    '# TENCENTCLOUD_SECRETID=',
    '# TENCENTCLOUD_SECRETKEY=',
    '',
    `DATA_ENCRYPTION_KEY=${newEncryptionKey()}`,
    '',
    ...ENV_VARS.filter((v) => v.name !== 'DATA_ENCRYPTION_KEY').map((v) => `# ${v.name}=    # ${v.description}`),
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return file;
}
