/**
 * Dependency audit for CI: `npm audit --omit=dev --json` over the production dependencies, failing on high or
 * critical advisories that are not in scripts/security/audit-allowlist.json (each allowed one with its reason).
 * Moderate and low ones are listed, not fatal. When the registry's audit endpoint cannot be reached the audit
 * FAILS — an audit that did not run must not look like a clean one — unless AUDIT_OFFLINE_OK=1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const ALLOWLIST = path.join(ROOT, 'scripts', 'security', 'audit-allowlist.json');
const FATAL = new Set(['high', 'critical']);

interface Advisory {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}

interface AuditJson {
  vulnerabilities?: Record<string, { name: string; severity: string; isDirect: boolean; via: Array<string | Advisory>; fixAvailable: unknown }>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } };
  error?: { code?: string; summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
}

export interface Finding {
  package: string;
  severity: string;
  advisory: string;
  title: string;
}

export interface AllowEntry {
  advisory: string;
  package: string;
  reason: string;
}

/** The advisories behind each vulnerable package (transitive entries point at the package that has them). */
export function findings(report: AuditJson): Finding[] {
  const out = new Map<string, Finding>();
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via) {
      if (typeof via === 'string') continue;
      const advisory = via.url ?? String(via.source ?? '');
      const key = `${via.name ?? vuln.name}|${advisory}`;
      if (!out.has(key)) out.set(key, { package: via.name ?? vuln.name, severity: via.severity ?? vuln.severity, advisory, title: via.title ?? '' });
    }
  }
  return [...out.values()].sort((a, b) => a.package.localeCompare(b.package));
}

/** An allowlist entry matches by advisory URL or its GHSA id, and by package. */
export function isAllowed(f: Finding, allow: AllowEntry[]): AllowEntry | undefined {
  return allow.find((a) => a.package === f.package && (f.advisory === a.advisory || f.advisory.endsWith(`/${a.advisory}`)));
}

export function readAllowlist(file = ALLOWLIST): AllowEntry[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { advisories: AllowEntry[] };
  for (const a of parsed.advisories) {
    if (!a.advisory || !a.package || !a.reason?.trim()) throw new Error(`${file}: every entry needs advisory, package and a reason (${JSON.stringify(a)})`);
  }
  return parsed.advisories;
}

function main(): number {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
  let report: AuditJson;
  try {
    report = JSON.parse(run.stdout || '{}') as AuditJson;
  } catch {
    report = { message: (run.stdout || run.stderr || String(run.error ?? '')).slice(0, 300) };
  }
  // npm exits 1 both for "vulnerabilities found" and for "could not audit": only the report tells them apart.
  if (!report.vulnerabilities) {
    const why = report.message ?? report.error?.summary ?? report.error?.code ?? (run.error ? String(run.error) : `npm audit exited ${run.status}`);
    const text = `dependency audit could not run: ${why}\n(the registry's audit endpoint is unreachable or refused the request)`;
    if (process.env.AUDIT_OFFLINE_OK === '1') {
      console.warn(`${text}\nAUDIT_OFFLINE_OK=1: continuing WITHOUT an audit.`);
      return 0;
    }
    console.error(`${text}\nSet AUDIT_OFFLINE_OK=1 to continue without it (only where the registry is knowingly unavailable).`);
    return 2;
  }
  const allow = readAllowlist();
  const all = findings(report);
  const fatal: Finding[] = [];
  for (const f of all) {
    const allowed = isAllowed(f, allow);
    const mark = allowed ? `allowed: ${allowed.reason}` : FATAL.has(f.severity) ? 'FAIL' : 'note';
    console.log(`${f.severity.padEnd(8)} ${f.package.padEnd(30)} ${f.advisory} ${f.title} [${mark}]`);
    if (!allowed && FATAL.has(f.severity)) fatal.push(f);
  }
  const unused = allow.filter((a) => !all.some((f) => isAllowed(f, [a])));
  for (const a of unused) console.log(`allowlist entry no longer needed: ${a.package} ${a.advisory}`);
  const prod = report.metadata?.dependencies?.prod ?? 0;
  if (fatal.length) {
    console.error(`dependency audit: ${fatal.length} high/critical advisories in production dependencies (of ${prod} packages) — upgrade, or review and add to ${path.relative(ROOT, ALLOWLIST)} with a reason`);
    return 1;
  }
  console.log(`dependency audit: no unreviewed high/critical advisories in ${prod} production packages (${all.length} advisories listed)`);
  return 0;
}

if (require.main === module) process.exit(main());
