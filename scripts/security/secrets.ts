import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets that must never be committed: private keys, Tencent Cloud API SecretIds (`AKID…`) and keys, a 32-byte
 * base64 key assigned to DATA_ENCRYPTION_KEY (or _PREVIOUS / DATA_PSEUDONYM_KEY), and `.env` files with a
 * non-empty value for anything named like a secret. Real values live in the deployment's function environment.
 */
export interface SecretFinding {
  file: string;
  line: number;
  kind: string;
}

// Built from parts so this file does not match its own patterns.
const BEGIN = '-----BEGIN';
const RULES: Array<{ kind: string; re: RegExp }> = [
  { kind: 'private key', re: new RegExp(`${BEGIN} (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----`) },
  { kind: 'Tencent Cloud SecretId', re: /\bAKID[0-9A-Za-z]{28,40}\b/ },
  { kind: 'encryption key value', re: /DATA_(?:ENCRYPTION_KEY(?:_PREVIOUS)?|PSEUDONYM_KEY)["']?\s*[:=]\s*["']?[A-Za-z0-9+/]{43}=/ },
  { kind: 'secret key value', re: /(?:SECRET_?KEY|SecretKey|secretKey)["']?\s*[:=]\s*["'][A-Za-z0-9+/]{32,}["']/ },
];

const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|PASSWD|WEBHOOK/i;

export function isEnvFile(file: string): boolean {
  const base = path.basename(file);
  return base === '.env' || (base.startsWith('.env.') && !/\.(example|sample|template)$/.test(base));
}

export function scanText(file: string, text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const rule of RULES) if (rule.re.test(line)) out.push({ file, line: i + 1, kind: rule.kind });
    if (isEnvFile(file)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      const value = m?.[2].trim().replace(/^["']|["']$/g, '');
      if (m && SECRET_NAME.test(m[1]) && value) out.push({ file, line: i + 1, kind: `.env secret ${m[1]}` });
    }
  });
  return out;
}

/** Every committed file (git ls-files), text only, up to 5 MB each. */
export function scanRepository(root: string): SecretFinding[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\0').filter(Boolean);
  const out: SecretFinding[] = [];
  for (const file of files) {
    const full = path.join(root, file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue; // deleted in the work tree
    }
    if (!stat.isFile() || stat.size > 5 * 1024 * 1024) continue;
    const bytes = fs.readFileSync(full);
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary
    out.push(...scanText(file, bytes.toString('utf8')));
  }
  return out;
}
