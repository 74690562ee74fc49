import { Text, Textarea, View } from '@tarojs/components';
import type { SpiceItem } from '@shared/api/functions/admin';
import { useState } from 'react';
import { call, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { SpiceMeter } from '../../../components/SpiceMeter';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { formatShortDateTime } from '../../../utils/time';
import '../admin.scss';
import './index.scss';

const LINE_LABELS: Record<SpiceItem['line'], string> = { cured: '腊味', hotpot: '火锅底料', frozen: '速冻', fresh: '鲜品' };
const LEVELS = [1, 2, 3, 4, 5];

interface Draft {
  productId: string;
  version: number;
  spiceLevel: number;
  spiceNote: string;
}

/**
 * 麻辣度参考库: each product's heat (1–5) and a plain description. Customers see it on the complaint form and the
 * scanned-package card, staff on the ticket — the reference a taste dispute is judged against.
 */
export default function SpiceAdminPage() {
  const session = useSession();
  const { state, reload, refresh } = useRemote(() => call('admin', 'listSpiceLevels', {}), [session.epoch]);
  const [draft, setDraft] = useState<Draft>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ClientError>();
  const [saved, setSaved] = useState<string>();

  const edit = (p: SpiceItem) => {
    setError(undefined);
    setSaved(undefined);
    setDraft({ productId: p.productId, version: p.version, spiceLevel: p.spiceLevel, spiceNote: p.spiceNote });
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setError(undefined);
    const res = await call('admin', 'saveSpiceLevel', { ...draft, spiceNote: draft.spiceNote.trim() });
    setSaving(false);
    if (!res.ok) {
      setError(res.error);
      if (res.error.code === 'CONFLICT') void refresh();
      return;
    }
    setSaved(res.data.productId);
    setDraft(undefined);
    void refresh();
  };

  const row = (p: SpiceItem) => {
    const editing = draft?.productId === p.productId ? draft : undefined;
    return (
      <View key={p.productId} className={`spice-admin__item${editing ? ' spice-admin__item--editing' : ''}`} data-product={p.productId} id={`spice-${p.productId}`}>
        <View className='spice-admin__top'>
          <View className='spice-admin__names'>
            <Text className='spice-admin__name'>{p.name}</Text>
            <Text className='a-muted'>
              {LINE_LABELS[p.line]} · {p.spec}
            </Text>
          </View>
          {!editing && (
            <ActionButton size='small' type='outline' id={`spice-edit-${p.productId}`} onClick={() => edit(p)}>
              修改
            </ActionButton>
          )}
        </View>
        {!editing && <SpiceMeter level={p.spiceLevel} note={p.spiceNote} />}
        {!editing && (p.updatedAt || saved === p.productId) && (
          <Text className='a-muted'>{saved === p.productId ? '已保存' : `${p.updatedByName ?? ''} 修改于 ${formatShortDateTime(p.updatedAt!)}`}</Text>
        )}
        {editing && (
          <View className='spice-admin__form' id='spice-form'>
            <Text className='a-label'>麻辣度</Text>
            <View className='spice-admin__levels'>
              {LEVELS.map((n) => (
                <View key={n} id={`spice-level-${n}`} className={`spice-admin__level${editing.spiceLevel === n ? ' spice-admin__level--on' : ''}`} role='button' aria-pressed={editing.spiceLevel === n} onClick={() => setDraft({ ...editing, spiceLevel: n })}>
                  {n}
                </View>
              ))}
            </View>
            <SpiceMeter level={editing.spiceLevel} />
            {error?.fields?.spiceLevel && <Text className='a-error'>{error.fields.spiceLevel}</Text>}
            <Text className='a-label'>通俗说明（顾客一看就懂：有多辣、适合谁）</Text>
            <Textarea id='spice-note' className='a-textarea' value={editing.spiceNote} maxlength={60} autoHeight onInput={(e) => setDraft({ ...editing, spiceNote: e.detail.value })} />
            <Text className='a-muted'>{editing.spiceNote.trim().length}/60</Text>
            {error?.fields?.spiceNote && <Text className='a-error'>{error.fields.spiceNote}</Text>}
            {error && !error.fields && <Text className='a-error'>{error.message}</Text>}
            <View className='a-foot'>
              <ActionButton type='outline' size='small' onClick={() => setDraft(undefined)}>
                取消
              </ActionButton>
              <ActionButton id='spice-save' size='small' loading={saving} onClick={() => void save()}>
                保存
              </ActionButton>
            </View>
          </View>
        )}
      </View>
    );
  };

  return (
    <View className='k-page k-page--plain a-page spice-admin' id='spice-admin-page'>
      <Text className='a-page-title'>麻辣度参考库</Text>
      <Text className='a-muted spice-admin__intro'>顾客在投诉表单和扫码页看到这里的麻辣度，员工处理口味争议时以此为准。修改会记入审计日志。</Text>
      {state.status === 'loading' && <LoadingSkeleton cards={2} lines={3} label='正在加载麻辣度参考库' />}
      {state.status === 'error' && <ErrorState title='麻辣度参考库加载失败' error={state.error} onRetry={state.error.code === 'FORBIDDEN' ? undefined : () => void reload()} />}
      {state.status === 'ok' && state.data.items.length === 0 && <EmptyState title='还没有商品' description='导入商品后，在这里设置每个商品的麻辣度。' />}
      {state.status === 'ok' && state.data.items.length > 0 && (
        <View className='k-card' id='spice-list'>
          {state.data.items.map(row)}
        </View>
      )}
    </View>
  );
}
