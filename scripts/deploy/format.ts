import type { Plan, Step } from './plan';

/** The plan as an operator reads it before saying yes (and as `--dry-run` prints it). */

const PART_TITLES = {
  database: '数据库：集合与索引（已存在的集合和同名索引保持不动）',
  rules: '数据库安全规则：客户端不得直接读写任何集合',
  functions: '云函数：代码、超时、定时触发器、环境变量',
  http: 'HTTP 访问服务（云接入）路由',
} as const;

function indexText(index: { name: string; keys: ReadonlyArray<readonly [string, 1 | -1]>; unique?: boolean }): string {
  const keys = index.keys.map(([field, dir]) => `${field} ${dir === 1 ? '↑' : '↓'}`).join(', ');
  return `${index.name} (${keys})${index.unique ? ' 唯一' : ''}`;
}

function stepLines(step: Step): string[] {
  switch (step.kind) {
    case 'collection':
      return [
        `  • 集合 ${step.collection} — ${step.purpose}`,
        ...(step.indexes.length ? step.indexes.map((i) => `      索引 ${indexText(i)}`) : ['      （只有 _id 索引）']),
      ];
    case 'rule':
      return [`  • ${step.collection}: ${JSON.stringify(step.rule)}`];
    case 'function':
      return [
        `  • ${step.name}: ${step.runtime}, 超时 ${step.timeout}s${step.memorySize ? `, 内存 ${step.memorySize} MB` : ''}, 云端安装依赖`,
        ...step.triggers.map((t) => `      定时触发器 ${t.name}: "${t.config}"（秒 分 时 日 月 星期 年，UTC+8）`),
        ...(step.openapi.length ? [`      云调用权限: ${step.openapi.join(', ')}（见下方手动步骤）`] : []),
        ...(step.env.length ? [`      环境变量: ${step.env.map((e) => `${e.name}=${e.shown}`).join(', ')}`] : ['      环境变量: （无）']),
        ...(step.unsetEnv.length ? [`      未配置: ${step.unsetEnv.join(', ')}`] : []),
        `      构建 ${step.codeSha256.slice(0, 12)}（与云端相同则不重新上传代码）`,
      ];
    case 'http':
      return [`  • ${step.path} → 云函数 ${step.function}（免登录访问，函数自行验签）— ${step.purpose}`];
    case 'manual':
      return [`  ✋ ${step.title}`, `      ${step.detail}`];
  }
}

export function formatPlan(plan: Plan, opts: { dryRun: boolean }): string {
  const out: string[] = [`部署计划 → 环境 ${plan.envId}${opts.dryRun ? '（--dry-run：不连接云端，不需要凭证）' : ''}`, ''];
  let n = 0;
  for (const part of plan.parts) {
    const steps = plan.steps.filter((s) => s.part === part && s.kind !== 'manual');
    if (!steps.length) continue;
    out.push(`${++n}. ${PART_TITLES[part]}`);
    for (const step of steps) out.push(...stepLines(step));
    out.push('');
  }
  const manual = plan.steps.filter((s) => s.kind === 'manual');
  if (manual.length) {
    out.push(`${++n}. 只能在微信开发者工具或控制台完成的步骤`);
    for (const step of manual) out.push(...stepLines(step));
    out.push('');
  }
  const errors = plan.problems.filter((p) => p.severity === 'error');
  const warnings = plan.problems.filter((p) => p.severity === 'warning');
  if (errors.length) {
    out.push('必须先解决（真实部署会拒绝开始）：');
    for (const p of errors) out.push(`  ✗ ${p.message}`);
    out.push('');
  }
  if (warnings.length) {
    out.push('提醒：');
    for (const p of warnings) out.push(`  ⚠ ${p.message}`);
    out.push('');
  }
  return out.join('\n');
}
