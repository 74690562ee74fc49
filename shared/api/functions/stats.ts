import * as z from 'zod/mini';
import { DEPARTMENTS, LEADS } from '../../auth/roles';
import { CATEGORIES, LEVELS } from '../../complaint/model';
import type { Overview } from '../../stats/overview';
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

const filters = {
  from: z.optional(dateSchema),
  to: z.optional(dateSchema),
  department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })),
  category: z.optional(z.enum(CATEGORIES, { error: '未知的类别' })),
};

/** Dashboard aggregations for heads (their department) and managers (all departments). */
export const stats = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: LEADS, errors: [] }),
  overview: action<Overview>()({
    summary: '看板：投诉量趋势、类别占比、各部门时效达成率、解决时长、满意度与 NPS、商品与批次、热力图、关键词、预警',
    input: z.strictObject(filters),
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
  exportCsv: action<CsvExport>()({
    summary: '按看板筛选条件导出投诉明细 CSV（Excel 可直接打开；手机号打码）',
    input: z.strictObject({ ...filters, level: z.optional(z.enum(LEVELS, { error: '未知的等级' })) }),
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
} as const;
