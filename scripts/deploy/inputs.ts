import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { envUsage } from './env-vars';
import type { BuiltFunctionInfo, FunctionConfigJson } from './plan';

/**
 * What the deploy reads from disk: the built functions under dist/cloudfunctions/ (whatever folders exist there,
 * so a function added by another branch is deployed without touching this code).
 */

function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Hash over every file's path and bytes; source maps excluded (they are not uploaded). */
function folderHash(dir: string): string {
  const hash = createHash('sha256');
  for (const rel of filesUnder(dir).filter((f) => !f.endsWith('.map'))) {
    hash.update(rel).update('\0').update(fs.readFileSync(path.join(dir, rel))).update('\0');
  }
  return hash.digest('hex');
}

export function readBuiltFunctions(functionsDir: string, names?: readonly string[]): BuiltFunctionInfo[] {
  if (!fs.existsSync(functionsDir)) return [];
  const found = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.js')))
    .map((d) => d.name)
    .filter((name) => !names || names.includes(name))
    .sort();
  return found.map((name) => {
    const dir = path.join(functionsDir, name);
    const configFile = path.join(dir, 'config.json');
    const config: FunctionConfigJson = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
    const { uses, undeclared } = envUsage(fs.readFileSync(path.join(dir, 'index.js'), 'utf8'));
    return { name, config, usesEnv: uses, undeclaredEnv: undeclared, codeSha256: folderHash(dir) };
  });
}
