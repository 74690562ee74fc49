import type { OrderDoc, ShipmentDoc } from '@shared/catalog/model';
import { customerColdChainSummary } from '@shared/coldchain/evidence';
import { summarizeShipment } from '@shared/coldchain/excursion';
import type { ComplaintDoc, EventDoc } from '@shared/complaint/document';
import { COLD_CHAIN_SUBCATEGORIES, dataRequestTaskKey } from '@shared/logistics/data-request';
import { mergeReadings, orderDocOf, sameOrder, sameShipment, shipmentFields, shipmentId, type ReadingCounts } from '@shared/logistics/merge';
import type { LogisticsBatch } from '@shared/logistics/parse';
import type { ImportReport } from '@shared/logistics/report';
import type { ReadingRow, RowError } from '@shared/logistics/rows';
import { appendEvents } from './audit';
import { _ } from './cloud';
import { addIgnoringDuplicates, collection, isDuplicateKeyError, rows, updatedCount } from './db';


/** Thrown when a valid-looking batch points at orders or shipments that do not exist: nothing has been written. */
export class BatchRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super('batch rejected');
  }
}

/** `_.in` lists and `get()` answers are bounded (1000 server-side); 500 keeps both comfortably inside. */
const CHUNK = 500;
/** Parallel writes per import: enough to hide round-trip latency, few enough not to swamp the database. */
const WRITE_PARALLELISM = 8;
/** A shipment written by someone else between our read and our write is re-read and re-merged this many times. */
const MAX_RETRIES = 5;

const chunks = <T>(list: T[], size = CHUNK) => Array.from({ length: Math.ceil(list.length / size) }, (_v, i) => list.slice(i * size, (i + 1) * size));

async function byOrderNo<T extends { orderNo: string }>(name: 'orders' | 'shipments', orderNos: string[]): Promise<Map<string, T>> {
  const found = await Promise.all(chunks(orderNos).map((list) => rows<T>(collection(name).where({ orderNo: _.in(list) }).limit(1000))));
  return new Map(found.flat().map((d) => [d.orderNo, d]));
}

async function parallel<T>(items: T[], task: (item: T) => Promise<void>, limit = WRITE_PARALLELISM): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/**
 * Write a validated batch: orders upserted by order number, shipments by order (one shipment per order, as the
 * domain has it), readings merged into their shipment by reading id. References are checked against the
 * database BEFORE anything is written, so a batch is refused whole. The writes themselves are not one transaction
 * (CloudBase transactions cannot `where`, and a batch can touch hundreds of documents); if the function dies half
 * way, sending the same batch again completes it and changes nothing that was already written.
 *
 * Orders take the last import's values (the logistics system is their source of record). Shipments are written
 * conditionally on the `rev` read, so two pushes for one shipment at once both land: the loser re-reads and
 * re-merges.
 */
export async function applyBatch(batch: LogisticsBatch, now: Date): Promise<ImportReport> {
  const report: ImportReport = { orders: { created: 0, updated: 0, unchanged: 0 }, shipments: { created: 0, updated: 0, unchanged: 0 }, readings: { added: 0, updated: 0, unchanged: 0 }, complaintsNotified: 0 };
  const shipmentOrderNos = [...new Set([...batch.shipments.map((s) => s.orderNo), ...batch.readings.map((r) => r.orderNo)])];
  // Readings only need their shipment; orders are read for the order rows and for shipments that must point at one.
  const orderNos = [...new Set([...batch.orders.map((o) => o.orderNo), ...batch.shipments.map((s) => s.orderNo)])];
  const [orders, shipments] = await Promise.all([
    orderNos.length ? byOrderNo<OrderDoc>('orders', orderNos) : new Map<string, OrderDoc>(),
    shipmentOrderNos.length ? byOrderNo<ShipmentDoc>('shipments', shipmentOrderNos) : new Map<string, ShipmentDoc>(),
  ]);

  // References, all checked before the first write.
  const batchOrders = new Set(batch.orders.map((o) => o.orderNo));
  const batchShipments = new Set(batch.shipments.map((s) => s.orderNo));
  const errors: RowError[] = [];
  for (const s of batch.shipments) if (!orders.has(s.orderNo) && !batchOrders.has(s.orderNo)) errors.push({ where: s.where, field: 'orderNo', message: `订单 ${s.orderNo} 不存在（请先导入订单）` });
  for (const r of batch.readings) if (!shipments.has(r.orderNo) && !batchShipments.has(r.orderNo)) errors.push({ where: r.where, field: 'orderNo', message: `订单 ${r.orderNo} 还没有运单（请先导入运单）` });
  if (errors.length) throw new BatchRejected(errors);

  // Orders.
  const newOrders: OrderDoc[] = [];
  const changedOrders: OrderDoc[] = [];
  for (const row of batch.orders) {
    const current = orders.get(row.orderNo);
    if (!current) newOrders.push({ ...orderDocOf(row), importedAt: now });
    else if (sameOrder(current, row)) report.orders.unchanged++;
    else changedOrders.push({ ...orderDocOf(row), _id: current._id });
  }
  for (const list of chunks(newOrders, 200)) await addIgnoringDuplicates('orders', list);
  report.orders.created = newOrders.length;
  await parallel(changedOrders, async (doc) => {
    const { _id, ...data } = doc;
    await collection('orders').where({ _id }).update({ data: { ...data, deliveredAt: data.deliveredAt ?? _.remove(), storeId: data.storeId ?? _.remove(), importedAt: now } });
  });
  report.orders.updated = changedOrders.length;

  // Shipments and their readings.
  const readingsByOrder = new Map<string, ReadingRow[]>();
  for (const r of batch.readings) {
    const list = readingsByOrder.get(r.orderNo);
    if (list) list.push(r);
    else readingsByOrder.set(r.orderNo, [r]);
  }
  const rowByOrder = new Map(batch.shipments.map((s) => [s.orderNo, s]));
  const withNewReadings: ShipmentDoc[] = [];
  await parallel(shipmentOrderNos, async (orderNo) => {
    const outcome = await writeShipment(orderNo, shipments.get(orderNo), rowByOrder.get(orderNo), readingsByOrder.get(orderNo) ?? [], now);
    report.shipments[outcome.shipment]++;
    report.readings.added += outcome.readings.added;
    report.readings.updated += outcome.readings.updated;
    report.readings.unchanged += outcome.readings.unchanged;
    if (outcome.doc && (outcome.readings.added || outcome.readings.updated)) withNewReadings.push(outcome.doc);
  });

  report.complaintsNotified = await tellOpenComplaints(withNewReadings, now);
  return report;
}

type ShipmentOutcome = { shipment: 'created' | 'updated' | 'unchanged'; readings: ReadingCounts; doc?: ShipmentDoc };

async function writeShipment(orderNo: string, current: ShipmentDoc | undefined, row: LogisticsBatch['shipments'][number] | undefined, readings: ReadingRow[], now: Date): Promise<ShipmentOutcome> {
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    if (!current) {
      // References were checked: a shipment missing here has its row in this batch.
      const merged = mergeReadings([], readings);
      const doc: ShipmentDoc = { _id: shipmentId(orderNo), ...shipmentFields(row!), readings: merged.readings, rev: 1, updatedAt: now };
      try {
        await collection('shipments').add({ data: doc });
        return { shipment: 'created', readings: merged.counts, doc };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        current = await reread(orderNo);
        continue;
      }
    }
    const merged = mergeReadings(current.readings ?? [], readings);
    const fieldsChanged = !!row && !sameShipment(current, row);
    if (!fieldsChanged && !merged.counts.added && !merged.counts.updated) return { shipment: 'unchanged', readings: merged.counts };
    const rev = current.rev ?? 0;
    const next: ShipmentDoc = { ...current, ...(row ? shipmentFields(row) : {}), readings: merged.readings, rev: rev + 1, updatedAt: now };
    const { _id, ...data } = next;
    const where = rev === 0 ? { _id: current._id, rev: _.exists(false) } : { _id: current._id, rev };
    const updated = await updatedCount(collection('shipments').where(where).update({ data: { ...data, ...(row && !row.deliveredAt ? { deliveredAt: _.remove() } : {}) } }));
    if (updated) return { shipment: fieldsChanged ? 'updated' : 'unchanged', readings: merged.counts, doc: next };
    current = await reread(orderNo);
  }
  throw new Error(`shipment of ${orderNo} kept changing during the import`);
}

async function reread(orderNo: string): Promise<ShipmentDoc | undefined> {
  return (await rows<ShipmentDoc>(collection('shipments').where({ orderNo }).limit(1)))[0];
}

const OPEN = (status: ComplaintDoc['status']) => status !== 'resolved' && status !== 'closed';

/**
 * Readings arrived for orders that have open cold-chain complaints: a timeline entry on each (the customer sees
 * the log is in; the agent sees the summary) and their data-request tasks closed. Event ids carry the shipment's
 * revision, so a retried import logs once and a later import with more readings logs again.
 */
async function tellOpenComplaints(shipments: ShipmentDoc[], now: Date): Promise<number> {
  if (!shipments.length) return 0;
  const byOrder = new Map(shipments.map((s) => [s.orderNo, s]));
  const found = await Promise.all(
    chunks([...byOrder.keys()]).map((list) =>
      rows<Pick<ComplaintDoc, '_id' | 'ticketNo' | 'status' | 'orderNo'>>(
        collection('complaints')
          .where({ orderNo: _.in(list), subcategory: _.in([...COLD_CHAIN_SUBCATEGORIES]) })
          .field({ _id: true, ticketNo: true, status: true, orderNo: true })
          .limit(1000),
      ),
    ),
  );
  const open = found.flat().filter((c) => OPEN(c.status) && c.orderNo);
  if (!open.length) return 0;
  const events: EventDoc[] = open.map((c) => {
    const shipment = byOrder.get(c.orderNo!)!;
    const summary = summarizeShipment(shipment);
    return {
      _id: `${c._id}:coldchain-data:${shipment.rev ?? 0}`,
      complaintId: c._id,
      ticketNo: c.ticketNo,
      at: now,
      actorOpenid: 'system',
      actorRole: 'system',
      actorName: '物流系统',
      action: 'coldchain_data',
      after: { orderNo: c.orderNo, readingCount: summary.readingCount, minutesAbove: summary.minutesAbove, missingData: summary.missingData },
      note: `已取得运输温度记录：${customerColdChainSummary(summary)}`,
      visibility: 'customer',
    };
  });
  await appendEvents(events);
  const keys = open.map((c) => dataRequestTaskKey(c._id));
  await Promise.all(chunks(keys).map((list) => collection('tasks').where({ dedupeKey: _.in(list), status: 'open' }).update({ data: { status: 'done', doneAt: now } })));
  return open.length;
}
