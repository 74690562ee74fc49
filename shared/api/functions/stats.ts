import * as z from 'zod/mini';
import { DEPARTMENTS, LEADS } from '../../auth/roles';
import { CATEGORIES } from '../../complaint/model';
import type { Overview } from '../../stats/overview';
import { action } from '../action';
import { pingInput, type PingOutput } from '../common';

const dateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

/** Dashboard aggregations for heads (their department) and managers (all departments). */
export const stats = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: LEADS, errors: [] }),
  overview: action<Overview>()({
    summary: '看板：投诉量趋势、类别占比、各部门时效达成率、解决时长、满意度与 NPS、商品与批次、热力图、关键词、预警',
    input: z.strictObject({
      from: z.optional(dateSchema),
      to: z.optional(dateSchema),
      department: z.optional(z.enum(DEPARTMENTS, { error: '未知的部门' })),
      category: z.optional(z.enum(CATEGORIES, { error: '未知的类别' })),
    }),
    roles: [...LEADS],
    errors: ['FORBIDDEN'],
  }),
} as const;
