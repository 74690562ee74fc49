import { ROLE_LABELS, type StaffRole } from '../auth/roles';
import { formatYuan } from './offer';
import type { CompensationStatus } from './types';

/** DOMAIN.md: an agent grants up to ¥50 alone, a department head up to ¥200, the manager above (limits inclusive). */
export interface ApprovalLimits {
  agentMaxFen: number;
  headMaxFen: number;
}

export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = { agentMaxFen: 5000, headMaxFen: 20000 };

export type RequiredApprover = 'none' | 'head' | 'manager';

/** Who must approve what an agent proposes. A value that is not a number goes to the manager: never wave money through. */
export function requiredApprover(valueFen: number, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): RequiredApprover {
  if (!Number.isFinite(valueFen)) return 'manager';
  if (valueFen <= limits.agentMaxFen) return 'none';
  if (valueFen <= limits.headMaxFen) return 'head';
  return 'manager';
}

/** Whether someone in `role` may grant (or approve) compensation worth `valueFen`. Admin decides like a manager. */
export function canApprove(role: StaffRole, valueFen: number, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): boolean {
  switch (role) {
    case 'manager':
    case 'admin':
      return true;
    case 'head':
      return requiredApprover(valueFen, limits) !== 'manager';
    case 'agent':
      return requiredApprover(valueFen, limits) === 'none';
    default:
      return false;
  }
}

/** The sentence the UI shows next to an amount: `超过 ¥50 需部门主管审批`. */
export function approvalExplanation(valueFen: number, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): string {
  switch (requiredApprover(valueFen, limits)) {
    case 'none':
      return `${formatYuan(limits.agentMaxFen)} 以内，专员可直接发放`;
    case 'head':
      return `超过 ${formatYuan(limits.agentMaxFen)} 需${ROLE_LABELS.head}审批`;
    case 'manager':
      return `超过 ${formatYuan(limits.headMaxFen)} 需${ROLE_LABELS.manager}审批`;
  }
}

/** The status a new record starts in, for the one who proposes it. */
export function initialCompensationStatus(proposer: StaffRole, valueFen: number, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): CompensationStatus {
  return canApprove(proposer, valueFen, limits) ? 'approved' : 'pending_approval';
}
