import type { ConfigView, SaveConfigInput } from '@shared/api/functions/admin';
import { AppError } from '@shared/api/envelope';
import { auditEntry } from '@shared/staff/audit';
import { CONFIG_DEFAULTS, CONFIG_LABELS, crossFieldErrors, type EditableConfigId } from '@shared/staff/config-docs';
import { toIso } from '@shared/time/clock';
import { _ } from '../../_server/cloud';
import { collection, getById, isDuplicateKeyError, updatedCount } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { actorOf, recentAudit, writeAudit } from './audit';

/** A stored configuration document; `cloudfunctions/_server/config.ts` reads `value` (60 s cache per instance). */
interface ConfigDoc {
  _id: EditableConfigId;
  value: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string;
  updatedByName?: string;
}

async function view(id: EditableConfigId, doc: ConfigDoc | undefined): Promise<ConfigView> {
  return {
    id,
    version: doc?.version ?? 0,
    value: doc?.value ?? CONFIG_DEFAULTS[id],
    defaults: CONFIG_DEFAULTS[id],
    ...(doc ? { updatedAt: toIso(doc.updatedAt), updatedByName: doc.updatedByName ?? doc.updatedBy } : {}),
    history: await recentAudit(`config:${id}`),
  };
}

export async function getConfig(input: { id: EditableConfigId }): Promise<ConfigView> {
  return view(input.id, await getById<ConfigDoc>('config', input.id));
}

/**
 * admin.saveConfig: the whole document is validated (schema per id, then the rules across fields), written
 * conditional on the version the admin read, and logged with before and after. Every function instance picks
 * it up within its configuration cache (60 s).
 */
export async function saveConfig(input: SaveConfigInput, ctx: ActionContext): Promise<ConfigView> {
  const errors = crossFieldErrors(input.id, input.value);
  if (Object.keys(errors).length) throw new AppError('INVALID_INPUT', '有几项需要修改', errors);
  const current = await getById<ConfigDoc>('config', input.id);
  const stale = () => new AppError('CONFLICT', '这份配置刚被其他人修改过，请刷新后再保存');
  if ((current?.version ?? 0) !== input.version) throw stale();
  const now = ctx.now();
  const next: ConfigDoc = { _id: input.id, value: input.value, version: input.version + 1, updatedAt: now, updatedBy: ctx.caller.openid!, ...(ctx.caller.name ? { updatedByName: ctx.caller.name } : {}) };
  if (!current) {
    try {
      await collection('config').add({ data: next });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw stale();
      throw error;
    }
  } else {
    const { _id, ...fields } = next;
    // `_.set` replaces the value whole: a nested update would merge and keep fields the admin removed.
    const updated = await updatedCount(collection('config').where({ _id: input.id, version: input.version }).update({ data: { ...fields, value: _.set(input.value) } }));
    if (!updated) throw stale();
  }
  await writeAudit(
    auditEntry(
      { at: now, ...actorOf(ctx), target: `config:${input.id}`, action: 'save_config', summary: `修改「${CONFIG_LABELS[input.id]}」（第 ${next.version} 版）`, before: current?.value ?? CONFIG_DEFAULTS[input.id], after: input.value },
      `v${next.version}`,
    ),
  );
  return view(input.id, next);
}
