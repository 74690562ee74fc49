/**
 * The configuration documents (collection `config`, `_id` = id) every function reads and the admin screens edit.
 * Kept apart from their schemas (`config-docs.ts`), so a function that only reads configuration does not bundle them.
 */
export const EDITABLE_CONFIG_IDS = ['sla', 'compensation', 'approval', 'taxonomy', 'urgency', 'escalation', 'lifecycle', 'surge', 'sampleLab'] as const;
export type EditableConfigId = (typeof EDITABLE_CONFIG_IDS)[number];
