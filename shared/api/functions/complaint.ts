import * as z from 'zod/mini';
import { ANY_PERSON, type CallerKind, type DepartmentCode } from '../../auth/roles';
import { CATEGORIES, CHANNELS, type Category, type Channel, type ComplaintStatus, type Level } from '../../complaint/model';
import { EXPECTATIONS, type Expectation } from '../../complaint/document';
import type { CompensationStatus, CompensationType } from '../../compensation/types';
import { isMainlandMobile, normalizeMobile } from '../../privacy/phone';
import type { ClassificationPreview } from '../../classifier/describe';
import { action } from '../action';
import type { SampleView } from '../../complaint/sample';
import { CONSENT_RESULTS } from '../../notify/consent';
import type { SubscribeTemplateKey } from '../../notify/templates';
import { cursorSchema, idSchema, limitSchema, pingInput, sceneSchema, type Page, type PingOutput } from '../common';

/** Client-side moments worth counting (QR scans, FAQ reads that deflected a ticket, abandoned forms). */
export const TRACK_EVENTS = ['app_open', 'scene_scan', 'form_open', 'faq_view', 'form_abandon'] as const;
export type TrackEvent = (typeof TRACK_EVENTS)[number];

export interface SessionOutput {
  openid: string;
  kind: CallerKind;
  isStaff: boolean;
  name?: string;
  department?: DepartmentCode;
  /** A customer's own contact number from their last complaint, to pre-fill the form (never someone else's). */
  contactPhone?: string;
}

export interface MyOrderItem {
  orderNo: string;
  paidAt: string;
  status: 'paid' | 'shipped' | 'delivered' | 'cancelled';
  promisedBy: string;
  deliveredAt?: string;
  totalFen: number;
  /** Bought in a store rather than delivered. */
  storeId?: string;
  lines: Array<{ productId: string; name: string; qty: number; spiceLevel?: number; spiceNote?: string }>;
}

export interface ProductView {
  productId: string;
  name: string;
  spec: string;
  spiceLevel: number;
  spiceNote: string;
  tagline: string;
  storage: 'frozen' | 'chilled' | 'ambient';
}

export type SceneOutput =
  | {
      kind: 'package';
      scene: string;
      product: ProductView;
      batch: { batchId: string; batchNo: string; productionDate: string; expiryDate: string; factory: string; expired: boolean };
    }
  | {
      kind: 'store';
      scene: string;
      store: { storeId: string; name: string; city: string; district: string; address: string };
    };

export interface MyComplaintItem {
  complaintId: string;
  ticketNo: string;
  status: ComplaintStatus;
  level: Level;
  category: Category;
  subcategory?: string;
  subcategoryLabel?: string;
  /** The first words of the description, to tell complaints apart in the list. */
  summary?: string;
  createdAt: string;
  updatedAt: string;
  /** Minutes to the next promise; negative when overdue; absent when nothing is due. */
  slaRemainingMinutes?: number;
}

/** Cloud storage fileIDs (`cloud://env.bucket/path`), as `Taro.cloud.uploadFile` returns them. */
export const fileIdSchema = z.string().check(z.maxLength(300, '文件编号太长'), z.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^\s]+$/, '文件编号无效，请重新上传'));

export const descriptionSchema = z.string().check(z.trim(), z.minLength(5, '请至少用 5 个字描述问题'), z.maxLength(500, '问题描述最多 500 个字'));

export const mobileSchema = z.string('请填写手机号').check(
  z.trim(),
  z.minLength(1, '请填写联系手机号'),
  z.refine((v) => isMainlandMobile(v), '请填写正确的 11 位手机号'),
  z.overwrite((v) => normalizeMobile(v)),
);

const orderNoSchema = z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{4,40}$/, '订单号格式不正确'));

/** The complaint form (DOMAIN.md "Complaint form"); the same fields an agent types for a phone complaint. */
export const complaintFields = {
  description: descriptionSchema,
  contactPhone: mobileSchema,
  categoryHint: z.optional(z.enum(CATEGORIES, { error: '请选择有效的问题类别' })),
  orderNo: z.optional(orderNoSchema),
  productId: z.optional(idSchema),
  batchNo: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,40}$/, '批次号格式不正确'))),
  storeId: z.optional(idSchema),
  scene: z.optional(sceneSchema),
  mediaFileIds: z.optional(z.array(fileIdSchema).check(z.maxLength(6, '最多上传 6 个图片或视频'))),
  expectation: z.optional(z.enum(EXPECTATIONS, { error: '请选择期望的处理方式' })),
};

export const submitInput = z.strictObject({
  ...complaintFields,
  channel: z.optional(z.enum(CHANNELS.filter((c) => c !== 'phone') as [Channel, ...Channel[]], { error: '未知的投诉渠道' })),
});

export interface SubmitOutput {
  complaintId: string;
  ticketNo: string;
  status: ComplaintStatus;
  category: Category;
  subcategory: string;
  subcategoryLabel: string;
  foodSafety: boolean;
  level: Level;
  department: DepartmentCode;
  departmentLabel: string;
  firstResponseDueAt: string;
  resolveDueAt: string;
  createdAt: string;
  /** The same request seen before: this is the first answer again, nothing new was created. */
  replayed: boolean;
}

export interface TimelineEntry {
  at: string;
  /** The status after this event, and its customer-facing label. */
  status: ComplaintStatus;
  statusLabel: string;
  note: string;
}

export interface CompensationView {
  compensationId: string;
  type: CompensationType;
  summary: string;
  valueFen: number;
  status: CompensationStatus;
  statusLabel: string;
}

export interface SolutionView {
  text: string;
  proposedAt: string;
  state: 'sent' | 'accepted' | 'rejected' | 'withdrawn' | 'pending_approval';
  compensation?: CompensationView;
  /** What happens after 接受 / 不接受, said plainly. */
  ifAccepted: string;
  ifRejected: string;
  /** The customer who says nothing is taken to accept at this moment (told with the solution). */
  autoAcceptAt?: string;
}

/** A complaint as its owner sees it: no internal notes, no staff names beyond a first name, the phone masked. */
export interface ComplaintView {
  complaintId: string;
  ticketNo: string;
  status: ComplaintStatus;
  statusLabel: string;
  level: Level;
  category: Category;
  categoryLabel: string;
  subcategory: string;
  subcategoryLabel: string;
  foodSafety: boolean;
  channel: Channel;
  description: string;
  mediaFileIds: string[];
  expectation?: Expectation;
  contactPhoneMasked: string;
  orderNo?: string;
  productName?: string;
  batchNo?: string;
  storeName?: string;
  departmentLabel: string;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string;
  resolveDueAt?: string;
  firstRespondedAt?: string;
  /** Minutes to the next promise; negative when overdue; absent when nothing is due (waiting for you, resolved). */
  slaRemainingMinutes?: number;
  nextDueAt?: string;
  /** Which promise `nextDueAt` is: the first contact or the resolution. */
  nextDueKind?: 'first_response' | 'resolution';
  timeline: TimelineEntry[];
  solution?: SolutionView;
  rating?: { stars: number; nps?: number; comment?: string; at: string };
  canRespond: boolean;
  canRate: boolean;
  /** 催一下: allowed now, or from `nudgeAvailableAt`. */
  canNudge: boolean;
  nudgeAvailableAt?: string;
  /** Cold-chain complaints on an order: what the shipment's temperature log shows, in one plain paragraph. */
  coldChainSummary?: string;
  /** The sample re-inspection (寄样复检): instructions, return code, shipping form, then the lab's result. */
  sample?: SampleView;
}

export interface FaqSuggestion {
  faqId: string;
  question: string;
  answer: string;
  score: number;
}

const complaintIdInput = { complaintId: idSchema };

/** What `recordConsent` answers: the unspent one-time consents per template after recording, and keys it did not know. */
export interface ConsentOutput {
  consents: Partial<Record<SubscribeTemplateKey, number>>;
  ignored: string[];
}

/** A template key (`receipt`) or a WeChat template id, as `requestSubscribeMessage` answers keyed. */
const consentKeySchema = z.string().check(z.maxLength(128, '模板编号太长'), z.regex(/^[A-Za-z0-9_-]+$/, '模板编号格式不正确'));

export const complaint = {
  ping: action<PingOutput>()({
    summary: '连通性检查：函数、身份与数据库',
    input: pingInput,
    roles: ANY_PERSON,
    errors: [],
  }),
  me: action<SessionOutput>()({
    summary: '当前调用者的身份（顾客或员工）',
    input: z.strictObject({}),
    roles: ANY_PERSON,
    errors: [],
  }),
  track: action<{ recorded: boolean }>()({
    summary: '记录一次客户端行为（扫码、阅读 FAQ、放弃填写等），重试不重复计数',
    input: z.strictObject({
      event: z.enum(TRACK_EVENTS, { error: '未知的事件类型' }),
      ref: z.optional(z.string().check(z.maxLength(64, '最多 64 个字'))),
    }),
    roles: ANY_PERSON,
    errors: [],
    idempotent: true,
  }),
  resolveScene: action<SceneOutput>()({
    summary: '解析包装或门店二维码，用于预填投诉表单',
    input: z.strictObject({ scene: sceneSchema }),
    roles: ANY_PERSON,
    errors: ['NOT_FOUND'],
  }),
  classifyPreview: action<ClassificationPreview>()({
    summary: '根据描述预判问题类别、紧急程度与负责部门（表单实时提示、电话录入预览）',
    input: z.strictObject({
      text: z.string().check(z.trim(), z.minLength(2, '请至少写 2 个字'), z.maxLength(500, '最多 500 个字')),
      categoryHint: z.optional(z.enum(CATEGORIES, { error: '请选择有效的问题类别' })),
    }),
    roles: ANY_PERSON,
    errors: [],
  }),
  submit: action<SubmitOutput>()({
    summary: '提交投诉：校验、识别问题、定级、分派并给出承诺时间；同一请求编号重试只生成一张工单',
    input: submitInput,
    roles: ['customer'],
    errors: ['NOT_FOUND'],
    idempotent: true,
  }),
  get: action<ComplaintView>()({
    summary: '我的投诉详情：进度时间线、处理方案、剩余承诺时间',
    input: z.strictObject(complaintIdInput),
    roles: ['customer'],
    errors: ['NOT_FOUND'],
  }),
  respond: action<ComplaintView>()({
    summary: '接受或不接受处理方案（不接受须说明原因）',
    input: z
      .strictObject({
        ...complaintIdInput,
        accept: z.boolean('请选择接受或不接受'),
        comment: z.optional(z.string().check(z.trim(), z.maxLength(300, '最多 300 个字'))),
      })
      .check(
        z.refine((v) => v.accept || !!v.comment, { message: '请告诉我们不接受的原因，方便我们改进方案', path: ['comment'] }),
      ),
    roles: ['customer'],
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true,
  }),
  rate: action<ComplaintView>()({
    summary: '评价处理结果（每张工单一次）',
    input: z.strictObject({
      ...complaintIdInput,
      stars: z.int('请选择星级').check(z.minimum(1, '请选择 1–5 星'), z.maximum(5, '请选择 1–5 星')),
      nps: z.optional(z.int('请选择 0–10 分').check(z.minimum(0, '请选择 0–10 分'), z.maximum(10, '请选择 0–10 分'))),
      comment: z.optional(z.string().check(z.trim(), z.maxLength(300, '最多 300 个字'))),
    }),
    roles: ['customer'],
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true,
  }),
  nudge: action<ComplaintView>()({
    summary: '催一下：提醒负责的专员（每段时间一次）',
    input: z.strictObject(complaintIdInput),
    roles: ['customer'],
    errors: ['NOT_FOUND', 'RATE_LIMITED', 'CONFLICT'],
    idempotent: true,
  }),
  suggestFaq: action<{ items: FaqSuggestion[] }>()({
    summary: '根据正在输入的描述推荐常见问题解答',
    input: z.strictObject({ text: z.string().check(z.trim(), z.maxLength(500, '最多 500 个字')), limit: z.optional(z.int().check(z.minimum(1), z.maximum(5))) }),
    roles: ANY_PERSON,
    errors: [],
  }),
  recordConsent: action<ConsentOutput>()({
    summary: '记录订阅消息授权（每次「允许」可收到一条对应通知；没有授权时改发短信）',
    input: z.strictObject({
      results: z
        .record(consentKeySchema, z.enum(CONSENT_RESULTS, { error: '授权结果只能是 accept、reject、ban 或 filter' }))
        .check(z.refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, '请提供 1–10 个模板的授权结果')),
    }),
    // Staff consent to their own alert template (`staff`) the same way.
    roles: ANY_PERSON,
    errors: [],
    idempotent: true,
  }),
  mediaUrls: action<{ items: Array<{ fileId: string; url?: string }> }>()({
    summary: '我的投诉里的图片和视频的临时链接（用于显示）；of=sample 时为寄样复检的检测照片',
    input: z.strictObject({ ...complaintIdInput, of: z.optional(z.enum(['complaint', 'sample'], { error: 'of 只能是 complaint 或 sample' })) }),
    roles: ['customer'],
    errors: ['NOT_FOUND'],
  }),
  listMyOrders: action<{ items: MyOrderItem[] }>()({
    summary: '我最近的订单（投诉表单的订单选择）',
    input: z.strictObject({ limit: limitSchema }),
    roles: ['customer'],
    errors: [],
  }),
  listMine: action<Page<MyComplaintItem>>()({
    summary: '我的投诉（分页，最新在前）',
    input: z.strictObject({ cursor: cursorSchema, limit: limitSchema }),
    roles: ['customer'],
    errors: [],
  }),
  confirmSampleShipped: action<ComplaintView>()({
    summary: '寄样复检：顾客填写快递公司和运单号，确认样品已寄出',
    input: z.strictObject({
      complaintId: idSchema,
      courier: z.string('请填写快递公司').check(z.trim(), z.minLength(2, '请填写快递公司'), z.maxLength(20, '快递公司最多 20 个字')),
      trackingNo: z.string('请填写运单号').check(z.trim(), z.regex(/^[A-Za-z0-9-]{6,30}$/, '运单号应为 6–30 位字母或数字')),
    }),
    roles: ['customer'],
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
} as const;
