import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from '@shared/compensation/approval';
import { DEFAULT_COMPENSATION_RULES, type CompensationRules } from '@shared/compensation/rules';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from '@shared/complaint/lifecycle';
import { applyTaxonomyOverrides, DEFAULT_TAXONOMY, type Taxonomy, type TaxonomyOverrides } from '@shared/complaint/taxonomy';
import { DEFAULT_SAMPLE_LAB, type SampleLabConfig } from '@shared/complaint/sample';
import { DEFAULT_URGENCY_RULES, type UrgencyRules } from '@shared/complaint/urgency';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from '@shared/sla/alerts';
import { resolveSlaPolicy, type SlaPolicy, type SlaPolicyOverride } from '@shared/sla/policy';
import { DEFAULT_SURGE_RULES, type SurgeRules } from '@shared/surge/detector';
import { EDITABLE_CONFIG_IDS, type EditableConfigId } from '@shared/staff/config-ids';
import { _ } from './cloud';
import { collection, rows } from './db';

/** The configuration every decision reads: defaults from shared/, overridden by documents in `config`. */
export interface AppConfig {
  taxonomy: Taxonomy;
  urgency: UrgencyRules;
  sla: SlaPolicy;
  lifecycle: LifecycleRules;
  compensation: CompensationRules;
  approval: ApprovalLimits;
  escalation: EscalationRules;
  /** Batch surge thresholds (`shared/surge/detector.ts`). */
  surge: SurgeRules;
  /** The QC lab that receives re-inspection samples (寄样复检). */
  sampleLab: SampleLabConfig;
}

/** Every document is editable on an admin screen (`shared/staff/config-ids.ts`; schemas in `config-docs.ts`). */
export const CONFIG_IDS = EDITABLE_CONFIG_IDS;
type ConfigId = EditableConfigId;

interface ConfigDoc {
  _id: ConfigId;
  value: unknown;
}

export function resolveConfig(docs: ConfigDoc[]): AppConfig {
  const value = <T>(id: ConfigId) => docs.find((d) => d._id === id)?.value as Partial<T> | undefined;
  return {
    taxonomy: applyTaxonomyOverrides(DEFAULT_TAXONOMY, value<TaxonomyOverrides>('taxonomy') as TaxonomyOverrides | undefined),
    urgency: { ...DEFAULT_URGENCY_RULES, ...value<UrgencyRules>('urgency') },
    sla: resolveSlaPolicy(value<SlaPolicyOverride>('sla') as SlaPolicyOverride | undefined),
    lifecycle: { ...DEFAULT_LIFECYCLE_RULES, ...value<LifecycleRules>('lifecycle') },
    compensation: { ...DEFAULT_COMPENSATION_RULES, ...value<CompensationRules>('compensation') },
    approval: { ...DEFAULT_APPROVAL_LIMITS, ...value<ApprovalLimits>('approval') },
    escalation: { ...DEFAULT_ESCALATION_RULES, ...value<EscalationRules>('escalation') },
    surge: { ...DEFAULT_SURGE_RULES, ...value<SurgeRules>('surge') },
    sampleLab: { ...DEFAULT_SAMPLE_LAB, ...value<SampleLabConfig>('sampleLab') },
  };
}

/**
 * Configuration changes rarely and is read by every action, so an instance keeps it for a minute:
 * an admin's change reaches every instance within TTL_MS, and a busy instance reads it once a minute, not per call.
 */
const TTL_MS = 60_000;
let cached: { at: number; config: AppConfig } | undefined;

export async function loadConfig(now = Date.now()): Promise<AppConfig> {
  if (cached && now - cached.at < TTL_MS) return cached.config;
  const docs = await rows<ConfigDoc>(collection('config').where({ _id: _.in([...CONFIG_IDS]) }).limit(CONFIG_IDS.length));
  cached = { at: now, config: resolveConfig(docs) };
  return cached.config;
}
