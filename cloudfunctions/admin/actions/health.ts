import type { HealthReport } from '@shared/api/functions/admin';
import { validate } from '@shared/api/validate';
import type { $ZodType } from 'zod/v4/core';
import { COLLECTION_NAMES } from '@shared/db/collections';
import { DEFAULT_NOTIFY_CONFIG } from '@shared/notify/config';
import { SMS_TEMPLATE_KEYS, SUBSCRIBE_TEMPLATE_KEYS } from '@shared/notify/templates';
import { HEALTH_TIMERS, healthChecks, overallStatus, type HealthFacts } from '@shared/ops/health';
import { CONFIG_LABELS, CONFIG_SCHEMAS, crossFieldErrors, EDITABLE_CONFIG_IDS, type EditableConfigId } from '@shared/staff/config-docs';
import { toIso } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { smsConfig, subscribeTemplateIds, webhookUrl } from '../../_server/channels/env';
import { keyIdOf, parseKey } from '../../_server/crypto';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

function encryptionFacts(env = process.env): HealthFacts['encryption'] {
  const facts: HealthFacts['encryption'] = { pseudonymKeySet: !!env.DATA_PSEUDONYM_KEY };
  try {
    facts.currentKeyId = parseKey(env.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY').id;
  } catch (error) {
    facts.currentError = (error as Error).message;
  }
  if (env.DATA_ENCRYPTION_KEY_PREVIOUS) {
    try {
      const previous = parseKey(env.DATA_ENCRYPTION_KEY_PREVIOUS, 'DATA_ENCRYPTION_KEY_PREVIOUS');
      if (previous.id !== facts.currentKeyId) facts.previousKeyId = keyIdOf(previous.bytes);
    } catch (error) {
      facts.previousError = (error as Error).message;
    }
  }
  return facts;
}

async function configFacts(): Promise<HealthFacts['config']> {
  const docs = await rows<{ _id: EditableConfigId; value: unknown }>(collection('config').where({ _id: _.in([...EDITABLE_CONFIG_IDS]) }).limit(EDITABLE_CONFIG_IDS.length));
  return EDITABLE_CONFIG_IDS.map((id) => {
    const doc = docs.find((d) => d._id === id);
    if (!doc) return { id, label: CONFIG_LABELS[id], present: false };
    const checked = validate<$ZodType>(CONFIG_SCHEMAS[id], doc.value);
    const error = !checked.ok ? checked.error.message : Object.values(crossFieldErrors(id, doc.value))[0];
    return { id, label: CONFIG_LABELS[id], present: true, ...(error ? { error } : {}) };
  });
}

/** A collection exists when counting it works: CloudBase answers a missing one with DATABASE_COLLECTION_NOT_EXIST. */
async function collectionFacts(): Promise<HealthFacts['collections']> {
  return Promise.all(
    COLLECTION_NAMES.map(async (name) => {
      try {
        await collection(name).where({ _id: '__health_probe__' }).count();
        return { name, present: true };
      } catch {
        return { name, present: false };
      }
    }),
  );
}

async function deadLetters(): Promise<number> {
  const res = (await collection('outbox').where({ status: 'dead' }).count()) as { total: number };
  return res.total;
}

/**
 * admin.health: what this deployment is missing. Reads only this function's environment (the deploy step sets
 * the same variables on every function) and a few cheap queries; writes nothing.
 */
export async function health(_input: Record<string, never>, ctx: ActionContext): Promise<HealthReport> {
  const now = ctx.now();
  const templates = DEFAULT_NOTIFY_CONFIG.templates;
  const subscribeIds = subscribeTemplateIds(templates);
  const sms = smsConfig(templates);
  const [config, collections, departments, jobs, dead] = await Promise.all([
    configFacts(),
    collectionFacts(),
    rows<{ _id: string; name?: string; wecomWebhookKey?: string }>(collection('departments').limit(100)).catch(() => []),
    rows<{ _id: string; lastRunAt?: Date }>(collection('jobs').where({ _id: _.in(HEALTH_TIMERS.map((t) => t.name)) }).limit(HEALTH_TIMERS.length)).catch(() => []),
    deadLetters(),
  ]);
  const facts: HealthFacts = {
    now,
    encryption: encryptionFacts(),
    config,
    subscribeTemplates: SUBSCRIBE_TEMPLATE_KEYS.map((key) => ({ key, env: templates.subscribe[key].env, set: !!subscribeIds[key] })),
    sms: { configured: !!sms, missingTemplateEnvs: sms ? SMS_TEMPLATE_KEYS.filter((k) => !sms.templateIds[k]).map((k) => templates.sms[k].env) : [] },
    wecom: departments.map((d) => ({ department: d._id, name: d.name ?? d._id, set: !!webhookUrl(d._id, d.wecomWebhookKey) })),
    collections,
    timers: HEALTH_TIMERS.map((t) => {
      const job = jobs.find((j) => j._id === t.name);
      return { ...t, ...(job?.lastRunAt ? { lastRunAt: new Date(job.lastRunAt) } : {}) };
    }),
    deadLetters: dead,
  };
  const checks = healthChecks(facts);
  return { checkedAt: toIso(now), overall: overallStatus(checks), checks };
}
