import { Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import './index.scss';

export interface ReplyBoxProps {
  /** The subcategory's reply template, already filled in: one tap sends it. */
  template: string;
  firstResponded: boolean;
  sending: boolean;
  error?: ClientError;
  /** Bumped after a successful send, to say so. */
  sentCount: number;
  onSend: (text: string) => void;
}

/** 回复顾客: the template is ready in the box, so the first reply is one tap after opening the ticket. */
export function ReplyBox({ template, firstResponded, sending, error, sentCount, onSend }: ReplyBoxProps) {
  const [text, setText] = useState(template);
  useEffect(() => setText(template), [template]);
  const tooShort = text.trim().length < 2;
  return (
    <View className='s-card k-reply' id='reply-box'>
      <View className='k-reply__head'>
        <Text className='s-title k-reply__title'>回复顾客</Text>
        {!firstResponded && <Text className='s-tag s-tag--warn'>计为首次响应</Text>}
      </View>
      <Textarea
        id='reply-text'
        className='s-textarea k-reply__text'
        value={text}
        maxlength={500}
        autoHeight
        placeholder='写给顾客的话（会出现在顾客的进度里并通知顾客）'
        onInput={(e) => setText(e.detail.value)}
      />
      {error && (
        <Text className='s-error' aria-live='assertive' id='reply-error'>
          {error.fields?.text ?? error.message}
        </Text>
      )}
      {sentCount > 0 && !error && (
        <Text className='s-ok' id='reply-sent'>
          已发送给顾客
        </Text>
      )}
      <View className='k-reply__foot'>
        {text !== template && (
          <ActionButton type='outline' size='small' onClick={() => setText(template)}>
            用模板
          </ActionButton>
        )}
        <ActionButton id='reply-send' size='small' loading={sending} disabled={tooShort} onClick={() => onSend(text.trim())}>
          发送回复
        </ActionButton>
      </View>
    </View>
  );
}

export default ReplyBox;
