/** Products, batches, stores, orders and shipments as stored in the cloud database. */

export type StorageKind = 'frozen' | 'chilled' | 'ambient';

export interface ProductDoc {
  _id: string;
  name: string;
  /** Pack size as printed, e.g. `500g`. */
  spec: string;
  line: 'cured' | 'hotpot' | 'frozen' | 'fresh';
  storage: StorageKind;
  shelfLifeDays: number;
  /** 麻辣度 1–5 and its plain description. */
  spiceLevel: 1 | 2 | 3 | 4 | 5;
  spiceNote: string;
  priceFen: number;
  /** Emoji-free short marketing line shown on the scanned-product card. */
  tagline: string;
}

export interface BatchDoc {
  _id: string;
  productId: string;
  batchNo: string;
  /** Calendar dates in Asia/Shanghai, `YYYY-MM-DD`. */
  productionDate: string;
  expiryDate: string;
  factory: string;
  /** The package QR scene that points at this batch (`b=<batch id>`). */
  scene: string;
  /** fileID of the generated QR image, once generated. */
  qrFileId?: string;
}

export interface StoreDoc {
  _id: string;
  name: string;
  city: string;
  district: string;
  address: string;
  region: string;
  /** The in-store QR scene (`s=<store id>`). */
  scene: string;
  qrFileId?: string;
}

export interface OrderItem {
  productId: string;
  batchId?: string;
  qty: number;
  priceFen: number;
}

export interface OrderDoc {
  _id: string;
  orderNo: string;
  customerOpenid: string;
  channel: 'miniprogram' | 'store' | 'platform';
  storeId?: string;
  items: OrderItem[];
  totalFen: number;
  city: string;
  region: string;
  paidAt: Date;
  /** Delivery promised by (order data used for "delayed over 24 h"). */
  promisedBy: Date;
  deliveredAt?: Date;
  status: 'paid' | 'shipped' | 'delivered' | 'cancelled';
  /** Last written by a logistics import or push. */
  importedAt?: Date;
}

export interface TemperatureReading {
  at: Date;
  celsius: number;
  /** The logger's id of the reading, when it came through an import or a push: a re-sent reading is recognised by it. */
  id?: string;
}

export interface ShipmentDoc {
  _id: string;
  orderNo: string;
  carrier: string;
  trackingNo: string;
  dispatchedAt: Date;
  deliveredAt?: Date;
  /** Cold-chain threshold for this shipment; frozen goods default to −15 °C (DOMAIN.md). */
  thresholdCelsius: number;
  readings: TemperatureReading[];
  /** Bumped by every import that changes the shipment: imports and pushes write conditionally on the value read. */
  rev?: number;
  updatedAt?: Date;
}

export const PACKAGE_SCENE_PREFIX = 'b=';
export const STORE_SCENE_PREFIX = 's=';
export const packageScene = (batchId: string) => `${PACKAGE_SCENE_PREFIX}${batchId}`;
export const storeScene = (storeId: string) => `${STORE_SCENE_PREFIX}${storeId}`;

/** Parse a QR scene into what it points at; `null` for anything we did not print. */
export function parseScene(scene: string): { kind: 'package'; batchId: string } | { kind: 'store'; storeId: string } | null {
  if (scene.startsWith(PACKAGE_SCENE_PREFIX) && scene.length > PACKAGE_SCENE_PREFIX.length) {
    return { kind: 'package', batchId: scene.slice(PACKAGE_SCENE_PREFIX.length) };
  }
  if (scene.startsWith(STORE_SCENE_PREFIX) && scene.length > STORE_SCENE_PREFIX.length) {
    return { kind: 'store', storeId: scene.slice(STORE_SCENE_PREFIX.length) };
  }
  return null;
}
