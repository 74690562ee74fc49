import { SMS_TEMPLATE_KEYS, SUBSCRIBE_TEMPLATE_KEYS, type SmsTemplateKey, type SubscribeTemplateKey } from '@shared/notify/templates';
import type { NotifyTemplates } from '@shared/notify/config';

/**
 * Channel settings from the function's environment: template ids (they differ per mini-program and SMS account),
 * credentials and webhook URLs (secrets). Nothing here is in the database, so a leaked backup leaks no keys.
 * The local cloud sets all of them, pointing SMS and WeCom at itself (localcloud/notify-env.ts).
 */
type Env = Record<string, string | undefined>;

/** This mini-program's subscribe template ids, for the templates that have one configured. */
export function subscribeTemplateIds(templates: Pick<NotifyTemplates, 'subscribe'>, env: Env = process.env): Partial<Record<SubscribeTemplateKey, string>> {
  const ids: Partial<Record<SubscribeTemplateKey, string>> = {};
  for (const key of SUBSCRIBE_TEMPLATE_KEYS) {
    const id = env[templates.subscribe[key].env]?.trim();
    if (id) ids[key] = id;
  }
  return ids;
}

/** `developer` | `trial` | `formal`: which version of the mini-program a subscribe message opens. */
export function miniprogramState(env: Env = process.env): 'developer' | 'trial' | 'formal' {
  const state = env.SUBSCRIBE_MINIPROGRAM_STATE;
  return state === 'developer' || state === 'trial' ? state : 'formal';
}

export interface SmsConfig {
  secretId: string;
  secretKey: string;
  region: string;
  /** 短信应用 SdkAppId and the approved signature. */
  sdkAppId: string;
  signName: string;
  endpoint: string;
  protocol: string;
  timeoutS: number;
  templateIds: Partial<Record<SmsTemplateKey, string>>;
}

/**
 * Tencent Cloud SMS, like the hunyuan model (cloud-model.ts): off unless SMS_SECRET_ID, SMS_SECRET_KEY,
 * SMS_SDK_APP_ID and SMS_SIGN_NAME are set; SMS_ENDPOINT / SMS_PROTOCOL point it elsewhere (the local cloud
 * records the request instead of sending it).
 */
export function smsConfig(templates: Pick<NotifyTemplates, 'sms'>, env: Env = process.env): SmsConfig | undefined {
  const { SMS_SECRET_ID: secretId, SMS_SECRET_KEY: secretKey, SMS_SDK_APP_ID: sdkAppId, SMS_SIGN_NAME: signName } = env;
  if (!secretId || !secretKey || !sdkAppId || !signName) return undefined;
  const templateIds: Partial<Record<SmsTemplateKey, string>> = {};
  for (const key of SMS_TEMPLATE_KEYS) {
    const id = env[templates.sms[key].env]?.trim();
    if (id) templateIds[key] = id;
  }
  return {
    secretId,
    secretKey,
    sdkAppId,
    signName,
    region: env.SMS_REGION || 'ap-guangzhou',
    endpoint: env.SMS_ENDPOINT || 'sms.tencentcloudapi.com',
    protocol: env.SMS_PROTOCOL || 'https://',
    timeoutS: Number(env.SMS_TIMEOUT_S || 5),
    templateIds,
  };
}

/**
 * A department's WeCom group-robot webhook URL. The department document names the variable that holds it
 * (`wecomWebhookKey`, e.g. WECOM_WEBHOOK_QC): the URL carries the robot's key, so it is a secret, not data.
 */
export function webhookUrl(department: string, key: string | undefined, env: Env = process.env): string | undefined {
  const name = key || `WECOM_WEBHOOK_${department.toUpperCase()}`;
  const url = env[name]?.trim();
  return url && /^https?:\/\//.test(url) ? url : undefined;
}
