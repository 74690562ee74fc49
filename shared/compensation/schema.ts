import * as z from 'zod/mini';
import { COMPENSATION_TYPES, COMPENSATION_TYPE_LABELS, type CompensationType } from './types';

export const MAX_AMOUNT_FEN = 10_000_000;
export const MAX_POINTS = 1_000_000;

const replacementItemSchema = z.strictObject({
  productId: z.string().check(z.trim(), z.minLength(1, '请选择商品'), z.maxLength(64, '商品编号太长')),
  qty: z.int('数量必须是整数').check(z.minimum(1, '数量至少为 1'), z.maximum(99, '数量最多 99')),
});

/** Which field each kind needs; the others must be absent, so a handler never has to guess which one counts. */
const FIELD_OF: Record<CompensationType, 'amountFen' | 'items' | 'points'> = {
  coupon: 'amountFen',
  refund: 'amountFen',
  replacement: 'items',
  points: 'points',
};

const MISSING: Record<'amountFen' | 'items' | 'points', string> = {
  amountFen: '请填写补偿金额',
  items: '请选择补发的商品',
  points: '请填写积分数量',
};

/** A compensation an agent proposes (the offer part; order and complaint come from the ticket, not from input). */
export const compensationInputSchema = z
  .strictObject({
    type: z.enum(COMPENSATION_TYPES, { error: '请选择补偿方式' }),
    amountFen: z.optional(z.int('金额必须是整数（单位：分）').check(z.minimum(1, '金额至少 ¥0.01'), z.maximum(MAX_AMOUNT_FEN, '金额不能超过 ¥100000'))),
    items: z.optional(z.array(replacementItemSchema).check(z.minLength(1, '请选择补发的商品'), z.maxLength(10, '一次最多补发 10 种商品'))),
    points: z.optional(z.int('积分必须是整数').check(z.minimum(1, '积分至少为 1'), z.maximum(MAX_POINTS, `积分最多 ${MAX_POINTS}`))),
    note: z.optional(z.string().check(z.trim(), z.maxLength(200, '备注最多 200 个字'))),
  })
  .check(
    z.superRefine((value, ctx) => {
      const needed = FIELD_OF[value.type];
      if (!needed) return;
      if (value[needed] === undefined) ctx.addIssue({ code: 'custom', path: [needed], message: MISSING[needed], input: undefined });
      for (const field of ['amountFen', 'items', 'points'] as const) {
        if (field !== needed && value[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: `${COMPENSATION_TYPE_LABELS[value.type]}不需要填写此项`, input: value[field] });
        }
      }
      // Two lines for one product would be valued and shipped twice by mistake more often than on purpose.
      const seen = new Set<string>();
      value.items?.forEach((item, i) => {
        if (seen.has(item.productId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'productId'], message: '同一商品请合并数量', input: item.productId });
        seen.add(item.productId);
      });
    }),
  );

export type CompensationInput = z.infer<typeof compensationInputSchema>;
