import { resolveNotifyConfig, type NotifyConfig } from '@shared/notify/config';
import { getById } from '../_server/db';

/** The `notify` configuration document's id in `config` (retry policy, quiet hours, templates). */
export const NOTIFY_CONFIG_ID = 'notify';

/** Kept for a minute per instance, like the other configuration (cloudfunctions/_server/config.ts). */
const TTL_MS = 60_000;
let cached: { at: number; config: NotifyConfig } | undefined;

export async function loadNotifyConfig(now = Date.now()): Promise<NotifyConfig> {
  if (cached && now - cached.at < TTL_MS) return cached.config;
  const doc = await getById<{ value?: unknown }>('config', NOTIFY_CONFIG_ID);
  cached = { at: now, config: resolveNotifyConfig(doc?.value) };
  return cached.config;
}
