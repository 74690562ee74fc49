import fs from 'node:fs';
import path from 'node:path';
import { parseDotenv, type Env } from '../deploy/secrets';

/** The app's per-environment settings as Taro reads them (`.env.<mode>`, `.env.<mode>.local`), overridden by the process environment. */
export type BuildMode = 'production' | 'development' | 'web';

export const root = path.resolve(__dirname, '..', '..');

export function taroEnv(mode: BuildMode, env: Env = process.env, dir = root): Record<string, string> {
  const values: Record<string, string> = {};
  // As Taro does: `.env.<mode>`, then `.env.<mode>.local` (git-ignored) over it.
  for (const file of [`.env.${mode}`, `.env.${mode}.local`].map((f) => path.join(dir, f))) {
    if (fs.existsSync(file)) Object.assign(values, parseDotenv(fs.readFileSync(file, 'utf8')));
  }
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TARO_APP_') && v !== undefined) values[k] = v;
  return values;
}

/** A real mini-program appid (not the `touristappid` placeholder DevTools accepts without cloud development). */
export const APPID_RE = /^wx[0-9a-f]{16}$/;
