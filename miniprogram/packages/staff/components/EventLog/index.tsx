import { Text, Textarea, View } from '@tarojs/components';
import type { StaffEventView } from '@shared/api/functions/ticket';
import { STATUS_LABELS } from '@shared/complaint/lifecycle';
import { useState } from 'react';
import type { ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface EventLogProps {
  events: StaffEventView[];
  saving: boolean;
  error?: ClientError;
  onNote: (text: string) => Promise<boolean>;
}

const ACTION_LABELS: Record<string, string> = {
  submit: '提交',
  route: '分派',
  claim: '认领',
  assign: '改派',
  transition: '状态变更',
  note: '内部备注',
  reply: '回复顾客',
  propose: '提出方案',
  approve: '审批',
  respond: '顾客答复',
  compensate: '补偿',
  rate: '评价',
  reveal_phone: '查看号码',
  reclassify: '更正分类',
  assist: '请求协助',
  nudge: '顾客催促',
  sample: '寄样复检',
  sla_alert: '时效预警',
  auto: '自动',
};

/** Everything that happened, newest first (internal notes marked), and a box for a new internal note. */
export function EventLog({ events, saving, error, onNote }: EventLogProps) {
  const [text, setText] = useState('');
  const list = [...events].reverse();
  return (
    <View className='s-card k-log' id='ticket-events'>
      <Text className='s-title'>处理记录与内部备注</Text>
      <View className='k-log__compose'>
        <Textarea id='note-text' className='s-textarea' value={text} maxlength={1000} autoHeight placeholder='内部备注：顾客看不到' onInput={(e) => setText(e.detail.value)} />
        {error && (
          <Text className='s-error' aria-live='assertive'>
            {error.fields?.text ?? error.message}
          </Text>
        )}
        <View className='k-log__compose-foot'>
          <ActionButton id='note-save' type='outline' size='small' loading={saving} disabled={!text.trim()} onClick={() => void onNote(text.trim()).then((ok) => ok && setText(''))}>
            添加备注
          </ActionButton>
        </View>
      </View>
      {list.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`k-log__item${e.visibility === 'internal' ? ' k-log__item--internal' : ''}`} data-action={e.action}>
          <View className='k-log__meta'>
            <Text className='k-log__action'>{ACTION_LABELS[e.action] ?? e.action}</Text>
            {e.to && e.from !== e.to && <Text className='k-log__move'>{e.from ? `${STATUS_LABELS[e.from]} → ` : ''}{STATUS_LABELS[e.to]}</Text>}
            <Text className='k-log__who'>{e.actorName}</Text>
            <Text className='k-log__at'>{formatShortDateTime(e.at)}</Text>
          </View>
          {e.note && <Text className='k-log__note'>{e.note}</Text>}
          {e.visibility === 'internal' && <Text className='k-log__internal'>仅员工可见</Text>}
        </View>
      ))}
    </View>
  );
}

export default EventLog;
