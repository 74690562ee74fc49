import fs from 'node:fs';
import path from 'node:path';
import { parseDotenv, type Env } from '../deploy/secrets';

/** The mini-program's per-environment settings, as Taro reads them: `.env.<mode>` (production for builds), overridden by the process environment. */
export type BuildMode = 'production' | 'development';

export const root = path.resolve(__dirname, '..', '..');

export function taroEnv(mode: BuildMode, env: Env = process.env, dir = root): Record<string, string> {
  const file = path.join(dir, `.env.${mode}`);
  const values = fs.existsSync(file) ? parseDotenv(fs.readFileSync(file, 'utf8')) : {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TARO_APP_') && v !== undefined) values[k] = v;
  return values;
}

/** A real mini-program appid (not the `touristappid` placeholder DevTools accepts without cloud development). */
export const APPID_RE = /^wx[0-9a-f]{16}$/;
