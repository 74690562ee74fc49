import * as z from 'zod/mini';
import { DEPARTMENTS, STAFF, LEADS, type DepartmentCode, type StaffRole } from '../../auth/roles';
import type { ApprovalLimits, RequiredApprover } from '../../compensation/approval';
import type { CompensationOffer } from '../../compensation/types';
import { compensationInputSchema } from '../../compensation/schema';
import type { ClassificationRecord } from '../../complaint/document';
import { CATEGORIES, LEVELS, STATUSES, type Category, type Channel, type ComplaintStatus, type Level } from '../../complaint/model';
import type { ColdChainEvidence } from '../../coldchain/evidence';
import { action } from '../action';
import type { SampleAbilities, SampleView } from '../../complaint/sample';
import { fileIdSchema } from './complaint';
import { cursorSchema, idSchema, limitSchema, pingInput, type Page, type PingOutput } from '../common';
import { complaintFields, type CompensationView, type SubmitOutput, type TimelineEntry } from './complaint';
import type { IncidentDetail, IncidentSummary } from '../../surge/view';

export const INBOX_VIEWS = ['mine', 'department', 'unassigned', 'escalated', 'triage', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** SLA state of a row, for its colour: ok, warning (≤ 20 % left), breached, paused (waiting for the customer), done. */
export type SlaState = 'ok' | 'warning' | 'breached' | 'paused' | 'done';

export interface InboxItem {
  complaintId: string;
  ticketNo: string;
  status: ComplaintStatus;
  level: Level;
  category: Category;
  subcategory: string;
  subcategoryLabel: string;
  department: DepartmentCode;
  assigneeOpenid?: string;
  assigneeName?: string;
  slaRemainingMinutes?: number;
  slaState: SlaState;
  /** What a paused clock waits for: the customer's answer, or a re-inspection sample on its way to the lab. */
  slaPausedFor?: 'customer' | 'sample';
  customerTier: 'regular' | 'vip';
  channel: Channel;
  foodSafety: boolean;
  needsTriage: boolean;
  /** The first words of the complaint, for scanning the list. */
  summary: string;
  createdAt: string;
}

export interface AllowedMove {
  to: ComplaintStatus;
  label: string;
  requires: Array<'note' | 'rootCause'>;
}

export interface StaffEventView {
  at: string;
  action: string;
  actorName: string;
  actorRole: string;
  from?: ComplaintStatus;
  to?: ComplaintStatus;
  note?: string;
  visibility: 'customer' | 'internal';
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface TicketView {
  complaintId: string;
  ticketNo: string;
  version: number;
  status: ComplaintStatus;
  statusLabel: string;
  level: Level;
  levelReason: string;
  classification: ClassificationRecord & { categoryLabel: string; subcategoryLabel: string };
  foodSafety: boolean;
  angry: boolean;
  channel: Channel;
  description: string;
  mediaFileIds: string[];
  expectation?: string;
  /** Always masked (`138****8000`); the assignee can reveal it through `revealPhone`, which is logged. */
  contactPhoneMasked: string;
  customerOpenid: string;
  customerTier: 'regular' | 'vip';
  department: DepartmentCode;
  departmentLabel: string;
  assistDepartments: DepartmentCode[];
  assigneeOpenid?: string;
  assigneeName?: string;
  routingReason: string;
  orderNo?: string;
  productId?: string;
  productName?: string;
  batchId?: string;
  batchNo?: string;
  /** The batch-surge incident this ticket is linked to (the ticket screen's banner; its reason is `levelReason`). */
  incidentId?: string;
  storeName?: string;
  region?: string;
  delivery?: { promisedBy: string; deliveredAt?: string; lateMinutes?: number };
  related: { customerRecent: number; sameOrder: string[]; batchCustomers: number };
  rootCause?: string;
  createdAt: string;
  updatedAt: string;
  sla: {
    firstResponseDueAt: string;
    resolveDueAt?: string;
    firstRespondedAt?: string;
    slaRemainingMinutes?: number;
    slaState: SlaState;
    paused: boolean;
  };
  solution?: {
    text: string;
    state: string;
    proposedAt: string;
    proposedByName?: string;
    customerComment?: string;
    compensation?: CompensationView & { approvalNeeded: 'none' | 'head' | 'manager'; rule?: string };
  };
  rating?: { stars: number; nps?: number; comment?: string; at: string };
  /** Everything that happened, internal notes included, oldest first. */
  events: StaffEventView[];
  /** Moves this caller may make now (the buttons to show). */
  allowedMoves: AllowedMove[];
  canClaim: boolean;
  canAssign: boolean;
  canApprove: boolean;
  canRevealPhone: boolean;
  /** Reply template for the subcategory, with the product filled in. */
  replyTemplate: string;
  /** 麻辣度 of the product complained about (the spice-level library), for taste disputes. */
  spice?: { productId: string; productName: string; level: number; note: string };
  /** The sample re-inspection (寄样复检) and what this caller may do about it. */
  sample?: SampleView;
  sampleAbilities?: SampleAbilities;
  /** In the case archive (案例库). */
  archive?: CaseArchiveMark;
  /** A lead of this ticket may mark it exemplary (resolved or closed). */
  canArchive?: boolean;
}

/** One staff member as the assignment picker shows them: who, whether on duty, and how much they hold. */
export interface StaffOption {
  openid: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  skills: string[];
  onDuty: boolean;
  openLoad: number;
}

/** The caller's own staff record (工作台 name card and the on-duty switch). */
export interface StaffProfile {
  openid: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  skills: string[];
  onDuty: boolean;
  title?: string;
}

/** One compensation the rules suggest for a ticket, with who must approve it. */
export interface CompensationSuggestionView {
  offer: CompensationOffer;
  summary: string;
  /** The rule in one sentence (DOMAIN.md "Compensation"). */
  rule: string;
  automatic: boolean;
  requiresQcReview: boolean;
  alternativeGroup?: string;
  /** For the caller: `none` when they may grant it alone. */
  approvalNeeded: RequiredApprover;
  /** `超过 ¥50 需部门主管审批`. */
  approvalText: string;
}

export interface CompensationAdvice {
  suggestions: CompensationSuggestionView[];
  /** The limits in force, so the picker explains any amount typed by hand without another call. */
  limits: ApprovalLimits;
  pointsPerYuan: number;
  /** Food safety: every compensation on this ticket goes through QC review. */
  qcReview: boolean;
  order?: { orderNo: string; totalFen: number; paidAt: string; promisedBy: string; deliveredAt?: string; items: Array<{ productId: string; productName: string; qty: number; priceFen: number }> };
  /** The shipment's temperatures (at most ~100 points) and what they add up to. */
  coldChain?: { thresholdCelsius: number; minutesAbove: number; maxCelsius?: number; missingData: boolean; readings: Array<{ at: string; celsius: number }> };
  /** Another complaint on this order and issue already holds its one compensation. */
  blockedBy?: string;
  /** Products a replacement may re-send (the order's, else the one complained about), with prices. */
  products: Array<{ productId: string; name: string; priceFen: number }>;
}

/** A resolved or closed ticket whose complaint reads like this one, with what solved it (DOMAIN.md "Knowledge"). */
export interface SimilarCase {
  complaintId: string;
  ticketNo: string;
  createdAt: string;
  resolvedAt?: string;
  status: ComplaintStatus;
  summary: string;
  productName?: string;
  rootCause?: string;
  solution?: string;
  compensation?: string;
  stars?: number;
  /** The words it shares with this complaint, weightiest first (empty when it is only the latest of its subcategory). */
  matchedTerms?: string[];
  /** Text-match score (BM25 with the outcome's small boost); higher is closer. */
  score?: number;
  subcategory?: string;
  subcategoryLabel?: string;
  /** In the case archive (案例库), with the lesson noted by a lead. */
  archive?: CaseArchiveMark;
}

export interface CaseArchiveMark {
  note: string;
  byName?: string;
  at: string;
}

/** One exemplary resolution in the case archive. */
export interface ArchivedCase extends SimilarCase {
  archive: CaseArchiveMark;
  category: Category;
  department: DepartmentCode;
}

const ticketRef = { complaintId: idSchema };
const versionSchema = z.int('版本号无效').check(z.minimum(1, '版本号无效'));
const noteSchema = z.string().check(z.trim(), z.minLength(1, '请填写内容'), z.maxLength(1000, '最多 1000 个字'));

export interface TicketChange {
  complaintId: string;
  version: number;
  status: ComplaintStatus;
}

export const ticket = {
  ping: action<PingOutput>()({ summary: '连通性检查（员工）', input: pingInput, roles: STAFF, errors: [] }),
  inbox: action<Page<InboxItem> & { counts: Record<InboxView, number> }>()({
    summary: '工单列表：我的 / 本部门 / 待分派 / 已升级 / 待人工确认分类，按紧急程度和剩余时间排序',
    input: z.strictObject({
      view: z.optional(z.enum(INBOX_VIEWS, { error: '未知的列表' })),
      department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })),
      status: z.optional(z.enum(STATUSES, { error: '未知的状态' })),
      level: z.optional(z.enum(LEVELS, { error: '未知的等级' })),
      category: z.optional(z.enum(CATEGORIES, { error: '未知的类别' })),
      overdue: z.optional(z.boolean()),
      cursor: cursorSchema,
      limit: limitSchema,
    }),
    roles: STAFF,
    errors: [],
  }),
  get: action<TicketView>()({
    summary: '工单详情（手机号打码、内部备注、可执行的操作）',
    input: z.strictObject(ticketRef),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  revealPhone: action<{ phone: string }>()({
    summary: '查看完整手机号（仅负责人，记入审计）',
    input: z.strictObject(ticketRef),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  claim: action<TicketChange>()({
    summary: '认领本部门待分派的工单',
    input: z.strictObject({ ...ticketRef, version: versionSchema }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  assign: action<TicketChange>()({
    summary: '分派或改派给某位员工',
    input: z.strictObject({ ...ticketRef, assigneeOpenid: idSchema, version: z.optional(versionSchema), note: z.optional(noteSchema) }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  requestAssist: action<TicketChange>()({
    summary: '请其他部门协助（对方部门收到协助任务）',
    input: z.strictObject({ ...ticketRef, department: z.enum(DEPARTMENTS, { error: '请选择部门' }), note: noteSchema }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true,
  }),
  note: action<{ recorded: true }>()({
    summary: '内部备注（顾客看不到）',
    input: z.strictObject({ ...ticketRef, text: noteSchema }),
    roles: STAFF,
    errors: ['NOT_FOUND'],
    idempotent: true,
  }),
  reply: action<TicketChange>()({
    summary: '给顾客发消息（计为首次响应）',
    input: z.strictObject({ ...ticketRef, text: z.string().check(z.trim(), z.minLength(2, '请填写回复内容'), z.maxLength(500, '最多 500 个字')) }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true,
  }),
  transition: action<TicketChange>()({
    summary: '按状态机推进工单（非法的状态变化会列出可选状态）',
    input: z.strictObject({
      ...ticketRef,
      to: z.enum(STATUSES, { error: '未知的状态' }),
      version: versionSchema,
      note: z.optional(noteSchema),
      rootCause: z.optional(z.string().check(z.trim(), z.minLength(2, '请填写原因'), z.maxLength(500, '最多 500 个字'))),
    }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  proposeSolution: action<TicketChange & { compensationStatus?: string; approvalNeeded: 'none' | 'head' | 'manager' }>()({
    summary: '提交处理方案（可附补偿），发给顾客确认或先送审批',
    input: z.strictObject({
      ...ticketRef,
      version: versionSchema,
      text: z.string().check(z.trim(), z.minLength(5, '请至少用 5 个字说明方案'), z.maxLength(500, '最多 500 个字')),
      rootCause: z.optional(z.string().check(z.trim(), z.minLength(2, '请填写原因'), z.maxLength(500, '最多 500 个字'))),
      compensation: z.optional(compensationInputSchema),
    }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  approve: action<TicketChange>()({
    summary: '主管或经理审批：修订方案或超出权限的补偿',
    input: z.strictObject({ ...ticketRef, version: versionSchema, approve: z.boolean('请选择通过或驳回'), note: z.optional(noteSchema) }),
    roles: [...LEADS],
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  reclassify: action<TicketChange>()({
    summary: '更正问题分类（重新定级与分派，记入审计）',
    input: z.strictObject({
      ...ticketRef,
      version: versionSchema,
      category: z.enum(CATEGORIES, { error: '请选择类别' }),
      subcategory: z.string().check(z.trim(), z.minLength(1, '请选择细类'), z.maxLength(40, '细类无效')),
      foodSafety: z.optional(z.boolean()),
      note: z.optional(noteSchema),
    }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  createOnBehalf: action<SubmitOutput>()({
    summary: '电话投诉录入（400 热线）：专员代顾客填写',
    input: z.strictObject({ ...complaintFields, customerOpenid: z.optional(idSchema) }),
    roles: STAFF,
    errors: ['NOT_FOUND'],
    idempotent: true,
  }),
  profile: action<StaffProfile>()({
    summary: '我的员工资料（姓名、角色、部门、技能、是否在岗）',
    input: z.strictObject({}),
    roles: STAFF,
    errors: [],
  }),
  setOnDuty: action<StaffProfile>()({
    summary: '上岗 / 离岗：离岗时不再自动分派新工单（记入审计）',
    input: z.strictObject({ onDuty: z.boolean('请选择在岗或离岗') }),
    roles: STAFF,
    errors: [],
  }),
  staffOptions: action<{ items: StaffOption[] }>()({
    summary: '可分派的员工（本部门；经理和管理员可看全部），含在岗状态与在办工单数',
    input: z.strictObject({ department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })) }),
    roles: STAFF,
    errors: ['FORBIDDEN'],
  }),
  suggestCompensation: action<CompensationAdvice>()({
    summary: '按补偿规则给出建议（订单时间、冷链温度记录），并说明所需审批',
    input: z.strictObject(ticketRef),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  similarCases: action<{ items: SimilarCase[] }>()({
    summary: '投诉内容相近的已解决工单及其处理方案（同一细类，案例少时扩大到同一大类；附相同的关键词）',
    input: z.strictObject({ ...ticketRef, limit: z.optional(z.int('必须是整数').check(z.minimum(1, '至少 1 条'), z.maximum(10, '最多 10 条'))) }),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  mediaUrls: action<{ items: Array<{ fileId: string; url: string }> }>()({
    summary: '工单照片和视频的临时下载地址（浏览器版查看、放大）；of=sample 时为寄样复检的检测照片',
    input: z.strictObject({ ...ticketRef, of: z.optional(z.enum(['complaint', 'sample'], { error: 'of 只能是 complaint 或 sample' })) }),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  requestSample: action<TicketChange>()({
    summary: '寄样复检：请顾客寄回样品（生成寄样码、发送寄样说明；样品在途期间 SLA 暂停）',
    input: z.strictObject({ ...ticketRef, version: versionSchema, reason: z.optional(noteSchema) }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  cancelSample: action<TicketChange>()({
    summary: '取消寄样复检（SLA 恢复计时）',
    input: z.strictObject({ ...ticketRef, version: versionSchema, reason: noteSchema }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  recordSampleReceipt: action<TicketChange>()({
    summary: '质检实验室登记收到样品（SLA 恢复计时）',
    input: z.strictObject({ ...ticketRef, version: versionSchema, note: z.optional(noteSchema) }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  recordSampleResult: action<TicketChange>()({
    summary: '质检实验室录入检测结果（是否符合产品标准、实测麻辣度与咸淡、照片、结论）',
    input: z.strictObject({
      ...ticketRef,
      version: versionSchema,
      conforms: z.boolean('请选择是否符合产品标准'),
      measuredSpiceLevel: z.optional(z.int('麻辣度须为 1–5 的整数').check(z.minimum(1, '麻辣度须为 1–5'), z.maximum(5, '麻辣度须为 1–5'))),
      measurements: z.optional(z.string().check(z.trim(), z.maxLength(300, '实测记录最多 300 个字'))),
      conclusion: z.string('请填写检测结论').check(z.trim(), z.minLength(5, '检测结论至少 5 个字'), z.maxLength(300, '检测结论最多 300 个字')),
      photoFileIds: z.array(fileIdSchema).check(z.minLength(1, '请至少上传 1 张检测照片'), z.maxLength(9, '最多 9 张照片')),
    }),
    roles: STAFF,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  findSample: action<{ complaintId: string; ticketNo: string }>()({
    summary: '按寄样码找到工单（实验室收到包裹时用）',
    input: z.strictObject({ returnCode: z.string('请填写寄样码').check(z.trim(), z.regex(/^[Yy][Pp]\d{11,13}$/, '寄样码格式不正确，应为 YP 加数字')) }),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  coldChain: action<ColdChainAdvice>()({
    summary: '冷链证据：运单温度曲线、超温分钟数、最长一次超温、数据缺口与建议的补偿档位',
    input: z.strictObject(ticketRef),
    roles: STAFF,
    errors: ['NOT_FOUND'],
  }),
  // Batch surge incidents (shared/surge/): QC staff, heads, managers and admins read them; the QC head and managers act.
  incidents: action<Page<IncidentSummary>>()({
    summary: '批次异常事件列表（默认未关闭的，最新在前）',
    input: z.strictObject({
      status: z.optional(z.enum(['active', 'closed', 'all'], { error: '未知的筛选' })),
      limit: limitSchema,
      cursor: cursorSchema,
    }),
    roles: STAFF,
    errors: ['FORBIDDEN'],
  }),
  incident: action<IncidentDetail>()({
    summary: '批次异常事件详情：检测依据、关联工单、处理记录',
    input: z.strictObject({ incidentId: idSchema }),
    roles: STAFF,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  ackIncident: action<IncidentDetail>()({
    summary: '确认批次异常事件（质检主管、经理）',
    input: z.strictObject({ incidentId: idSchema, version: versionSchema, note: z.optional(noteSchema) }),
    roles: [...LEADS],
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT'],
  }),
  closeIncident: action<IncidentDetail>()({
    summary: '关闭批次异常事件并说明处理结果（质检主管、经理）',
    input: z.strictObject({ incidentId: idSchema, version: versionSchema, note: noteSchema }),
    roles: [...LEADS],
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT'],
  }),
  archiveCase: action<TicketChange>()({
    summary: '把已解决/已关闭的工单收入案例库，附经验说明（主管、经理；记入审计）',
    input: z.strictObject({ ...ticketRef, version: versionSchema, note: z.string().check(z.trim(), z.minLength(4, '请写下这个案例值得借鉴的地方（至少 4 个字）'), z.maxLength(300, '最多 300 个字')) }),
    roles: [...LEADS],
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
  }),
  unarchiveCase: action<TicketChange>()({
    summary: '把工单移出案例库（主管、经理；记入审计）',
    input: z.strictObject({ ...ticketRef, version: versionSchema }),
    roles: [...LEADS],
    errors: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
  }),
  caseArchive: action<Page<ArchivedCase>>()({
    summary: '案例库：可按大类、细类和关键词筛选，最新收录在前',
    input: z.strictObject({
      category: z.optional(z.enum(CATEGORIES, { error: '未知的类别' })),
      subcategory: z.optional(z.string().check(z.trim(), z.minLength(1, '细类无效'), z.maxLength(40, '细类无效'))),
      text: z.optional(z.string().check(z.trim(), z.maxLength(40, '最多 40 个字'))),
      cursor: cursorSchema,
      limit: limitSchema,
    }),
    roles: STAFF,
    errors: [],
  }),
  indexCases: action<{ indexed: number; scanned: number; cursor?: string }>()({
    summary: '把已有的已解决工单补进相似案例索引（按解决时间分页，重复调用无害）',
    input: z.strictObject({ cursor: z.optional(z.string().check(z.maxLength(100, '游标无效'))), limit: z.optional(z.int('必须是整数').check(z.minimum(1, '至少 1 条'), z.maximum(500, '最多 500 条'))) }),
    roles: ['manager', 'admin'],
    errors: [],
  }),
} as const;

/** ticket.coldChain: the evidence the temperature chart draws, and what the customer is told. */
export interface ColdChainAdvice {
  /** A cold-chain complaint (the chart is shown for it; other complaints on an order may still have a shipment). */
  coldChain: boolean;
  orderNo?: string;
  /** Absent when the order has no shipment. */
  evidence?: ColdChainEvidence;
  /** The paragraph the customer reads on their complaint page. */
  customerSummary: string;
  /** The automatic request to logistics for missing data, when one was opened. */
  dataRequest?: { status: 'open' | 'done'; createdAt: string; doneAt?: string; note: string };
}

export type { TimelineEntry };
