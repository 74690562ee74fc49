import { Input, Text, Textarea, View } from '@tarojs/components';
import type { TicketView } from '@shared/api/functions/ticket';
import type { CompensationInput } from '@shared/compensation/schema';
import { useState } from 'react';
import type { ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { CompensationPicker } from '../CompensationPicker';
import './index.scss';

export interface SolutionFormProps {
  view: TicketView;
  sending: boolean;
  error?: ClientError;
  onPropose: (input: { text: string; rootCause?: string; compensation?: CompensationInput }) => Promise<boolean>;
}

/** 提出处理方案: the text the customer reads, the root cause, and an optional compensation with its approval. */
export function SolutionForm({ view, sending, error, onPropose }: SolutionFormProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [rootCause, setRootCause] = useState(view.rootCause ?? '');
  const [compensation, setCompensation] = useState<CompensationInput>();
  const fields = error?.fields ?? {};
  const compError = Object.entries(fields).find(([k]) => k.startsWith('compensation'))?.[1];

  if (!open) {
    return (
      <View className='s-card k-sol k-sol--closed'>
        <Text className='s-title k-sol__title'>处理方案</Text>
        <ActionButton id='solution-open' size='small' onClick={() => setOpen(true)}>
          {view.status === 'escalated' ? '提出修订方案' : '提出处理方案'}
        </ActionButton>
      </View>
    );
  }
  return (
    <View className='s-card k-sol' id='solution-form'>
      <Text className='s-title'>{view.status === 'escalated' ? '修订方案' : '处理方案'}</Text>
      <Text className='s-label'>给顾客的方案</Text>
      <Textarea id='solution-text' className='s-textarea' value={text} maxlength={500} autoHeight placeholder='经核实……，为您……' onInput={(e) => setText(e.detail.value)} />
      {fields.text && <Text className='s-error'>{fields.text}</Text>}
      <Text className='s-label'>问题原因（内部）</Text>
      <Input id='solution-root-cause' className='s-input k-sol__input' value={rootCause} placeholder='例如：中转站滞留' onInput={(e) => setRootCause(e.detail.value)} />
      {fields.rootCause && <Text className='s-error'>{fields.rootCause}</Text>}
      <CompensationPicker complaintId={view.complaintId} foodSafety={view.foodSafety} onChange={(v) => setCompensation(v)} error={compError} />
      {error && !Object.keys(fields).length && (
        <Text className='s-error' aria-live='assertive' id='solution-error'>
          {error.message}
        </Text>
      )}
      <View className='s-row k-sol__foot'>
        <ActionButton type='outline' size='small' onClick={() => setOpen(false)}>
          取消
        </ActionButton>
        <ActionButton
          id='solution-send'
          size='small'
          loading={sending}
          disabled={text.trim().length < 5}
          onClick={() => void onPropose({ text: text.trim(), ...(rootCause.trim() ? { rootCause: rootCause.trim() } : {}), ...(compensation ? { compensation } : {}) }).then((ok) => ok && setOpen(false))}
        >
          发给顾客确认
        </ActionButton>
      </View>
    </View>
  );
}

export default SolutionForm;
