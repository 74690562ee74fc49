import * as z from 'zod/mini';
import { ANY_PERSON, type CallerKind, type DepartmentCode } from '../../auth/roles';
import { CATEGORIES, type Category, type ComplaintStatus, type Level } from '../../complaint/model';
import type { ClassificationPreview } from '../../classifier/describe';
import { action } from '../action';
import { cursorSchema, limitSchema, pingInput, sceneSchema, type Page, type PingOutput } from '../common';

/** Client-side moments worth counting (QR scans, FAQ reads that deflected a ticket, abandoned forms). */
export const TRACK_EVENTS = ['app_open', 'scene_scan', 'form_open', 'faq_view', 'form_abandon'] as const;
export type TrackEvent = (typeof TRACK_EVENTS)[number];

export interface SessionOutput {
  openid: string;
  kind: CallerKind;
  isStaff: boolean;
  name?: string;
  department?: DepartmentCode;
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
  createdAt: string;
  updatedAt: string;
  /** Minutes to the next promise; negative when overdue; absent when nothing is due. */
  slaRemainingMinutes?: number;
}

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
  listMine: action<Page<MyComplaintItem>>()({
    summary: '我的投诉（分页，最新在前）',
    input: z.strictObject({ cursor: cursorSchema, limit: limitSchema }),
    roles: ['customer'],
    errors: [],
  }),
} as const;
