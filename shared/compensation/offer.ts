import { COMPENSATION_TYPE_LABELS, type CompensationOffer, type CompensationType, type ReplacementItem } from './types';

/** `¥5`, `¥12.50`: whole yuan without decimals, otherwise two. */
export function formatYuan(fen: number): string {
  const yuan = fen / 100;
  return Number.isInteger(yuan) ? `¥${yuan}` : `¥${yuan.toFixed(2)}`;
}

/** Points → fen at `pointsPerYuan`; rounded up so approval never under-values an offer. */
export function pointsToFen(points: number, pointsPerYuan: number): number {
  return Math.ceil((points * 100) / pointsPerYuan);
}

export const couponOffer = (amountFen: number): CompensationOffer => ({ type: 'coupon', amountFen, valueFen: amountFen });
export const refundOffer = (amountFen: number): CompensationOffer => ({ type: 'refund', amountFen, valueFen: amountFen });
export const pointsOffer = (points: number, pointsPerYuan: number): CompensationOffer => ({
  type: 'points',
  points,
  valueFen: pointsToFen(points, pointsPerYuan),
});

/** A replacement valued at the prices given with the items (order prices, or catalogue prices). */
export function replacementOffer(items: ReadonlyArray<ReplacementItem & { priceFen: number }>): CompensationOffer {
  return {
    type: 'replacement',
    items: items.map(({ productId, qty }) => ({ productId, qty })),
    valueFen: items.reduce((sum, i) => sum + i.priceFen * i.qty, 0),
  };
}

/** What a staff member entered (the parsed `compensationInputSchema`, or anything of that shape). */
export interface OfferRequest {
  type: CompensationType;
  amountFen?: number;
  items?: ReplacementItem[];
  points?: number;
}

export interface OfferPricing {
  /** Unit price of a product, `undefined` when unknown. */
  priceFen: (productId: string) => number | undefined;
  pointsPerYuan: number;
}

export type BuiltOffer = { ok: true; offer: CompensationOffer } | { ok: false; field: string; message: string };

/** Turn a request into an offer with its value; fails (with a form field) when a product has no price. */
export function buildOffer(request: OfferRequest, pricing: OfferPricing): BuiltOffer {
  switch (request.type) {
    case 'coupon':
    case 'refund':
      if (request.amountFen === undefined) return { ok: false, field: 'amountFen', message: '请填写补偿金额' };
      return { ok: true, offer: request.type === 'coupon' ? couponOffer(request.amountFen) : refundOffer(request.amountFen) };
    case 'points':
      if (request.points === undefined) return { ok: false, field: 'points', message: '请填写积分数量' };
      return { ok: true, offer: pointsOffer(request.points, pricing.pointsPerYuan) };
    case 'replacement': {
      const items = request.items ?? [];
      if (items.length === 0) return { ok: false, field: 'items', message: '请选择补发的商品' };
      const priced: Array<ReplacementItem & { priceFen: number }> = [];
      for (const [i, item] of items.entries()) {
        const priceFen = pricing.priceFen(item.productId);
        if (priceFen === undefined) return { ok: false, field: `items.${i}.productId`, message: '找不到这件商品' };
        priced.push({ ...item, priceFen });
      }
      return { ok: true, offer: replacementOffer(priced) };
    }
  }
}

/** One line for people: `¥10 优惠券`, `退款 ¥25.50`, `补发 3 件`, `500 积分`. */
export function describeOffer(offer: CompensationOffer): string {
  switch (offer.type) {
    case 'coupon':
      return `${formatYuan(offer.amountFen)} ${COMPENSATION_TYPE_LABELS.coupon}`;
    case 'refund':
      return `${COMPENSATION_TYPE_LABELS.refund} ${formatYuan(offer.amountFen)}`;
    case 'replacement':
      return `${COMPENSATION_TYPE_LABELS.replacement} ${offer.items.reduce((n, i) => n + i.qty, 0)} 件`;
    case 'points':
      return `${offer.points} ${COMPENSATION_TYPE_LABELS.points}`;
  }
}
