import type { CompensationSuggestionView, SimilarCase } from '../api/functions/ticket';
import { approvalExplanation, type ApprovalLimits, type RequiredApprover } from '../compensation/approval';
import { describeOffer } from '../compensation/offer';
import type { CompensationSuggestion } from '../compensation/rules';
import type { TemperatureReading } from '../catalog/model';
import type { ComplaintDoc } from '../complaint/document';
import type { Taxonomy } from '../complaint/taxonomy';
import { toIso } from '../time/clock';

/** A rule's suggestion as the compensation picker shows it: what, why, and who must approve it for this caller. */
export function suggestionView(s: CompensationSuggestion, approvalNeeded: RequiredApprover, limits: ApprovalLimits): CompensationSuggestionView {
  return {
    offer: s.offer,
    summary: describeOffer(s.offer),
    rule: s.rule,
    automatic: s.automatic,
    requiresQcReview: s.requiresQcReview,
    ...(s.alternativeGroup ? { alternativeGroup: s.alternativeGroup } : {}),
    approvalNeeded,
    approvalText: s.requiresQcReview && approvalNeeded !== 'none' ? `食品安全补偿须质检复核；${approvalExplanation(s.offer.valueFen, limits)}` : approvalExplanation(s.offer.valueFen, limits),
  };
}

/**
 * At most `max` readings for the temperature curve: every n-th sample, plus every sample above the threshold so
 * an excursion never disappears from the picture by thinning.
 */
export function thinReadings(readings: readonly TemperatureReading[], thresholdCelsius: number, max = 96): Array<{ at: string; celsius: number }> {
  const sorted = [...readings].filter((r) => Number.isFinite(r.celsius)).sort((a, b) => a.at.getTime() - b.at.getTime());
  const step = Math.max(1, Math.ceil(sorted.length / max));
  return sorted.filter((r, i) => i % step === 0 || i === sorted.length - 1 || r.celsius > thresholdCelsius).map((r) => ({ at: toIso(r.at), celsius: r.celsius }));
}

type ClosedCase = Pick<ComplaintDoc, '_id' | 'ticketNo' | 'createdAt' | 'resolvedAt' | 'status' | 'description' | 'productName' | 'rootCause' | 'solution' | 'compensation' | 'rating'> &
  Partial<Pick<ComplaintDoc, 'subcategory' | 'archive'>>;

/** Subcategory code → label, for case cards. */
export function subcategoryLabels(taxonomy: Taxonomy): Map<string, string> {
  return new Map(taxonomy.categories.flatMap((c) => c.subcategories.map((s) => [s.code, s.label] as const)));
}

/** A past ticket as the agent reads it beside the current one: what it was, why, and what settled it. */
export function similarCase(d: ClosedCase, labels?: ReadonlyMap<string, string>): SimilarCase {
  const accepted = d.solution && d.solution.state !== 'withdrawn' ? d.solution.text : undefined;
  return {
    complaintId: d._id,
    ticketNo: d.ticketNo,
    createdAt: toIso(d.createdAt),
    ...(d.resolvedAt ? { resolvedAt: toIso(d.resolvedAt) } : {}),
    status: d.status,
    summary: d.description.length > 60 ? `${d.description.slice(0, 60)}…` : d.description,
    ...(d.productName ? { productName: d.productName } : {}),
    ...(d.rootCause ? { rootCause: d.rootCause } : {}),
    ...(accepted ? { solution: accepted } : {}),
    ...(d.compensation ? { compensation: d.compensation.summary } : {}),
    ...(d.rating ? { stars: d.rating.stars } : {}),
    ...(d.subcategory ? { subcategory: d.subcategory, subcategoryLabel: labels?.get(d.subcategory) ?? d.subcategory } : {}),
    ...(d.archive ? { archive: { note: d.archive.note, ...(d.archive.byName ? { byName: d.archive.byName } : {}), at: toIso(d.archive.at) } } : {}),
  };
}
