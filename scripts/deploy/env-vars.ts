import { DEPARTMENTS } from '../../shared/auth/roles';
import { SMS_TEMPLATE_KEYS, SMS_TEMPLATES, SUBSCRIBE_TEMPLATE_KEYS, SUBSCRIBE_TEMPLATES } from '../../shared/notify/templates';

/**
 * Every environment variable the cloud functions read, declared once for the deploy step: whether it is a secret
 * (its value never printed), whether a function that reads it cannot work without it, and which optional feature
 * it belongs to (a feature half configured is worse than one left off, so the plan warns per group).
 * A function gets a variable only when its built bundle mentions it (`detect`), so the SMS keys reach `notify`
 * and not the dashboard.
 */
export type EnvGroup = 'encryption' | 'logistics' | 'subscribe' | 'sms' | 'wecom' | 'hunyuan' | 'wxacode';

export interface EnvVarDecl {
  name: string;
  group: EnvGroup;
  secret: boolean;
  /** A function reading it fails without it (the deploy refuses to go on). */
  required: boolean;
  /** The text whose presence in a bundle means the function reads it; the name itself unless built at run time. */
  detect?: string;
  description: string;
}

export interface EnvGroupDecl {
  label: string;
  /** What happens when the group is not configured, for the plan's warning. */
  whenMissing: string;
  /** Variables that must all be set for the feature to work (the rest refine it). */
  core: readonly string[];
}

export const ENV_GROUPS: Record<EnvGroup, EnvGroupDecl> = {
  encryption: {
    label: '手机号加密密钥',
    whenMissing: '函数无法加密或解密手机号，提交投诉会失败',
    core: ['DATA_ENCRYPTION_KEY'],
  },
  logistics: {
    label: '物流推送签名密钥',
    whenMissing: '物流系统的推送无法验签，全部被拒绝',
    core: ['LOGISTICS_PUSH_SECRET'],
  },
  subscribe: {
    label: '订阅消息模板',
    whenMissing: '不发送微信订阅消息，顾客通知全部改走短信',
    core: SUBSCRIBE_TEMPLATE_KEYS.map((key) => SUBSCRIBE_TEMPLATES[key].env),
  },
  sms: {
    label: '腾讯云短信',
    whenMissing: '不发送短信：没有订阅授权的顾客（以及网页端顾客）收不到任何通知',
    core: ['SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_SDK_APP_ID', 'SMS_SIGN_NAME'],
  },
  wecom: {
    label: '企业微信群机器人',
    whenMissing: '部门群收不到新工单、SLA 预警等提醒（员工仍可在工作台看到）',
    core: DEPARTMENTS.map((dept) => `WECOM_WEBHOOK_${dept.toUpperCase()}`),
  },
  hunyuan: {
    label: '混元大模型（可选的分类复核）',
    whenMissing: '只用本地分类器，低置信度的投诉标记为待分拣',
    core: ['HUNYUAN_SECRET_ID', 'HUNYUAN_SECRET_KEY'],
  },
  wxacode: {
    label: '小程序码版本',
    whenMissing: '生成的小程序码打开正式版（release）',
    core: [],
  },
};

export const ENV_VARS: readonly EnvVarDecl[] = [
  {
    name: 'DATA_ENCRYPTION_KEY',
    group: 'encryption',
    secret: true,
    required: true,
    description: 'AES-256-GCM 密钥（32 字节 base64）；每个环境生成一次，永不轮换，丢失则已存手机号无法解密',
  },
  { name: 'LOGISTICS_PUSH_SECRET', group: 'logistics', secret: true, required: true, description: '物流推送的 HMAC 共享密钥' },
  ...SUBSCRIBE_TEMPLATE_KEYS.map(
    (key): EnvVarDecl => ({
      name: SUBSCRIBE_TEMPLATES[key].env,
      group: 'subscribe',
      secret: false,
      required: false,
      description: `订阅消息模板 id：${SUBSCRIBE_TEMPLATES[key].title}`,
    }),
  ),
  {
    name: 'SUBSCRIBE_MINIPROGRAM_STATE',
    group: 'subscribe',
    secret: false,
    required: false,
    description: '订阅消息打开的版本：developer | trial | formal（默认 formal）',
  },
  { name: 'SMS_SECRET_ID', group: 'sms', secret: true, required: false, description: '短信用的腾讯云 SecretId（建议只授予短信权限的子账号）' },
  { name: 'SMS_SECRET_KEY', group: 'sms', secret: true, required: false, description: '短信用的腾讯云 SecretKey' },
  { name: 'SMS_SDK_APP_ID', group: 'sms', secret: false, required: false, description: '短信应用 SdkAppId' },
  { name: 'SMS_SIGN_NAME', group: 'sms', secret: false, required: false, description: '已审核的短信签名' },
  { name: 'SMS_REGION', group: 'sms', secret: false, required: false, description: '短信地域（默认 ap-guangzhou）' },
  ...SMS_TEMPLATE_KEYS.map(
    (key): EnvVarDecl => ({ name: SMS_TEMPLATES[key].env, group: 'sms', secret: false, required: false, description: `短信模板 id：${SMS_TEMPLATES[key].text}` }),
  ),
  ...DEPARTMENTS.map(
    (dept): EnvVarDecl => ({
      name: `WECOM_WEBHOOK_${dept.toUpperCase()}`,
      group: 'wecom',
      secret: true,
      required: false,
      // The functions build the name from the department at run time.
      detect: 'WECOM_WEBHOOK_',
      description: `部门 ${dept} 的企业微信群机器人 webhook（URL 含密钥）`,
    }),
  ),
  { name: 'HUNYUAN_SECRET_ID', group: 'hunyuan', secret: true, required: false, description: '混元用的腾讯云 SecretId' },
  { name: 'HUNYUAN_SECRET_KEY', group: 'hunyuan', secret: true, required: false, description: '混元用的腾讯云 SecretKey' },
  { name: 'HUNYUAN_MODEL', group: 'hunyuan', secret: false, required: false, description: '模型名（默认 hunyuan-lite）' },
  { name: 'WX_QR_ENV_VERSION', group: 'wxacode', secret: false, required: false, description: '小程序码打开的版本：release | trial | develop' },
];

/** Variables a function reads that the platform sets or that only the local cloud uses; never deployed, never warned about. */
export const PLATFORM_ENV = new Set([
  'NODE_ENV',
  'TZ',
  'TCB_ENV',
  'SCF_NAMESPACE',
  'TCB_SOURCE',
  'TCB_CONTEXT_KEYS',
  'TCB_CONTEXT_CNFG',
  'WX_CONTEXT_KEYS',
  'TENCENTCLOUD_RUNENV',
  'TENCENTCLOUD_REGION',
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'TENCENTCLOUD_SESSIONTOKEN',
  'TCB_UUID',
  'TCB_CUSTOM_USER_ID',
  'TCB_ISANONYMOUS_USER',
  'SMS_ENDPOINT',
  'SMS_PROTOCOL',
  'SMS_TIMEOUT_S',
  'HUNYUAN_ENDPOINT',
  'HUNYUAN_PROTOCOL',
  'HUNYUAN_REGION',
  'HUNYUAN_TIMEOUT_S',
]);

export const ENV_VAR_NAMES = new Set(ENV_VARS.map((v) => v.name));

/** The declared variables a bundle reads, and the `process.env.X` it reads that nobody declared (a deploy would miss them). */
export function envUsage(bundle: string): { uses: string[]; undeclared: string[] } {
  const uses = ENV_VARS.filter((v) => bundle.includes(v.detect ?? v.name)).map((v) => v.name);
  const undeclared = new Set<string>();
  for (const m of bundle.matchAll(/process\.env\.([A-Z][A-Z0-9_]{2,})/g)) {
    if (!ENV_VAR_NAMES.has(m[1]) && !PLATFORM_ENV.has(m[1])) undeclared.add(m[1]);
  }
  return { uses, undeclared: [...undeclared].sort() };
}
