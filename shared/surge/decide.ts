import { checkWindow, type ProductBaseline, type SurgeRules, type SurgeVerdict, type WindowComplaint } from './detector';
import type { IncidentDoc } from './incident';

export type SurgeDecision =
  | { kind: 'none'; verdict?: SurgeVerdict }
  /** The batch has an incident not closed yet: the complaint joins it (and is L1 from the start). */
  | { kind: 'join'; incident: IncidentDoc }
  /** The window crossed the threshold: open an incident linking the window's complaints (this one included). */
  | { kind: 'open'; window: WindowComplaint[]; verdict: SurgeVerdict };

/**
 * What a complaint on a batch means for surges, from what one read found: the batch's open incident, its recent
 * complaints and the product's baseline. Complaints already linked to an (now closed) incident are not counted
 * again: after QC closes an incident the count starts over.
 */
export function decideSurge(
  o: { complaint: WindowComplaint; batchNo?: string; onBatch: Array<WindowComplaint & { incidentId?: string }>; baseline?: Pick<ProductBaseline, 'complaints' | 'batchDays'>; openIncident?: IncidentDoc },
  rules: SurgeRules,
): SurgeDecision {
  if (o.openIncident && o.openIncident.status !== 'closed') return { kind: 'join', incident: o.openIncident };
  const unlinked = o.onBatch.filter((c) => !c.incidentId && c._id !== o.complaint._id);
  const { window, verdict } = checkWindow(o.batchNo, [...unlinked, o.complaint], o.baseline, o.complaint.createdAt, rules);
  return verdict.surge ? { kind: 'open', window, verdict } : { kind: 'none', verdict };
}
