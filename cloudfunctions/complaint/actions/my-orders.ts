import type { MyOrderItem } from '@shared/api/functions/complaint';
import type { OrderDoc, ProductDoc } from '@shared/catalog/model';
import { toIso } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

const DAY_MS = 86_400_000;
/** Complaints are about recent orders; older ones can still be typed in by number. */
const WINDOW_DAYS = 90;

/** complaint.listMyOrders: the caller's recent orders with product names, newest first, for the form's order picker. */
export async function listMyOrders(input: { limit?: number }, ctx: ActionContext): Promise<{ items: MyOrderItem[] }> {
  const since = new Date(ctx.now().getTime() - WINDOW_DAYS * DAY_MS);
  const orders = await rows<OrderDoc>(
    collection('orders').where({ customerOpenid: ctx.caller.openid, paidAt: _.gte(since) }).orderBy('paidAt', 'desc').limit(input.limit ?? 20),
  );
  const ids = [...new Set(orders.flatMap((o) => o.items.map((i) => i.productId)))];
  const products = ids.length
    ? await rows<Pick<ProductDoc, '_id' | 'name' | 'spiceLevel' | 'spiceNote'>>(collection('products').where({ _id: _.in(ids) }).field({ name: true, spiceLevel: true, spiceNote: true }).limit(ids.length))
    : [];
  const byId = new Map(products.map((p) => [p._id, p]));
  // 麻辣度 with each line, so the form can show the spice-level reference for a taste complaint without another call.
  const line = (i: OrderDoc['items'][number]) => {
    const p = byId.get(i.productId);
    return { productId: i.productId, name: p?.name ?? i.productId, qty: i.qty, ...(p?.spiceLevel ? { spiceLevel: p.spiceLevel, spiceNote: p.spiceNote } : {}) };
  };
  return {
    items: orders.map((o) => ({
      orderNo: o.orderNo,
      paidAt: toIso(o.paidAt),
      status: o.status,
      promisedBy: toIso(o.promisedBy),
      ...(o.deliveredAt ? { deliveredAt: toIso(o.deliveredAt) } : {}),
      totalFen: o.totalFen,
      ...(o.storeId ? { storeId: o.storeId } : {}),
      lines: o.items.map(line),
    })),
  };
}
