import { Text, Textarea, View } from '@tarojs/components';
import type { TicketView } from '@shared/api/functions/ticket';
import { useState } from 'react';
import type { ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import './index.scss';

export interface ArchiveControlProps {
  view: Pick<TicketView, 'archive' | 'canArchive'>;
  saving?: boolean;
  error?: ClientError;
  /** Mark (or re-word) with the lesson; resolves true when saved. */
  onArchive: (note: string) => Promise<boolean>;
  onUnarchive: () => Promise<boolean>;
}

/** 收入案例库: a lead marks a resolved ticket as exemplary with the lesson in a sentence; staff see the badge. */
export function ArchiveControl({ view, saving = false, error, onArchive, onUnarchive }: ArchiveControlProps) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(view.archive?.note ?? '');
  if (!view.archive && !view.canArchive) return null;
  const save = async () => {
    if (await onArchive(note.trim())) setEditing(false);
  };
  return (
    <View className='s-card k-archive' id='ticket-archive'>
      <View className='k-archive__head'>
        <Text className='s-title'>案例库</Text>
        {view.archive && <Text className='s-tag s-tag--warn'>已收录</Text>}
      </View>
      {view.archive && !editing && (
        <Text className='k-archive__note' id='ticket-archive-note'>
          经验：{view.archive.note}
          {view.archive.byName ? `（${view.archive.byName}）` : ''}
        </Text>
      )}
      {!view.archive && !editing && <Text className='s-muted'>处理得好？收入案例库，让同事遇到同类问题时参考。</Text>}
      {editing && (
        <View>
          <Textarea id='ticket-archive-input' className='k-archive__input' value={note} maxlength={300} autoHeight placeholder='这个案例值得借鉴的地方，例如：先安抚再取证，当天给出整改措施' onInput={(e) => setNote(e.detail.value)} />
          {error && <Text className='s-error'>{error.fields?.note ?? error.message}</Text>}
        </View>
      )}
      {view.canArchive && (
        <View className='k-archive__foot'>
          {editing ? (
            <>
              <ActionButton type='outline' size='small' onClick={() => setEditing(false)}>
                取消
              </ActionButton>
              <ActionButton id='ticket-archive-save' size='small' loading={saving} onClick={() => void save()}>
                保存
              </ActionButton>
            </>
          ) : (
            <>
              {view.archive && (
                <ActionButton id='ticket-archive-remove' type='outline' size='small' loading={saving} onClick={() => void onUnarchive()}>
                  移出案例库
                </ActionButton>
              )}
              <ActionButton id='ticket-archive-edit' size='small' onClick={() => setEditing(true)}>
                {view.archive ? '修改经验' : '收入案例库'}
              </ActionButton>
            </>
          )}
        </View>
      )}
    </View>
  );
}

export default ArchiveControl;
