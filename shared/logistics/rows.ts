import type { OrderDoc, OrderItem } from '../catalog/model';
import { DEFAULT_THRESHOLD_CELSIUS } from '../coldchain/excursion';
import { FieldError, number, oneOf, text, time } from './fields';

/** What the logistics system sends: orders, their shipments, and the shipments' temperature readings. */
export const IMPORT_KINDS = ['orders', 'shipments', 'readings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = { orders: '订单', shipments: '运单', readings: '温度读数' };

export interface OrderRow {
  orderNo: string;
  customerOpenid: string;
  channel: OrderDoc['channel'];
  storeId?: string;
  items: OrderItem[];
  totalFen: number;
  city: string;
  region: string;
  paidAt: Date;
  promisedBy: Date;
  deliveredAt?: Date;
  status: OrderDoc['status'];
}

export interface ShipmentRow {
  orderNo: string;
  carrier: string;
  trackingNo: string;
  dispatchedAt: Date;
  deliveredAt?: Date;
  thresholdCelsius: number;
}

export interface ReadingRow {
  orderNo: string;
  /** The logger's own id of the reading: a re-sent reading is recognised by it. */
  readingId: string;
  at: Date;
  celsius: number;
}

/** Where a row came from, for messages: the CSV line (header = line 1) or the JSON array and position. */
export interface RowRef {
  kind: ImportKind;
  /** `第 12 行` (CSV) or `readings 第 3 条` (JSON). */
  where: string;
}

export interface RowError {
  where: string;
  field?: string;
  message: string;
}

const ORDER_NO = /^[A-Za-z0-9_-]{4,40}$/;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

const CHANNELS = ['miniprogram', 'store', 'platform'] as const;
const CHANNEL_LABELS = { miniprogram: '小程序', store: '门店', platform: '平台' } as const;
const STATUSES = ['paid', 'shipped', 'delivered', 'cancelled'] as const;
const STATUS_LABELS = { paid: '已付款', shipped: '已发货', delivered: '已送达', cancelled: '已取消' } as const;

/** The CSV/JSON field names of each kind, in the order a template lists them (the first ones are required). */
export const ROW_FIELDS: Record<ImportKind, readonly string[]> = {
  orders: ['orderNo', 'customerOpenid', 'paidAt', 'promisedBy', 'totalFen', 'city', 'region', 'channel', 'status', 'deliveredAt', 'storeId', 'items'],
  shipments: ['orderNo', 'carrier', 'trackingNo', 'dispatchedAt', 'deliveredAt', 'thresholdCelsius'],
  readings: ['orderNo', 'readingId', 'at', 'celsius'],
};

const FIELD_LABELS: Record<string, string> = {
  orderNo: '订单号',
  customerOpenid: '顾客 openid',
  paidAt: '付款时间',
  promisedBy: '承诺送达时间',
  totalFen: '订单金额（分）',
  city: '城市',
  region: '片区',
  channel: '渠道',
  status: '订单状态',
  deliveredAt: '送达时间',
  storeId: '门店编号',
  items: '商品明细',
  carrier: '承运商',
  trackingNo: '运单号',
  dispatchedAt: '发出时间',
  thresholdCelsius: '温度阈值',
  readingId: '读数编号',
  at: '读数时间',
  celsius: '温度',
  readings: '温度读数',
};
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

type Raw = Record<string, unknown>;

/**
 * Read every field of a row, collecting one message per bad field (a person fixes a row once, not field by field).
 * Unknown fields are refused: a misspelt column would otherwise silently drop its data.
 */
function readRow<T>(raw: Raw, kind: ImportKind, extra: readonly string[], read: (field: <V>(name: string, f: (label: string, v: unknown) => V) => V) => T): { row?: T; errors: Array<{ field?: string; message: string }> } {
  const errors: Array<{ field?: string; message: string }> = [];
  const known = new Set([...ROW_FIELDS[kind], ...extra]);
  for (const key of Object.keys(raw)) if (!known.has(key)) errors.push({ field: key, message: `不认识的字段「${key}」` });
  const row = read((name, f) => {
    try {
      return f(fieldLabel(name), raw[name]);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      errors.push({ field: name, message: error.message });
      return undefined as never;
    }
  });
  return errors.length ? { errors } : { row, errors };
}

/** `productId:qty:priceFen[:batchId]` separated by `;` in CSV; an array of objects in JSON. */
function items(label: string, v: unknown): OrderItem[] {
  if (v === undefined || v === null || v === '') return [];
  const parts: unknown[] = typeof v === 'string' ? v.split(/[;；]/).filter((s) => s.trim()) : Array.isArray(v) ? v : [undefined];
  if (parts.length > 100) throw new FieldError(`${label}最多 100 项`);
  return parts.map((p, i) => {
    const tag = `${label}第 ${i + 1} 项`;
    let o: Raw;
    if (typeof p === 'string') {
      const [productId, qty, priceFen, batchId] = p.split(':').map((s) => s.trim());
      o = { productId, qty, priceFen, batchId };
    } else if (p && typeof p === 'object' && !Array.isArray(p)) o = p as Raw;
    else throw new FieldError(`${label}格式不正确（例如 sausage-classic:2:3980）`);
    const productId = text(`${tag}的商品编号`, o.productId, { required: true, pattern: CODE })!;
    const qty = number(`${tag}的数量`, o.qty, { required: true, integer: true, min: 1, max: 9999 })!;
    const priceFen = number(`${tag}的单价（分）`, o.priceFen, { required: true, integer: true, min: 0, max: 100_000_000 })!;
    const batchId = text(`${tag}的批次`, o.batchId, { pattern: CODE });
    return { productId, qty, priceFen, ...(batchId ? { batchId } : {}) };
  });
}

export function readOrder(raw: Raw, now: Date) {
  return readRow<OrderRow>(raw, 'orders', [], (f) => {
    const deliveredAt = f('deliveredAt', (l, v) => time(l, v, { now }));
    const storeId = f('storeId', (l, v) => text(l, v, { pattern: CODE }));
    return {
      orderNo: f('orderNo', (l, v) => text(l, v, { required: true, pattern: ORDER_NO, patternMessage: `${l}只能包含字母、数字、- 和 _（4～40 位）` })!),
      customerOpenid: f('customerOpenid', (l, v) => text(l, v, { required: true, pattern: OPENID })!),
      channel: f('channel', (l, v) => oneOf(l, v, CHANNELS, CHANNEL_LABELS)) ?? (storeId ? 'store' : 'miniprogram'),
      ...(storeId ? { storeId } : {}),
      items: f('items', items),
      totalFen: f('totalFen', (l, v) => number(l, v, { required: true, integer: true, min: 0, max: 100_000_000 })!),
      city: f('city', (l, v) => text(l, v, { required: true, max: 20 })!),
      region: f('region', (l, v) => text(l, v, { required: true, max: 20 })!),
      paidAt: f('paidAt', (l, v) => time(l, v, { required: true, now })!),
      promisedBy: f('promisedBy', (l, v) => time(l, v, { required: true })!),
      ...(deliveredAt ? { deliveredAt } : {}),
      status: f('status', (l, v) => oneOf(l, v, STATUSES, STATUS_LABELS)) ?? (deliveredAt ? 'delivered' : 'paid'),
    };
  });
}

export function readShipment(raw: Raw, now: Date, allowReadings = false) {
  return readRow<ShipmentRow>(raw, 'shipments', allowReadings ? ['readings'] : [], (f) => {
    const deliveredAt = f('deliveredAt', (l, v) => time(l, v, { now }));
    const dispatchedAt = f('dispatchedAt', (l, v) => time(l, v, { required: true, now })!);
    if (dispatchedAt && deliveredAt && deliveredAt < dispatchedAt) f('deliveredAt', () => { throw new FieldError('送达时间早于发出时间'); });
    return {
      orderNo: f('orderNo', (l, v) => text(l, v, { required: true, pattern: ORDER_NO })!),
      carrier: f('carrier', (l, v) => text(l, v, { required: true, max: 20 })!),
      trackingNo: f('trackingNo', (l, v) => text(l, v, { required: true, pattern: CODE })!),
      dispatchedAt,
      ...(deliveredAt ? { deliveredAt } : {}),
      thresholdCelsius: f('thresholdCelsius', (l, v) => number(l, v, { min: -40, max: 15 })) ?? DEFAULT_THRESHOLD_CELSIUS,
    };
  });
}

export function readReading(raw: Raw, now: Date) {
  return readRow<ReadingRow>(raw, 'readings', [], (f) => ({
    orderNo: f('orderNo', (l, v) => text(l, v, { required: true, pattern: ORDER_NO })!),
    readingId: f('readingId', (l, v) => text(l, v, { required: true, pattern: CODE })!),
    at: f('at', (l, v) => time(l, v, { required: true, now })!),
    // A cold-chain logger reads −60…+60 °C; anything outside is a unit or typing error.
    celsius: f('celsius', (l, v) => number(l, v, { required: true, min: -60, max: 60, rangeMessage: `${l}超出合理范围（−60～60 °C）` })!),
  }));
}
