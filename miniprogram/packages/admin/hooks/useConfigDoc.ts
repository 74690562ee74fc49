import type { ConfigView } from '@shared/api/functions/admin';
import type { ConfigValues, EditableConfigId } from '@shared/staff/config-docs';
import { useEffect, useState } from 'react';
import { call, type ClientError } from '../../../api';
import { useRemote } from '../../../hooks/useRemote';

/**
 * One configuration document for a form: the stored value (or the defaults) as a draft, and a save that names the
 * version read — a stale one answers CONFLICT and the form reloads. Field errors keep the server's paths without
 * the leading `value.`.
 */
export function useConfigDoc<K extends EditableConfigId>(id: K, epoch: number) {
  const remote = useRemote(() => call('admin', 'getConfig', { id }), [id, epoch]);
  const [draft, setDraft] = useState<ConfigValues[K]>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ClientError>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (remote.state.status === 'ok') setDraft(structuredCloneSafe(remote.state.data.value as ConfigValues[K]));
  }, [remote.state]);

  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(error?.fields ?? {})) fields[k.replace(/^value\.?/, '') || 'value'] = v;

  const save = async () => {
    if (remote.state.status !== 'ok' || !draft) return;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    const res = await call('admin', 'saveConfig', { id, version: remote.state.data.version, value: draft } as never);
    setSaving(false);
    if (res.ok) {
      remote.replace(res.data as ConfigView);
      setSaved(true);
    } else {
      setError(res.error);
    }
  };

  const reset = () => remote.state.status === 'ok' && setDraft(structuredCloneSafe(remote.state.data.defaults as ConfigValues[K]));

  return { remote, draft, setDraft, save, saving, error, fields, saved, reset, reload: remote.reload };
}

/** A deep copy (JSON values only), so editing the draft never mutates what the server sent. */
function structuredCloneSafe<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
