import type { BatchDoc, OrderDoc, ProductDoc, ShipmentDoc, StoreDoc } from '../../shared/catalog/model';
import type { CollectionName } from '../../shared/db/collections';
import { buildBatches, buildProducts, buildStores } from './catalog';
import { buildFaqs } from './faqs';
import { buildOrdersAndShipments } from './orders';
import { buildCustomers, buildDepartments, buildStaff } from './people';
import type { CustomerDoc, DepartmentDoc, FaqDoc, StaffDoc } from './types';

export type { CustomerDoc, DepartmentDoc, FaqDoc, StaffDoc } from './types';

/** The demo environment's documents by collection name (a type alias, so it is also a `Record<string, object[]>`). */
export type DemoData = {
  departments: DepartmentDoc[];
  staff: StaffDoc[];
  customers: CustomerDoc[];
  products: ProductDoc[];
  batches: BatchDoc[];
  stores: StoreDoc[];
  orders: OrderDoc[];
  shipments: ShipmentDoc[];
  faqs: FaqDoc[];
  config: object[];
};

/**
 * Everything a fresh local environment starts with: departments, the demo staff and customers (DEMO_IDENTITIES),
 * the product range with batches and package QR scenes, stores with store QR scenes, orders with cold-chain
 * shipments (one late delivery, two temperature excursions) and FAQ answers.
 * Pure and deterministic: the same `now` gives the same documents; every time is relative to `now`.
 */
export function buildDemoData(now: Date): DemoData {
  const batches = buildBatches(now);
  const { orders, shipments } = buildOrdersAndShipments(now, batches);
  return {
    departments: buildDepartments(),
    staff: buildStaff(),
    customers: buildCustomers(now),
    products: buildProducts(),
    batches,
    stores: buildStores(),
    orders,
    shipments,
    faqs: buildFaqs(),
    // Configuration documents (SLA policy, compensation rules, …) belong to the features that read them.
    config: [],
  };
}

/** Compile-time check that every key of DemoData is a declared collection (a stray key makes this an error). */
const KEYS_ARE_COLLECTIONS: Record<Exclude<keyof DemoData, CollectionName>, never> = {};
void KEYS_ARE_COLLECTIONS;
