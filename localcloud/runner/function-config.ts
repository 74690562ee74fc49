import fs from 'node:fs';
import path from 'node:path';

/** The parts of a function's config.json the runner applies (WECHAT.md "Cloud functions"). */
export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** WeChat's 7-field cron: second minute hour day month weekday year, in UTC+8. */
  config: string;
}

export interface FunctionConfig {
  /** Seconds; WeChat's maximum is 60. */
  timeout?: number;
  triggers?: TimerTrigger[];
  permissions?: { openapi?: string[] };
  envVariables?: Record<string, string>;
}

export const DEFAULT_TIMEOUT_S = 20;
export const MAX_TIMEOUT_S = 60;

export interface FunctionBundle {
  name: string;
  bundle: string;
  config: FunctionConfig;
  timeoutMs: number;
}

/** Every built function under `functionsDir` (each folder with index.js and config.json). */
export function discoverFunctions(functionsDir: string): FunctionBundle[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.js')))
    .map((d) => {
      const dir = path.join(functionsDir, d.name);
      const configFile = path.join(dir, 'config.json');
      const config: FunctionConfig = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
      const triggers = config.triggers ?? [];
      if (triggers.length > 1) throw new Error(`${d.name}: WeChat allows one trigger per function`);
      const timeoutS = Math.min(config.timeout ?? DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S);
      return { name: d.name, bundle: path.join(dir, 'index.js'), config, timeoutMs: timeoutS * 1000 };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
