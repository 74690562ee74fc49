import type { BatchDoc, OrderDoc, OrderItem, ShipmentDoc, TemperatureReading } from '../../shared/catalog/model';
import { chinaDate } from '../../shared/time/clock';
import { mulberry32 } from '../../shared/random/mulberry32';
import { productById } from './catalog';
import { customerProfile } from './people';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const READING_INTERVAL_MS = 10 * MINUTE_MS;
/** Frozen goods must stay at or below −15 °C (DOMAIN.md compensation tiers count the minutes above it). */
const THRESHOLD_CELSIUS = -15;

/**
 * What happened to an order, which decides its times and its shipment:
 * - `on_time`: delivered before the promise, readings around −18 °C.
 * - `late`: held at a transfer hub, delivered more than 24 h after the promise (still cold).
 * - `excursion_40`: on time, but the box stood ~40 minutes above −15 °C while unloading (coupon tier).
 * - `excursion_150`: the truck's refrigeration failed: ~150 minutes above −15 °C and a few hours late (full refund tier).
 * - `in_transit`: shipped, not yet delivered. `paid`: not yet shipped. `store`: bought and taken home in a store.
 */
type Scenario = 'on_time' | 'late' | 'excursion_40' | 'excursion_150' | 'in_transit' | 'paid' | 'store';

interface OrderSeed {
  customer: string;
  /** Payment time, hours before `now`. */
  paidHoursAgo: number;
  /** `[productId, qty]` or `[productId, qty, batch made this many days before now]`. */
  items: Array<[string, number] | [string, number, number]>;
  scenario: Scenario;
  storeId?: string;
}

const ORDERS: OrderSeed[] = [
  // 王女士, 成都: a regular with recent orders.
  { customer: 'demo-customer-1', paidHoursAgo: 2 * 24 + 5, items: [['sausage-classic', 2, 21], ['hotpot-beef-tallow', 1]], scenario: 'on_time' },
  { customer: 'demo-customer-1', paidHoursAgo: 5 * 24 + 3, items: [['dumpling-zhong', 2], ['tangyuan-sesame', 2]], scenario: 'excursion_40' },
  { customer: 'demo-customer-1', paidHoursAgo: 9 * 24 + 7, items: [['sausage-mala', 1], ['bacon-smoked', 1]], scenario: 'on_time' },
  { customer: 'demo-customer-1', paidHoursAgo: 14 * 24 + 2, items: [['ciba-brown-sugar', 2], ['dumpling-cabbage', 1]], scenario: 'late' },
  { customer: 'demo-customer-1', paidHoursAgo: 20 * 24 + 6, items: [['rabbit-cold-spicy', 3]], scenario: 'on_time' },
  { customer: 'demo-customer-1', paidHoursAgo: 3, items: [['mango-panzhihua', 1]], scenario: 'paid' },
  // 李先生, 重庆: VIP, larger orders.
  { customer: 'demo-customer-2', paidHoursAgo: 3 * 24 + 4, items: [['sausage-classic', 4, 21], ['bacon-smoked', 2]], scenario: 'on_time' },
  { customer: 'demo-customer-2', paidHoursAgo: 6 * 24 + 8, items: [['dumpling-zhong', 3], ['ciba-brown-sugar', 2], ['tangyuan-sesame', 2]], scenario: 'excursion_150' },
  { customer: 'demo-customer-2', paidHoursAgo: 11 * 24 + 1, items: [['hotpot-clear-oil', 4], ['rabbit-cold-spicy', 2]], scenario: 'on_time' },
  { customer: 'demo-customer-2', paidHoursAgo: 16 * 24 + 5, items: [['mango-panzhihua', 2]], scenario: 'on_time' },
  { customer: 'demo-customer-2', paidHoursAgo: 20, items: [['dumpling-cabbage', 2], ['sausage-mala', 2]], scenario: 'in_transit' },
  { customer: 'demo-customer-2', paidHoursAgo: 25 * 24 + 9, items: [['sausage-classic', 2], ['hotpot-beef-tallow', 2]], scenario: 'on_time' },
  // 陈同学, 绵阳: new, bought in a store.
  { customer: 'demo-customer-3', paidHoursAgo: 4 * 24 + 6, items: [['sausage-classic', 1, 21], ['tangyuan-sesame', 1]], scenario: 'store', storeId: 'MY01' },
  { customer: 'demo-customer-3', paidHoursAgo: 2 * 24 + 2, items: [['bacon-smoked', 1]], scenario: 'on_time' },
];

/** Promised delivery after payment: next day in 成都 (the warehouse is there), two days elsewhere. */
const promiseHours = (city: string) => (city === '成都' ? 24 : 48);
/** Typical time on the road from the 成都 cold store. */
const transitHours = (city: string) => ({ 成都: 12, 重庆: 22, 绵阳: 16 })[city] ?? 24;

const CARRIERS = [
  { name: '顺丰冷运', tracking: (n: number) => `SF${String(1_400_000_000_000 + n * 7_919).padStart(13, '0')}` },
  { name: '京东冷链', tracking: (n: number) => `JDVC${String(20_000_000_000 + n * 104_729).padStart(11, '0')}` },
];


/** Temperatures that rise above the threshold at `start` (a reading index) and come back down. */
const EXCURSIONS: Partial<Record<Scenario, number[]>> = {
  // 4 readings above −15 °C: ~40 minutes.
  excursion_40: [-15.8, -13.9, -12.4, -11.8, -13.1, -15.6, -16.9],
  // 15 readings above −15 °C: ~150 minutes, peaking around −4 °C.
  excursion_150: [-15.9, -14.2, -12.6, -10.9, -9.3, -7.8, -6.4, -5.2, -4.3, -4.0, -4.6, -6.1, -8.2, -10.5, -12.7, -14.4, -16.2, -17.4],
};

function readings(dispatchedAt: Date, until: Date, scenario: Scenario, seed: number): TemperatureReading[] {
  const random = mulberry32(seed);
  const count = Math.floor((until.getTime() - dispatchedAt.getTime()) / READING_INTERVAL_MS) + 1;
  const list: TemperatureReading[] = [];
  for (let i = 0; i < count; i++) {
    // Around −18 °C, within ±0.9 °C of sensor noise and door openings.
    const celsius = Math.round((-18 + (random() * 1.8 - 0.9)) * 10) / 10;
    list.push({ at: new Date(dispatchedAt.getTime() + i * READING_INTERVAL_MS), celsius });
  }
  const curve = EXCURSIONS[scenario];
  if (curve) {
    const start = Math.floor(count / 2);
    curve.forEach((celsius, k) => {
      if (list[start + k]) list[start + k].celsius = celsius;
    });
  }
  return list;
}

/** The batch an item came from: the one made that many days before now, else the newest made before payment (or the oldest). */
function pickBatch(batches: BatchDoc[], productId: string, paidAt: Date, now: Date, madeDaysAgo?: number): BatchDoc | undefined {
  const own = batches.filter((b) => b.productId === productId);
  if (madeDaysAgo !== undefined) {
    const date = chinaDate(now.getTime() - madeDaysAgo * 24 * HOUR_MS);
    return own.find((b) => b.productionDate === date);
  }
  const paidDate = chinaDate(paidAt);
  const newestFirst = [...own].sort((a, b) => b.productionDate.localeCompare(a.productionDate));
  return newestFirst.find((b) => b.productionDate < paidDate) ?? newestFirst.at(-1);
}

/** Orders of the demo customers and the cold-chain shipment of every order that left the warehouse. */
export function buildOrdersAndShipments(now: Date, batches: BatchDoc[]): { orders: OrderDoc[]; shipments: ShipmentDoc[] } {
  const orders: OrderDoc[] = [];
  const shipments: ShipmentDoc[] = [];
  // Whole minutes, so times read naturally.
  const base = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;

  ORDERS.forEach((seed, index) => {
    const profile = customerProfile(seed.customer);
    const paidAt = new Date(base - seed.paidHoursAgo * HOUR_MS - ((index * 17) % 50) * MINUTE_MS);
    const items: OrderItem[] = seed.items.map(([productId, qty, madeDaysAgo]) => {
      const batch = pickBatch(batches, productId, paidAt, now, madeDaysAgo);
      return { productId, ...(batch ? { batchId: batch._id } : {}), qty, priceFen: productById(productId).priceFen };
    });
    const orderNo = `SO${chinaDate(paidAt).replaceAll('-', '')}${String(100 + index * 23).padStart(6, '0')}`;
    const city = seed.storeId ? '绵阳' : profile.city;
    const promisedBy = new Date(paidAt.getTime() + (seed.scenario === 'store' ? 0 : promiseHours(city)) * HOUR_MS);

    let dispatchedAt: Date | undefined;
    let deliveredAt: Date | undefined;
    switch (seed.scenario) {
      case 'store':
        deliveredAt = paidAt;
        break;
      case 'paid':
        break;
      case 'in_transit':
        dispatchedAt = new Date(paidAt.getTime() + 5 * HOUR_MS);
        break;
      case 'late':
        // Stuck at the transfer hub: dispatched late, delivered 27 h after the promise.
        deliveredAt = new Date(promisedBy.getTime() + 27 * HOUR_MS);
        dispatchedAt = new Date(deliveredAt.getTime() - (transitHours(city) + 18) * HOUR_MS);
        break;
      case 'excursion_150':
        dispatchedAt = new Date(paidAt.getTime() + 4 * HOUR_MS);
        deliveredAt = new Date(promisedBy.getTime() + 5 * HOUR_MS);
        break;
      default:
        dispatchedAt = new Date(paidAt.getTime() + 4 * HOUR_MS);
        deliveredAt = new Date(dispatchedAt.getTime() + transitHours(city) * HOUR_MS);
    }

    orders.push({
      _id: orderNo,
      orderNo,
      customerOpenid: seed.customer,
      channel: seed.storeId ? 'store' : 'miniprogram',
      ...(seed.storeId ? { storeId: seed.storeId } : {}),
      items,
      totalFen: items.reduce((sum, item) => sum + item.qty * item.priceFen, 0),
      city,
      region: seed.storeId ? '川北片区' : profile.region,
      paidAt,
      promisedBy,
      ...(deliveredAt ? { deliveredAt } : {}),
      status: deliveredAt ? 'delivered' : dispatchedAt ? 'shipped' : 'paid',
    });

    if (dispatchedAt) {
      const carrier = CARRIERS[index % CARRIERS.length];
      // In transit: readings up to the last 10-minute mark before now.
      const until = deliveredAt ?? new Date(base);
      shipments.push({
        _id: `ship-${orderNo}`,
        orderNo,
        carrier: carrier.name,
        trackingNo: carrier.tracking(index + 1),
        dispatchedAt,
        ...(deliveredAt ? { deliveredAt } : {}),
        thresholdCelsius: THRESHOLD_CELSIUS,
        readings: readings(dispatchedAt, until, seed.scenario, 1000 + index),
      });
    }
  });
  return { orders, shipments };
}
