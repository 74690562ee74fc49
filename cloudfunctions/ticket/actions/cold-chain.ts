import type { ColdChainAdvice } from '@shared/api/functions/ticket';
import type { ShipmentDoc } from '@shared/catalog/model';
import { coldChainEvidence, customerColdChainSummary } from '@shared/coldchain/evidence';
import { dataRequestTaskKey, isColdChainComplaint } from '@shared/logistics/data-request';
import { toIso } from '@shared/time/clock';
import { loadConfig } from '../../_server/config';
import { collection, getById, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import type { TaskDoc } from '../../_server/tasks';
import { loadReadable } from './access';

/**
 * ticket.coldChain: the shipment's temperature log as evidence — the thinned curve, the threshold, each excursion,
 * the gaps, the minutes above and the tier of the compensation rules — plus the customer's paragraph and the state
 * of the automatic data request to logistics.
 */
export async function coldChain(input: { complaintId: string }, ctx: ActionContext): Promise<ColdChainAdvice> {
  const [config, doc] = await Promise.all([loadConfig(), loadReadable(input.complaintId, ctx)]);
  const [[shipment], task] = await Promise.all([
    doc.orderNo ? rows<ShipmentDoc>(collection('shipments').where({ orderNo: doc.orderNo }).limit(1)) : Promise.resolve([]),
    getById<TaskDoc>('tasks', dataRequestTaskKey(doc._id)),
  ]);
  const built = shipment ? coldChainEvidence(shipment, config.compensation) : undefined;
  return {
    coldChain: isColdChainComplaint(doc),
    ...(doc.orderNo ? { orderNo: doc.orderNo } : {}),
    ...(built ? { evidence: built.evidence } : {}),
    customerSummary: customerColdChainSummary(built?.summary),
    ...(task ? { dataRequest: { status: task.status, createdAt: toIso(task.createdAt), ...(task.doneAt ? { doneAt: toIso(task.doneAt) } : {}), note: task.note } } : {}),
  };
}
