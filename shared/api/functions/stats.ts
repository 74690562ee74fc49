import * as z from 'zod/mini';
import { DEPARTMENTS, LEADS } from '../../auth/roles';
import { CATEGORIES, LEVELS } from '../../complaint/model';
import type { DashboardOverview } from '../../stats/overview';
import type { CustomerWatch } from '../../stats/watch';
import type { WeeklyReport } from '../../stats/weekly';
import { action } from '../action';
import { pingInput, type PingOutput } from '../common';

const dateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export interface CsvExport {
  filename: string;
  /** Cloud storage fileID of the CSV (UTF-8 with BOM, Chinese headers, masked phones only). */
  fileId: string;
  /** Temporary download URL. */
  url: string;
  rows: number;
  bytes: number;
  /** More complaints matched than one file holds; narrow the range. */
  truncated: boolean;
}

/** An id or name picked from the dashboard's own lists: short plain text, never an operator object. */
const pickSchema = z.string().check(z.minLength(1, '请选择'), z.maxLength(64, '过长'));

const filters = {
  from: z.optional(dateSchema),
  to: z.optional(dateSchema),
  department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })),
  category: z.optional(z.enum(CATEGORIES, { error: '未知的类别' })),
  // DOMAIN.md "Analytics" filters beyond the first ones.
  productId: z.optional(pickSchema),
  storeId: z.optional(pickSchema),
  region: z.optional(pickSchema),
  tier: z.optional(z.enum(['regular', 'vip'], { error: '未知的顾客等级' })),
};

const overviewInput = z.strictObject(filters);
export type OverviewInput = z.infer<typeof overviewInput>;

const weekInput = z.strictObject({
  /** Any day of the week wanted (Monday–Sunday, China time); the last full week when absent. */
  week: z.optional(dateSchema),
  department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })),
});

export interface RollupStatus {
  rolledUpAt?: string;
  dirtyDays: number;
  rebuilding: boolean;
  lastRun?: { days: number; rows: number; ms: number };
}

/** Dashboard aggregations for heads (their department) and managers (all departments). */
export const stats = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: LEADS, errors: [] }),
  overview: action<DashboardOverview>()({
    summary: '看板：投诉量趋势、类别占比、各部门时效达成率、解决时长、满意度与 NPS、商品与批次、热力图、关键词、预警',
    input: overviewInput,
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
  exportCsv: action<CsvExport>()({
    summary: '按看板筛选条件导出投诉明细 CSV（Excel 可直接打开；手机号打码）',
    input: z.strictObject({ ...filters, level: z.optional(z.enum(LEVELS, { error: '未知的等级' })) }),
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
  weeklyReport: action<WeeklyReport>()({
    summary: '投诉周报：本周前三大问题（数量、环比、关键词、示例原文）',
    input: weekInput,
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
  exportWeeklyReport: action<CsvExport>()({
    summary: '导出投诉周报 CSV',
    input: weekInput,
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
  customerWatch: action<CustomerWatch>()({
    summary: '客户经理名单：30 天内多次投诉、流失预警、有未结投诉的 VIP（手机号打码）',
    input: z.strictObject({ department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })) }),
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
  rollupStatus: action<RollupStatus>()({
    summary: '看板汇总数据的更新时间与进度',
    input: z.strictObject({}),
    roles: [...LEADS],
    errors: [],
  }),
  rebuild: action<RollupStatus>()({
    summary: '重新汇总全部看板数据（导入或直接写入数据库之后）；在本次调用内尽量完成，余下的由定时任务继续',
    input: z.strictObject({}),
    roles: ['manager', 'admin'],
    errors: [],
  }),
} as const;
