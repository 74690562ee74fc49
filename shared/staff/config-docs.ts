import * as z from 'zod/mini';
import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from '../compensation/approval';
import { DEFAULT_COMPENSATION_RULES, type CompensationRules } from '../compensation/rules';
import { DEPARTMENTS } from '../auth/roles';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from '../complaint/lifecycle';
import { CATEGORIES, LEVELS } from '../complaint/model';
import { DEFAULT_TAXONOMY } from '../complaint/taxonomy';
import { DEFAULT_URGENCY_RULES, type UrgencyRules } from '../complaint/urgency';
import { DEFAULT_SAMPLE_LAB, type SampleLabConfig } from '../complaint/sample';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from '../sla/alerts';
import { DEFAULT_SURGE_RULES, type SurgeRules } from '../surge/detector';
import { DEFAULT_SLA_POLICY, validateSlaPolicy, WEEKDAYS, type SlaPolicy } from '../sla/policy';
import { EDITABLE_CONFIG_IDS, type EditableConfigId } from './config-ids';

/**
 * The configuration documents the admin screens edit (collection `config`, `_id` = id). Each is stored whole
 * (`value`), with a `version` that every save must name (a stale one is refused) and an audit entry per save.
 * Every id `cloudfunctions/_server/config.ts` reads is editable here.
 */
export { EDITABLE_CONFIG_IDS, type EditableConfigId };

export const CONFIG_LABELS: Record<EditableConfigId, string> = {
  sla: '时效（SLA）与节假日',
  compensation: '补偿规则',
  approval: '补偿审批权限',
  taxonomy: '分类、部门与回复模板',
  urgency: '紧急程度规则',
  escalation: '超时升级',
  lifecycle: '自动流转与流失预警',
  surge: '批次异常检测',
  sampleLab: '寄样复检实验室',
};

export interface ConfigValues {
  sla: SlaPolicy;
  compensation: CompensationRules;
  approval: ApprovalLimits;
  taxonomy: TaxonomyValue;
  urgency: UrgencyRules;
  escalation: EscalationRules;
  lifecycle: LifecycleRules;
  surge: SurgeRules;
  sampleLab: SampleLabConfig;
}

/**
 * The editable part of the taxonomy, stored as the overrides `applyTaxonomyOverrides` applies: per category its
 * label and department, per subcategory its label and reply template. Codes are fixed (the classifier and stored
 * complaints use them), so the form lists every one and cannot add or remove any.
 */
export interface TaxonomyValue {
  categories: Record<string, { label: string; department: (typeof DEPARTMENTS)[number]; subcategories: Record<string, { label: string; replyTemplate: string }> }>;
}

export const DEFAULT_TAXONOMY_VALUE: TaxonomyValue = {
  categories: Object.fromEntries(
    DEFAULT_TAXONOMY.categories.map((c) => [
      c.code,
      { label: c.label, department: c.department, subcategories: Object.fromEntries(c.subcategories.map((s) => [s.code, { label: s.label, replyTemplate: s.replyTemplate }])) },
    ]),
  ),
};

export const CONFIG_DEFAULTS: ConfigValues = {
  sla: DEFAULT_SLA_POLICY,
  compensation: DEFAULT_COMPENSATION_RULES,
  approval: DEFAULT_APPROVAL_LIMITS,
  taxonomy: DEFAULT_TAXONOMY_VALUE,
  urgency: DEFAULT_URGENCY_RULES,
  escalation: DEFAULT_ESCALATION_RULES,
  lifecycle: DEFAULT_LIFECYCLE_RULES,
  surge: DEFAULT_SURGE_RULES,
  sampleLab: DEFAULT_SAMPLE_LAB,
};

const minutes = (what: string) => z.int(`${what}须为整数分钟`).check(z.minimum(1, `${what}至少 1 分钟`), z.maximum(60 * 24 * 60, `${what}不能超过 60 天`));
const fen = (what: string) => z.int(`${what}须为整数（分）`).check(z.minimum(0, `${what}不能为负数`), z.maximum(10_000_000, `${what}不能超过 ¥100000`));
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm'));
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));
const label = z.string().check(z.trim(), z.minLength(1, '请填写名称'), z.maxLength(20, '名称最多 20 个字'));
const range = z.strictObject({ from: hhmm, to: hhmm });
const ranges = z.array(range).check(z.maxLength(4, '每天最多 4 段'));

const levelTargets = z.strictObject({ firstResponseMinutes: minutes('首次响应时限'), resolveMinutes: minutes('解决时限') });
const calendarKind = z.enum(['24x7', 'business'], { error: '计时方式只能是全天或营业时间' });

export const slaValueSchema = z.strictObject({
  targets: z.strictObject({ L1: levelTargets, L2: levelTargets, L3: levelTargets }),
  foodSafetyFirstResponseMinutes: minutes('食品安全首次响应时限'),
  calendars: z.strictObject({ L1: calendarKind, L2: calendarKind, L3: calendarKind }),
  businessHours: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, ranges])) as Record<(typeof WEEKDAYS)[number], typeof ranges>),
  holidays: z.array(
    z.strictObject({ name: label, from: date, to: date, workdays: z.array(date).check(z.maxLength(10, '调休上班日最多 10 天')), provisional: z.optional(z.boolean()) }),
  ).check(z.maxLength(60, '最多 60 个节假日')),
  holidayHours: ranges,
  makeupWorkdayHours: ranges,
  holidayModes: z.array(
    z.strictObject({
      name: label,
      from: date,
      to: date,
      factor: z.number('请填写系数').check(z.gt(0, '系数须大于 0'), z.lte(1, '系数不能大于 1')),
      dutyTeam: z.array(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/, '员工编号格式不正确'))).check(z.maxLength(20, '值班组最多 20 人')),
    }),
  ).check(z.maxLength(20, '最多 20 个节假日模式')),
  warnFraction: z.number('请填写预警比例').check(z.gt(0, '预警比例须大于 0'), z.lt(1, '预警比例须小于 1')),
});

const remedy = z.union(
  [
    z.strictObject({ kind: z.literal('coupon'), amountFen: fen('优惠券金额').check(z.minimum(1, '优惠券金额至少 ¥0.01')) }),
    z.strictObject({ kind: z.literal('refund'), percent: z.int('退款比例须为整数').check(z.minimum(1, '退款比例至少 1%'), z.maximum(100, '退款比例最多 100%')) }),
    z.strictObject({ kind: z.literal('replacement') }),
  ],
  { error: '补偿方式无效' },
);
const combine = z.enum(['all', 'one_of'], { error: '请选择「全部给」或「任选其一」' });
const subcategories = z.array(z.string().check(z.regex(/^[a-z_]{1,40}$/, '细类编码无效'))).check(z.maxLength(30, '细类太多'));

export const compensationValueSchema = z.strictObject({
  version: z.string().check(z.maxLength(40, '版本号太长')),
  pointsPerYuan: z.int('积分兑换比例须为整数').check(z.minimum(1, '每 ¥1 至少 1 积分'), z.maximum(10_000, '每 ¥1 最多 10000 积分')),
  lateDelivery: z.strictObject({
    enabled: z.boolean(),
    subcategories,
    minDelayMinutes: minutes('起算延迟'),
    perStartedHourFen: fen('每小时补偿'),
    capFen: fen('补偿上限'),
    automatic: z.boolean(),
  }),
  coldChain: z.strictObject({
    enabled: z.boolean(),
    subcategories,
    tiers: z
      .array(z.strictObject({ upToMinutes: z.nullable(minutes('超温分钟上限')), remedies: z.array(remedy).check(z.minLength(1, '每档至少一种补偿'), z.maxLength(3, '每档最多三种补偿')), combine }))
      .check(z.minLength(1, '至少一档'), z.maxLength(6, '最多 6 档')),
  }),
  foodSafety: z.strictObject({ enabled: z.boolean(), remedies: z.array(remedy).check(z.minLength(1, '至少一种补偿'), z.maxLength(3, '最多三种补偿')), combine, requiresQcReview: z.boolean() }),
});

export const approvalValueSchema = z.strictObject({ agentMaxFen: fen('专员权限'), headMaxFen: fen('主管权限') });

const subLabel = z.string('请填写名称').check(z.trim(), z.minLength(1, '请填写名称'), z.maxLength(20, '名称最多 20 个字'));
/** A reply template: the first message to the customer; `{product}` is the only placeholder. */
const replyTemplate = z
  .string('请填写回复模板')
  .check(
    z.trim(),
    z.minLength(10, '回复模板至少 10 个字'),
    z.maxLength(300, '回复模板最多 300 个字'),
    z.refine((t) => !/\{(?!product\})[^}]*\}/.test(t), '只能使用 {product} 占位符'),
  );

export const taxonomyValueSchema = z.strictObject({
  categories: z.strictObject(
    Object.fromEntries(
      DEFAULT_TAXONOMY.categories.map((c) => [
        c.code,
        z.strictObject({
          label: subLabel,
          department: z.enum(DEPARTMENTS, { error: '请选择负责部门' }),
          subcategories: z.strictObject(Object.fromEntries(c.subcategories.map((s) => [s.code, z.strictObject({ label: subLabel, replyTemplate })]))),
        }),
      ]),
    ),
  ),
});

const count = (what: string, min: number, max: number) => z.int(`${what}须为整数`).check(z.minimum(min, `${what}至少 ${min}`), z.maximum(max, `${what}最多 ${max}`));

export const urgencyValueSchema = z.strictObject({
  lateHoursForL2: count('配送延误小时数', 1, 240),
  vipAnnualFen: fen('VIP 年消费门槛').check(z.minimum(100, 'VIP 年消费门槛至少 ¥1')),
  repeatCount: count('重复投诉次数', 2, 20),
  repeatWindowDays: count('重复投诉统计天数', 1, 365),
  batchCustomers: count('同批次顾客数', 2, 100),
  batchWindowHours: count('同批次统计小时数', 1, 24 * 30),
  maxRaise: count('最多上调级数', 0, 2),
  l2Categories: z.array(z.enum(CATEGORIES, { error: '未知的类别' })).check(z.maxLength(CATEGORIES.length, '类别重复')),
});

export const escalationValueSchema = z.strictObject({ managerAfterMinutes: minutes('超时后升级经理的时间') });

export const lifecycleValueSchema = z.strictObject({
  autoAcceptDays: count('视为接受的天数', 1, 30),
  autoCloseDays: count('自动关闭的天数', 1, 60),
  unsatisfiedStars: count('不满意星级', 1, 4),
  churnStreak: count('连续不满意次数', 2, 10),
  nudgeIntervalMinutes: minutes('催单间隔'),
});

export const surgeValueSchema = z.strictObject({
  windowHours: count('统计窗口小时数', 1, 24 * 7),
  minCount: count('最少顾客数', 3, 50),
  maxPValue: z.number('请填写显著性').check(z.gt(0, '显著性须大于 0'), z.lte(0.05, '显著性不能大于 0.05')),
  baselineDays: count('基线天数', 7, 365),
  floorPerBatchDay: z.number('请填写最低基线').check(z.gt(0, '最低基线须大于 0'), z.lte(10, '最低基线不能大于 10')),
  defaultMarketDays: count('批次默认在售天数', 7, 730),
});

const text = (what: string, max: number) => z.string(`请填写${what}`).check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}最多 ${max} 个字`));

export const sampleLabValueSchema = z.strictObject({
  department: z.enum(DEPARTMENTS, { error: '请选择负责收样的部门' }),
  name: text('实验室名称', 30),
  address: text('收件地址', 80),
  recipient: text('收件人', 30),
  phone: z.string('请填写联系电话').check(z.trim(), z.regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确')),
  packing: z.array(text('打包说明', 80)).check(z.minLength(1, '至少一条打包说明'), z.maxLength(8, '打包说明最多 8 条')),
  sendWithinDays: count('寄出期限天数', 1, 30),
});

/** Each document's schema, for whoever checks a stored value (the health check) rather than an admin's save. */
export const CONFIG_SCHEMAS = {
  sla: slaValueSchema,
  compensation: compensationValueSchema,
  approval: approvalValueSchema,
  taxonomy: taxonomyValueSchema,
  urgency: urgencyValueSchema,
  escalation: escalationValueSchema,
  lifecycle: lifecycleValueSchema,
  surge: surgeValueSchema,
  sampleLab: sampleLabValueSchema,
} as const satisfies Record<EditableConfigId, unknown>;

export type FieldErrors = Record<string, string>;

/** Rules across fields that a schema cannot say, with the form field each message belongs to (`value.` paths). */
export function crossFieldErrors(id: EditableConfigId, value: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (id === 'approval') {
    const v = value as ApprovalLimits;
    if (v.headMaxFen <= v.agentMaxFen) errors['value.headMaxFen'] = '主管权限须高于专员权限';
  }
  if (id === 'compensation') {
    const v = value as CompensationRules;
    if (v.lateDelivery.capFen < v.lateDelivery.perStartedHourFen) errors['value.lateDelivery.capFen'] = '补偿上限不能低于每小时补偿';
    const tiers = v.coldChain.tiers;
    tiers.forEach((t, i) => {
      if (t.upToMinutes === null && i !== tiers.length - 1) errors[`value.coldChain.tiers.${i}.upToMinutes`] = '只有最后一档可以不设上限';
      const prev = tiers[i - 1]?.upToMinutes;
      if (i > 0 && t.upToMinutes !== null && prev !== null && prev !== undefined && t.upToMinutes <= prev) errors[`value.coldChain.tiers.${i}.upToMinutes`] = '各档上限须逐档递增';
    });
    if (tiers.length && tiers[tiers.length - 1].upToMinutes !== null) errors[`value.coldChain.tiers.${tiers.length - 1}.upToMinutes`] = '最后一档须不设上限（覆盖更长的超温）';
  }
  if (id === 'urgency') {
    const v = value as UrgencyRules;
    if (new Set(v.l2Categories).size !== v.l2Categories.length) errors['value.l2Categories'] = '类别不能重复';
  }
  if (id === 'sla') {
    const v = value as SlaPolicy;
    for (const level of LEVELS) {
      const t = v.targets[level];
      if (t.resolveMinutes < t.firstResponseMinutes) errors[`value.targets.${level}.resolveMinutes`] = '解决时限不能短于首次响应时限';
    }
    v.holidayModes.forEach((m, i) => {
      if (m.from > m.to) errors[`value.holidayModes.${i}.to`] = '结束日期不能早于开始日期';
    });
    v.holidays.forEach((h, i) => {
      if (h.from > h.to) errors[`value.holidays.${i}.to`] = '结束日期不能早于开始日期';
    });
    // The SLA calculator's own checks (hours, calendars) as a last line: anything it refuses is refused here.
    const rest = validateSlaPolicy(v);
    if (rest.length && !Object.keys(errors).length) errors.value = rest.join('；');
  }
  return errors;
}
