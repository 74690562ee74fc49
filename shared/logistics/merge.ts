import type { OrderDoc, ShipmentDoc, TemperatureReading } from '../catalog/model';
import type { OrderRow, ReadingRow, ShipmentRow } from './rows';

export interface ReadingCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Merge incoming readings into a shipment's list, by reading id: a new id is added, a known id with another time or
 * temperature replaces the old one (the logger corrected it), a known id with the same values changes nothing — so
 * a re-sent push or a re-imported file is harmless. A reading stored without an id (older data) at the same instant as
 * an incoming one is that reading: it takes the id (counted as updated) rather than being doubled. The result is
 * sorted by time, as the chart and the excursion arithmetic read it.
 */
export function mergeReadings(existing: readonly TemperatureReading[], incoming: ReadonlyArray<Pick<ReadingRow, 'readingId' | 'at' | 'celsius'>>): { readings: TemperatureReading[]; counts: ReadingCounts } {
  const byId = new Map<string, number>();
  // Readings stored before ids existed (the demo data, older imports) are matched by their time instead, and take the id.
  const anonymousByTime = new Map<number, number>();
  const readings = existing.map((r) => ({ ...r }));
  readings.forEach((r, i) => (r.id ? byId.set(r.id, i) : anonymousByTime.set(r.at.getTime(), i)));
  const counts: ReadingCounts = { added: 0, updated: 0, unchanged: 0 };
  for (const r of incoming) {
    const at = r.at instanceof Date ? r.at : new Date(r.at);
    let i = byId.get(r.readingId);
    if (i === undefined && anonymousByTime.has(at.getTime())) {
      i = anonymousByTime.get(at.getTime())!;
      anonymousByTime.delete(at.getTime());
      readings[i] = { ...readings[i], id: r.readingId };
      byId.set(r.readingId, i);
      if (readings[i].celsius === r.celsius) {
        counts.updated++; // the id is new information worth storing, the reading itself is the same
        continue;
      }
    }
    if (i === undefined) {
      byId.set(r.readingId, readings.length);
      readings.push({ id: r.readingId, at, celsius: r.celsius });
      counts.added++;
    } else if (readings[i].at.getTime() !== at.getTime() || readings[i].celsius !== r.celsius) {
      readings[i] = { id: r.readingId, at, celsius: r.celsius };
      counts.updated++;
    } else counts.unchanged++;
  }
  if (counts.added || counts.updated) readings.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { readings, counts };
}

const t = (d?: Date) => (d ? new Date(d).getTime() : null);

/** The order document an imported row stands for (`_id` = order number, as the demo data and the unique index have it). */
export function orderDocOf(row: OrderRow): OrderDoc {
  return {
    _id: row.orderNo,
    orderNo: row.orderNo,
    customerOpenid: row.customerOpenid,
    channel: row.channel,
    ...(row.storeId ? { storeId: row.storeId } : {}),
    items: row.items,
    totalFen: row.totalFen,
    city: row.city,
    region: row.region,
    paidAt: row.paidAt,
    promisedBy: row.promisedBy,
    ...(row.deliveredAt ? { deliveredAt: row.deliveredAt } : {}),
    status: row.status,
  };
}

/** Whether a stored order already says what the row says (then the import leaves it alone). */
export function sameOrder(doc: OrderDoc, row: OrderRow): boolean {
  const next = orderDocOf(row);
  return (
    doc.customerOpenid === next.customerOpenid &&
    doc.channel === next.channel &&
    (doc.storeId ?? null) === (next.storeId ?? null) &&
    JSON.stringify(doc.items) === JSON.stringify(next.items) &&
    doc.totalFen === next.totalFen &&
    doc.city === next.city &&
    doc.region === next.region &&
    t(doc.paidAt) === t(next.paidAt) &&
    t(doc.promisedBy) === t(next.promisedBy) &&
    t(doc.deliveredAt) === t(next.deliveredAt) &&
    doc.status === next.status
  );
}

/** The shipment's own fields from a row (readings are merged separately). */
export function shipmentFields(row: ShipmentRow): Pick<ShipmentDoc, 'orderNo' | 'carrier' | 'trackingNo' | 'dispatchedAt' | 'deliveredAt' | 'thresholdCelsius'> {
  return {
    orderNo: row.orderNo,
    carrier: row.carrier,
    trackingNo: row.trackingNo,
    dispatchedAt: row.dispatchedAt,
    ...(row.deliveredAt ? { deliveredAt: row.deliveredAt } : {}),
    thresholdCelsius: row.thresholdCelsius,
  };
}

export function sameShipment(doc: ShipmentDoc, row: ShipmentRow): boolean {
  return doc.carrier === row.carrier && doc.trackingNo === row.trackingNo && t(doc.dispatchedAt) === t(row.dispatchedAt) && t(doc.deliveredAt) === t(row.deliveredAt) && doc.thresholdCelsius === row.thresholdCelsius;
}

/** Shipments are one per order; the id is derived from the order number, as in the demo data. */
export const shipmentId = (orderNo: string) => `ship-${orderNo}`;
