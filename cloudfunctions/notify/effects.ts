import type { ShipmentDoc } from '@shared/catalog/model';
import { summarizeShipment } from '@shared/coldchain/excursion';
import { dataRequestTaskKey } from '@shared/logistics/data-request';
import type { OutboxDoc } from '@shared/notify/outbox';
import { appendEvents } from '../_server/audit';
import { collection, rows } from '../_server/db';
import { enqueue } from '../_server/outbox';
import { createTask } from '../_server/tasks';
import type { Outcome } from './deliver';

/**
 * Side effects that travel through the outbox (audience `system`): the drain claims, retries and dead-letters
 * them like messages, and each effect is idempotent (ids from the complaint), so a retry does nothing twice.
 */
export async function runSystemEffect(doc: OutboxDoc, attempt: number, now: Date): Promise<Outcome> {
  if (doc.kind === 'coldchain_data_request') return coldChainDataRequest(doc, attempt, now);
  return { ok: false, error: `未知的系统任务：${doc.kind}`, permanent: true, records: [] };
}

/**
 * A cold-chain complaint arrived: when the order's shipment has no usable temperature log (no shipment, no
 * readings, or gaps), open a task for logistics to supply it, tell their group, and note it on the ticket. When
 * the readings arrive later, the import closes the task and records it on the ticket.
 */
async function coldChainDataRequest(doc: OutboxDoc, attempt: number, now: Date): Promise<Outcome> {
  const orderNo = doc.data.orderNo;
  const complaintId = doc.complaintId;
  if (!orderNo || !complaintId || !doc.ticketNo) return { ok: false, error: '缺少订单号或工单', permanent: true, records: [] };
  const [shipment] = await rows<ShipmentDoc>(collection('shipments').where({ orderNo }).limit(1));
  const summary = shipment ? summarizeShipment(shipment) : undefined;
  const record = (providerId: string) => ({ at: now, attempt, channel: 'task' as const, ok: true, providerId });
  if (summary && summary.readingCount > 0 && !summary.missingData) return { ok: true, channel: 'task', providerId: 'data-complete', records: [record('data-complete')] };

  const what = !shipment ? '没有运单' : summary!.readingCount === 0 ? '运单没有温度记录' : '温度记录有缺口';
  const note = `冷链投诉：订单 ${orderNo} ${what}，请补充运输温度记录（导入或推送后自动关闭）`;
  const key = dataRequestTaskKey(complaintId);
  await createTask({ dedupeKey: key, kind: 'data_request', department: 'logistics', complaintId, ticketNo: doc.ticketNo, orderNo, note }, now);
  await Promise.all([
    enqueue(
      [{ dedupeKey: `${key}:notice`, kind: 'staff_assist', audience: 'department', to: 'logistics', complaintId, ticketNo: doc.ticketNo, ...(doc.level ? { level: doc.level } : {}), data: { ticketNo: doc.ticketNo, event: note } }],
      now,
    ),
    appendEvents([
      { _id: `${complaintId}:coldchain-request`, complaintId, ticketNo: doc.ticketNo, at: now, actorOpenid: 'system', actorRole: 'system', actorName: '系统', action: 'assist', after: { department: 'logistics', orderNo, reason: what }, note: `已请物流部补充订单 ${orderNo} 的运输温度记录（${what}）`, visibility: 'internal' },
    ]),
  ]);
  return { ok: true, channel: 'task', providerId: key, records: [record(key)] };
}
