import * as z from 'zod/mini';
import { ADMINS, ANY_PERSON, DEPARTMENTS, LEADS, STAFF_ROLES, type DepartmentCode, type StaffRole } from '../../auth/roles';
import {
  approvalValueSchema,
  compensationValueSchema,
  EDITABLE_CONFIG_IDS,
  escalationValueSchema,
  lifecycleValueSchema,
  sampleLabValueSchema,
  surgeValueSchema,
  slaValueSchema,
  taxonomyValueSchema,
  urgencyValueSchema,
  type ConfigValues,
  type EditableConfigId,
} from '../../staff/config-docs';
import type { InvitationStatus } from '../../staff/model';
import type { HealthCheck, HealthStatus } from '../../ops/health';
import { IMPORT_KINDS } from '../../logistics/rows';
import type { ImportResult } from '../../logistics/report';
import { action } from '../action';
import { cursorSchema, idSchema, pingInput, sceneSchema, type Page, type PingOutput } from '../common';

export interface QrCodeItem {
  scene: string;
  kind: 'package' | 'store';
  /** What a person reads on the label: `川味腊肠 500g · 批次 20261101` or the store name. */
  label: string;
  /** Mini-program page the code opens (no leading slash, as WeChat wants it). */
  page: string;
  productId?: string;
  batchId?: string;
  storeId?: string;
  /** fileID of the generated image, when generated. */
  fileId?: string;
}

export interface GeneratedQrCode {
  scene: string;
  page: string;
  fileId: string;
  /** Temporary download URL of the PNG. */
  url: string;
  bytes: number;
}

/** The page a QR code opens: the complaint tab, which reads `scene`. */
export const QR_PAGE = 'pages/complaint/index';

export interface DepartmentItem {
  code: DepartmentCode;
  name: string;
  description: string;
  /** Who gets the department's SLA warnings and breaches (a head of this department). */
  headOpenid: string;
  headName?: string;
  /** The name of the function environment variable that holds the WeCom robot's webhook URL (the URL is a secret). */
  wecomWebhookKey: string;
  version: number;
  /** The heads this department may choose from. */
  heads: Array<{ openid: string; name: string }>;
}

export interface StaffItem {
  openid: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  skills: string[];
  onDuty: boolean;
  active: boolean;
  title?: string;
  boundAt?: string;
  version: number;
}

export interface InvitationItem {
  invitationId: string;
  /** `••••••XY`: the code itself is shown only once, when created. */
  codeHint: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  skills: string[];
  state: InvitationStatus | 'expired';
  createdAt: string;
  expiresAt: string;
  usedByName?: string;
  usedAt?: string;
}

export interface CreatedInvitation extends InvitationItem {
  /** The code to hand over (`ABCD-2345`), shown this once. */
  code: string;
  /** The page the invited person opens (with the code filled in). */
  path: string;
}

export interface AuditItem {
  at: string;
  actorName: string;
  action: string;
  target: string;
  summary: string;
}

export interface ConfigView<V = unknown> {
  id: EditableConfigId;
  /** 0 while the defaults are in force (nothing stored yet). */
  version: number;
  value: V;
  defaults: V;
  updatedAt?: string;
  updatedByName?: string;
  /** The latest saves, newest first. */
  history: AuditItem[];
}

export interface FaqItem {
  faqId: string;
  question: string;
  answer: string;
  keywords: string[];
  category: FaqCategory;
  order: number;
  active: boolean;
  version: number;
}

/** One product's entry in the spice-level library (麻辣度参考库): shown on the complaint form and the ticket. */
export interface SpiceItem {
  productId: string;
  name: string;
  spec: string;
  line: 'cured' | 'hotpot' | 'frozen' | 'fresh';
  spiceLevel: number;
  spiceNote: string;
  /** 0 until the entry is first edited here (the seeded value). */
  version: number;
  updatedAt?: string;
  updatedByName?: string;
}

export const FAQ_CATEGORIES = ['refund', 'service', 'quality', 'delivery', 'product', 'store', 'invoice'] as const;
export type FaqCategory = (typeof FAQ_CATEGORIES)[number];

/** FAQ deflection over a period (definition: shared/knowledge/deflection.ts). */
export interface FaqStats {
  from: string;
  to: string;
  /** A read counts as submitted when the customer filed a complaint within this many hours. */
  windowHours: number;
  totals: FaqOutcomeCounts;
  items: Array<FaqOutcomeCounts & { faqId: string; question: string }>;
  /** More reads than one answer examines: narrow the period. */
  truncated: boolean;
}

export interface FaqOutcomeCounts {
  reads: number;
  deflected: number;
  submitted: number;
  /** The window has not passed yet and no complaint so far. */
  pending: number;
  rate?: number;
}

/** The page an invited person opens to bind their WeChat account (staff subpackage). */
export const BIND_PAGE = 'packages/staff/bind/index';

const staffRoleSchema = z.enum(STAFF_ROLES, { error: '请选择角色' });
const departmentSchema = z.enum(DEPARTMENTS, { error: '请选择部门' });
const nameSchema = z.string('请填写姓名').check(z.trim(), z.minLength(1, '请填写姓名'), z.maxLength(20, '姓名最多 20 个字'));
const skillsSchema = z.array(z.string().check(z.regex(/^[a-z_.]{1,40}$/, '技能编码无效'))).check(z.maxLength(30, '技能最多 30 项'));
const versionSchema = z.int('版本号无效').check(z.minimum(0, '版本号无效'));

/** Agents and heads belong to a department; managers and admins to the whole company. */
const needsDepartment = (v: { role?: StaffRole; department?: DepartmentCode }) => !(v.role === 'agent' || v.role === 'head') || !!v.department;

const configInput = z.discriminatedUnion('id', [
  z.strictObject({ id: z.literal('sla'), version: versionSchema, value: slaValueSchema }),
  z.strictObject({ id: z.literal('compensation'), version: versionSchema, value: compensationValueSchema }),
  z.strictObject({ id: z.literal('approval'), version: versionSchema, value: approvalValueSchema }),
  z.strictObject({ id: z.literal('taxonomy'), version: versionSchema, value: taxonomyValueSchema }),
  z.strictObject({ id: z.literal('urgency'), version: versionSchema, value: urgencyValueSchema }),
  z.strictObject({ id: z.literal('escalation'), version: versionSchema, value: escalationValueSchema }),
  z.strictObject({ id: z.literal('lifecycle'), version: versionSchema, value: lifecycleValueSchema }),
  z.strictObject({ id: z.literal('surge'), version: versionSchema, value: surgeValueSchema }),
  z.strictObject({ id: z.literal('sampleLab'), version: versionSchema, value: sampleLabValueSchema }),
]);

export type SaveConfigInput = { [K in EditableConfigId]: { id: K; version: number; value: ConfigValues[K] } }[EditableConfigId];

export const admin = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: ADMINS, errors: [] }),
  listQrCodes: action<{ items: QrCodeItem[] }>()({
    summary: '所有包装批次与门店的二维码',
    input: z.strictObject({ kind: z.optional(z.enum(['package', 'store'], { error: '类型只能是 package 或 store' })) }),
    roles: [...LEADS],
    errors: [],
  }),
  generateQrCode: action<GeneratedQrCode>()({
    summary: '为一个批次或门店生成小程序码（PNG 存入云存储）',
    input: z.strictObject({ scene: sceneSchema }),
    roles: ADMINS,
    errors: ['NOT_FOUND'],
  }),
  createInvitation: action<CreatedInvitation>()({
    summary: '创建员工邀请码（角色、部门、技能；7 天有效，只显示一次）',
    input: z
      .strictObject({
        name: nameSchema,
        role: staffRoleSchema,
        department: z.optional(departmentSchema),
        skills: z.optional(skillsSchema),
        expiresInDays: z.optional(z.int('有效天数须为整数').check(z.minimum(1, '至少 1 天'), z.maximum(30, '最多 30 天'))),
      })
      .check(z.refine(needsDepartment, { message: '专员和主管须选择部门', path: ['department'] })),
    roles: ADMINS,
    errors: [],
    idempotent: true,
  }),
  listInvitations: action<{ items: InvitationItem[] }>()({
    summary: '邀请码列表（最新在前）',
    input: z.strictObject({}),
    roles: ADMINS,
    errors: [],
  }),
  revokeInvitation: action<InvitationItem>()({
    summary: '作废一个尚未使用的邀请码',
    input: z.strictObject({ invitationId: idSchema }),
    roles: ADMINS,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  bindStaff: action<StaffItem>()({
    summary: '用邀请码把当前微信账号绑定为员工（被邀请人调用，此时尚不是员工）',
    input: z.strictObject({ code: z.string('请填写邀请码').check(z.trim(), z.minLength(1, '请填写邀请码'), z.maxLength(20, '邀请码格式不正确')) }),
    roles: ANY_PERSON,
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true,
  }),
  listStaff: action<{ items: StaffItem[] }>()({
    summary: '全部员工（含已停用）',
    input: z.strictObject({}),
    roles: ADMINS,
    errors: [],
  }),
  updateStaff: action<StaffItem>()({
    summary: '修改员工：角色、部门、技能、在岗、启用或停用（记入审计）',
    input: z.strictObject({
      openid: idSchema,
      version: versionSchema,
      name: z.optional(nameSchema),
      role: z.optional(staffRoleSchema),
      department: z.optional(z.nullable(departmentSchema)),
      skills: z.optional(skillsSchema),
      onDuty: z.optional(z.boolean()),
      active: z.optional(z.boolean()),
      title: z.optional(z.string().check(z.trim(), z.maxLength(30, '职务最多 30 个字'))),
    }),
    roles: ADMINS,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  getConfig: action<ConfigView>()({
    summary: '读取一份配置（当前值、默认值、版本与最近修改）',
    input: z.strictObject({ id: z.enum(EDITABLE_CONFIG_IDS, { error: '未知的配置' }) }),
    roles: ADMINS,
    errors: [],
  }),
  saveConfig: action<ConfigView>()({
    summary: '保存一份配置（校验每个字段；版本号过期则拒绝；记入审计）',
    input: configInput,
    roles: ADMINS,
    errors: ['CONFLICT'],
  }),
  listDepartments: action<{ items: DepartmentItem[] }>()({
    summary: '部门：负责主管（接收超时提醒）、企业微信群机器人、说明',
    input: z.strictObject({}),
    roles: ADMINS,
    errors: [],
  }),
  saveDepartment: action<DepartmentItem>()({
    summary: '修改部门的主管、群机器人变量名与说明（版本号过期则拒绝；记入审计）',
    input: z.strictObject({
      code: departmentSchema,
      version: versionSchema,
      headOpenid: idSchema,
      wecomWebhookKey: z.string('请填写变量名').check(z.trim(), z.regex(/^[A-Z][A-Z0-9_]{2,63}$/, '变量名只能用大写字母、数字和下划线（以字母开头）')),
      description: z.string('请填写说明').check(z.trim(), z.minLength(1, '请填写说明'), z.maxLength(100, '说明最多 100 个字')),
    }),
    roles: ADMINS,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  listFaqs: action<{ items: FaqItem[] }>()({
    summary: '常见问题（含已停用）',
    input: z.strictObject({}),
    roles: ADMINS,
    errors: [],
  }),
  saveFaq: action<FaqItem>()({
    summary: '新增或修改一条常见问题（记入审计）',
    input: z.strictObject({
      faqId: z.optional(idSchema),
      version: z.optional(versionSchema),
      question: z.string('请填写问题').check(z.trim(), z.minLength(4, '问题至少 4 个字'), z.maxLength(60, '问题最多 60 个字')),
      answer: z.string('请填写答案').check(z.trim(), z.minLength(10, '答案至少 10 个字'), z.maxLength(600, '答案最多 600 个字')),
      keywords: z.array(z.string().check(z.trim(), z.minLength(1, '关键词不能为空'), z.maxLength(10, '每个关键词最多 10 个字'))).check(z.minLength(1, '至少一个关键词'), z.maxLength(20, '最多 20 个关键词')),
      category: z.enum(FAQ_CATEGORIES, { error: '请选择分类' }),
      order: z.optional(z.int('排序须为整数').check(z.minimum(0, '排序不能为负'), z.maximum(999, '排序最大 999'))),
      active: z.boolean('请选择是否启用'),
    }),
    roles: ADMINS,
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true,
  }),
  faqStats: action<FaqStats>()({
    summary: '常见问题分流效果：阅读次数、读后 24 小时内未投诉（分流）与仍投诉的人数及分流率（按日期范围）',
    input: z.strictObject({
      from: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'))),
      to: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'))),
    }),
    roles: ['manager', 'admin'],
    errors: [],
  }),
  listAudit: action<Page<AuditItem>>()({
    summary: '管理操作审计日志（最新在前）',
    input: z.strictObject({ target: z.optional(z.string().check(z.maxLength(80, '对象太长'))), cursor: cursorSchema }),
    roles: ADMINS,
    errors: [],
  }),
  health: action<HealthReport>()({
    summary: '系统健康：密钥、配置、通知模板与凭据、集合、定时任务、发送失败的通知',
    input: z.strictObject({}),
    roles: ADMINS,
    errors: [],
  }),
  reencrypt: action<ReencryptResult>()({
    summary: '用当前密钥重新加密旧数据（每次一页，可中断后继续；记入审计）',
    input: z.strictObject({ cursor: z.optional(idSchema) }),
    roles: ADMINS,
    errors: [],
  }),
  importLogistics: action<ImportResult>()({
    summary: '导入订单、运单或温度读数（CSV 或 JSON；整批校验，任何一行有错则整批不导入；按订单号与读数编号去重，可重复导入）',
    input: z
      .strictObject({
        format: z.enum(['csv', 'json'], { error: '格式只能是 csv 或 json' }),
        kind: z.enum(IMPORT_KINDS, { error: '请选择导入的数据：orders、shipments 或 readings' }),
        // Calls over ~100 KB must pass a file (WECHAT.md): small pastes inline, files through storage.
        content: z.optional(z.string().check(z.minLength(1, '内容不能为空'), z.maxLength(90_000, '内容超过 90 KB，请上传文件'))),
        fileId: z.optional(z.string().check(z.regex(/^cloud:\/\/[A-Za-z0-9._\-/]{1,300}$/, '文件编号无效'))),
      })
      .check(z.refine((v) => (v.content === undefined) !== (v.fileId === undefined), { message: '请粘贴内容或上传文件（二选一）', path: ['content'] })),
    roles: ADMINS,
    errors: ['NOT_FOUND'],
    idempotent: true,
  }),
  listSpiceLevels: action<{ items: SpiceItem[] }>()({
    summary: '麻辣度参考库：全部商品的麻辣度（1–5）和通俗说明',
    input: z.strictObject({}),
    roles: ADMINS,
    errors: [],
  }),
  saveSpiceLevel: action<SpiceItem>()({
    summary: '修改一个商品的麻辣度和说明（版本号过期则拒绝；记入审计）',
    input: z.strictObject({
      productId: idSchema,
      version: versionSchema,
      spiceLevel: z.int('麻辣度须为 1–5 的整数').check(z.minimum(1, '麻辣度须为 1–5'), z.maximum(5, '麻辣度须为 1–5')),
      spiceNote: z.string('请填写通俗说明').check(z.trim(), z.minLength(4, '说明至少 4 个字，让顾客一看就懂'), z.maxLength(60, '说明最多 60 个字')),
    }),
    roles: ADMINS,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
} as const;

// Operations: health and key rotation.
export interface HealthReport {
  checkedAt: string;
  overall: HealthStatus;
  checks: HealthCheck[];
}

export interface ReencryptResult {
  currentKeyId: string;
  previousKeyId?: string;
  /** Documents looked at and values rewritten by this call. */
  scanned: number;
  rewritten: number;
  /** Totals since this key's re-encryption began (kept in `jobs`, so a stopped run resumes). */
  totalScanned: number;
  totalRewritten: number;
  /** Pass it back to continue; absent when done. */
  nextCursor?: string;
  done: boolean;
}
