import { DEPARTMENTS } from '../shared/auth/roles';
import { SMS_TEMPLATE_KEYS, SMS_TEMPLATES, SUBSCRIBE_TEMPLATE_KEYS, SUBSCRIBE_TEMPLATES } from '../shared/notify/templates';

/**
 * The notification channels' environment for functions run by the local cloud, so `npm start` delivers out of
 * the box: demo subscribe template ids (the local open API records what is sent with them), Tencent Cloud SMS
 * pointed at `/tencentcloud/sms` (recorded, answered Ok), and each department's WeCom robot at `/wecom/<dept>`
 * (recorded). Tests override any of these through `functionEnv`.
 */
export function localNotifyEnv(url: string): Record<string, string> {
  const env: Record<string, string> = {
    SUBSCRIBE_MINIPROGRAM_STATE: 'developer',
    SMS_SECRET_ID: 'local',
    SMS_SECRET_KEY: 'local',
    SMS_SDK_APP_ID: '1400000000',
    SMS_SIGN_NAME: '川味冻品',
    SMS_PROTOCOL: 'http://',
    SMS_ENDPOINT: `${url.replace(/^https?:\/\//, '')}/tencentcloud/sms`,
  };
  for (const key of SUBSCRIBE_TEMPLATE_KEYS) env[SUBSCRIBE_TEMPLATES[key].env] = `local-tmpl-${key}`;
  // Tencent Cloud SMS template ids are numbers.
  SMS_TEMPLATE_KEYS.forEach((key, i) => (env[SMS_TEMPLATES[key].env] = String(2_000_001 + i)));
  for (const dept of DEPARTMENTS) env[`WECOM_WEBHOOK_${dept.toUpperCase()}`] = `${url}/wecom/${dept}`;
  return env;
}
