/**
 * The admin health check (admin.health): from facts a function can gather about its deployment, a list of
 * checks an operator reads top to bottom — ok / warn (works, but something is off) / missing (a feature is
 * broken until it is fixed) — each with a Chinese explanation of what to do.
 */
export type HealthStatus = 'ok' | 'warn' | 'missing';

export interface HealthCheck {
  id: string;
  label: string;
  status: HealthStatus;
  detail: string;
}

export interface HealthFacts {
  now: Date;
  encryption: { currentKeyId?: string; currentError?: string; previousKeyId?: string; previousError?: string; pseudonymKeySet: boolean };
  /** Configuration documents: present in `config`, and valid when the app can check them. */
  config: Array<{ id: string; label: string; present: boolean; error?: string }>;
  subscribeTemplates: Array<{ key: string; env: string; set: boolean }>;
  sms: { configured: boolean; missingTemplateEnvs: string[] };
  wecom: Array<{ department: string; name: string; set: boolean }>;
  collections: Array<{ name: string; present: boolean }>;
  timers: Array<{ name: string; label: string; everyMinutes: number; lastRunAt?: Date }>;
  deadLetters: number;
}

/** Timers the deployment runs (cloudfunctions/<fn>/config.json) and how often, for "last run" staleness. */
export const HEALTH_TIMERS = [
  { name: 'sla', label: '时限检查（每分钟）', everyMinutes: 1 },
  { name: 'notify', label: '通知发送（每分钟）', everyMinutes: 1 },
] as const;

/** A timer counts as stalled after this many missed runs (the platform may skip one now and then). */
const STALE_RUNS = 5;

const fmtMinutes = (ms: number) => (ms < 60_000 ? '不到 1 分钟' : ms < 3_600_000 ? `${Math.round(ms / 60_000)} 分钟` : `${Math.round(ms / 3_600_000)} 小时`);

export function healthChecks(f: HealthFacts): HealthCheck[] {
  const checks: HealthCheck[] = [];
  const add = (id: string, label: string, status: HealthStatus, detail: string) => checks.push({ id, label, status, detail });

  const e = f.encryption;
  if (!e.currentKeyId) add('encryption', '数据加密密钥', 'missing', `DATA_ENCRYPTION_KEY 未设置或无效（${e.currentError ?? '需要 32 字节的 base64'}）：顾客电话无法加密保存，投诉提交会失败。`);
  else if (e.previousError) add('encryption', '数据加密密钥', 'missing', `DATA_ENCRYPTION_KEY_PREVIOUS 无效（${e.previousError}）：用旧密钥加密的电话无法读取。`);
  else if (e.previousKeyId && !e.pseudonymKeySet) add('encryption', '数据加密密钥', 'warn', `正在轮换密钥（当前 ${e.currentKeyId}，旧 ${e.previousKeyId}），但未设置 DATA_PSEUDONYM_KEY：电话来电顾客的匿名编号会变化。请把 DATA_PSEUDONYM_KEY 设为原来的密钥。`);
  else if (e.previousKeyId) add('encryption', '数据加密密钥', 'warn', `正在轮换密钥（当前 ${e.currentKeyId}，旧 ${e.previousKeyId}）：请在「系统健康」执行重新加密，完成后移除 DATA_ENCRYPTION_KEY_PREVIOUS。`);
  else add('encryption', '数据加密密钥', 'ok', `已设置（密钥编号 ${e.currentKeyId}）。`);

  const invalid = f.config.filter((c) => c.error);
  const defaults = f.config.filter((c) => !c.present);
  if (invalid.length) add('config', '配置文档', 'missing', `以下配置无效，请在管理页面重新保存：${invalid.map((c) => `${c.label}（${c.error}）`).join('；')}。`);
  else if (defaults.length === f.config.length) add('config', '配置文档', 'warn', '尚未保存任何配置，全部使用默认值（时限、补偿、审批额度）。请确认默认值符合公司规定。');
  else add('config', '配置文档', 'ok', defaults.length ? `已保存；${defaults.map((c) => c.label).join('、')}使用默认值。` : '全部已保存且有效。');

  const unset = f.subscribeTemplates.filter((t) => !t.set);
  if (unset.length === f.subscribeTemplates.length) add('subscribe', '订阅消息模板', 'missing', `未配置任何订阅消息模板（${unset.map((t) => t.env).join('、')}）：顾客和员工收不到微信通知。`);
  else if (unset.length) add('subscribe', '订阅消息模板', 'warn', `缺少 ${unset.map((t) => t.env).join('、')}：这些通知不会发出。`);
  else add('subscribe', '订阅消息模板', 'ok', '全部模板已配置。');

  if (!f.sms.configured) add('sms', '短信', 'warn', '未配置短信（SMS_SECRET_ID、SMS_SECRET_KEY、SMS_SDK_APP_ID、SMS_SIGN_NAME）：没有订阅授权的顾客只能等客服电话联系。');
  else if (f.sms.missingTemplateEnvs.length) add('sms', '短信', 'warn', `短信已配置，但缺少模板 ${f.sms.missingTemplateEnvs.join('、')}。`);
  else add('sms', '短信', 'ok', '已配置。');

  const noHook = f.wecom.filter((w) => !w.set);
  if (f.wecom.length && noHook.length === f.wecom.length) add('wecom', '企业微信群提醒', 'warn', '没有部门配置企业微信群机器人：超时和升级提醒只能通过订阅消息发给员工。');
  else if (noHook.length) add('wecom', '企业微信群提醒', 'warn', `${noHook.map((w) => w.name).join('、')}未配置企业微信群机器人。`);
  else add('wecom', '企业微信群提醒', 'ok', '每个部门都已配置。');

  const absent = f.collections.filter((c) => !c.present);
  if (absent.length) add('collections', '数据集合', 'missing', `缺少集合：${absent.map((c) => c.name).join('、')}。请重新运行部署（会创建集合与索引）。`);
  else add('collections', '数据集合', 'ok', `${f.collections.length} 个集合都已存在。`);
  // A cloud function has no API to list indexes; the deploy step creates and verifies them (shared/db/collections.ts).
  add('indexes', '索引', absent.length ? 'missing' : 'ok', absent.length ? '集合缺失，索引也随之缺失：请重新运行部署。' : '云函数无法列出索引；索引由部署步骤按 collections.ts 创建并核对（部署报告中可见）。');

  for (const t of f.timers) {
    if (!t.lastRunAt) {
      add(`timer:${t.name}`, t.label, 'missing', '从未运行：请确认云函数的定时触发器已上传并启用。');
      continue;
    }
    const age = f.now.getTime() - t.lastRunAt.getTime();
    const stale = age > t.everyMinutes * STALE_RUNS * 60_000;
    add(`timer:${t.name}`, t.label, stale ? 'warn' : 'ok', stale ? `上次运行在 ${fmtMinutes(age)} 前，已停滞：请检查定时触发器和函数日志。` : `上次运行在 ${fmtMinutes(age)} 前。`);
  }

  if (f.deadLetters > 0) add('outbox', '通知发送失败', 'warn', `有 ${f.deadLetters} 条通知多次重试后放弃：请在「通知记录」查看原因并处理。`);
  else add('outbox', '通知发送失败', 'ok', '没有放弃发送的通知。');
  return checks;
}

export function overallStatus(checks: HealthCheck[]): HealthStatus {
  return checks.some((c) => c.status === 'missing') ? 'missing' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';
}
