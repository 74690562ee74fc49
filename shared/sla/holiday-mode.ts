import type { HolidayRouting } from '../complaint/routing';
import { chinaDateOf } from './calendar';
import { DEFAULT_SLA_POLICY, type HolidayModePeriod, type SlaPolicy } from './policy';

/** Holiday mode at an instant, shaped for routing (`HolidayRouting`) plus the factor the SLA applies. */
export interface HolidayModeState extends HolidayRouting {
  /** 1 when no holiday mode is active. */
  factor: number;
  period?: HolidayModePeriod;
}

/**
 * Whether a configured holiday-mode period covers the China date of `at` (from/to inclusive). When periods
 * overlap the first one listed wins, so the admin decides by ordering rather than by a hidden rule.
 */
export function holidayModeAt(at: Date, policy: SlaPolicy = DEFAULT_SLA_POLICY): HolidayModeState {
  const date = chinaDateOf(at.getTime());
  const period = policy.holidayModes.find((p) => p.from <= date && date <= p.to);
  if (!period) return { active: false, dutyTeam: [], factor: 1 };
  return { active: true, name: period.name, dutyTeam: period.dutyTeam, factor: period.factor, period };
}
