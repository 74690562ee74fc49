import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { FAQ_CATEGORIES, type FaqCategory, type FaqItem } from '@shared/api/functions/admin';
import { useRef, useState } from 'react';
import { call, newRequestId, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { FaqStatsCard } from './components/FaqStatsCard';
import '../admin.scss';
import './index.scss';

const CATEGORY_LABELS: Record<FaqCategory, string> = { refund: '退款', service: '服务', quality: '质量', delivery: '配送', product: '商品', store: '门店', invoice: '发票' };

interface Draft {
  faqId?: string;
  version?: number;
  question: string;
  answer: string;
  keywords: string;
  category: FaqCategory;
  active: boolean;
}

const EMPTY: Draft = { question: '', answer: '', keywords: '', category: 'service', active: true };

/** 常见问题: the answers the complaint form suggests while a customer types (changes show within five minutes). */
export default function FaqAdminPage() {
  const session = useSession();
  const { state, reload, refresh } = useRemote(() => call('admin', 'listFaqs', {}), [session.epoch]);
  const [draft, setDraft] = useState<Draft>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ClientError>();
  const requestId = useRef(newRequestId());

  const edit = (f?: FaqItem) => {
    setError(undefined);
    requestId.current = newRequestId();
    setDraft(f ? { faqId: f.faqId, version: f.version, question: f.question, answer: f.answer, keywords: f.keywords.join('，'), category: f.category, active: f.active } : EMPTY);
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setError(undefined);
    const { keywords, ...rest } = draft;
    const res = await call('admin', 'saveFaq', { ...rest, keywords: keywords.split(/[,，、\s]+/).filter(Boolean) }, { requestId: requestId.current });
    setSaving(false);
    if (!res.ok) return setError(res.error);
    setDraft(undefined);
    void refresh();
  };

  const form = draft && (
    <View className='k-card' id='faq-form'>
      <Text className='k-section-title'>{draft.faqId ? '修改常见问题' : '新增常见问题'}</Text>
      <Text className='a-label'>问题</Text>
      <Input id='faq-question' className='a-input' value={draft.question} maxlength={60} onInput={(e) => setDraft({ ...draft, question: e.detail.value })} />
      {error?.fields?.question && <Text className='a-error'>{error.fields.question}</Text>}
      <Text className='a-label'>答案</Text>
      <Textarea id='faq-answer' className='a-textarea' value={draft.answer} maxlength={600} autoHeight onInput={(e) => setDraft({ ...draft, answer: e.detail.value })} />
      {error?.fields?.answer && <Text className='a-error'>{error.fields.answer}</Text>}
      <Text className='a-label'>关键词（顾客可能会写的词，用逗号分隔）</Text>
      <Input id='faq-keywords' className='a-input' value={draft.keywords} onInput={(e) => setDraft({ ...draft, keywords: e.detail.value })} />
      {error?.fields?.keywords && <Text className='a-error'>{error.fields.keywords}</Text>}
      <Text className='a-label'>分类</Text>
      <ChoiceChips ariaLabel='分类' allowDeselect={false} options={FAQ_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} value={draft.category} onChange={(category) => category && setDraft({ ...draft, category })} />
      <View className='a-row'>
        <Text>启用（在投诉表单中推荐）</Text>
        <Switch checked={draft.active} color='#c8281e' onChange={(e) => setDraft({ ...draft, active: !!e.detail.value })} />
      </View>
      {error && !error.fields && <Text className='a-error'>{error.message}</Text>}
      <View className='a-foot'>
        <ActionButton type='outline' size='small' onClick={() => setDraft(undefined)}>
          取消
        </ActionButton>
        <ActionButton id='faq-save' size='small' loading={saving} onClick={() => void save()}>
          保存
        </ActionButton>
      </View>
    </View>
  );

  return (
    <View className='k-page k-page--plain a-page faq-admin' id='faq-admin-page'>
      <View className='faq-admin__head'>
        <Text className='a-page-title'>常见问题</Text>
        {!draft && (
          <ActionButton id='faq-new' size='small' onClick={() => edit()}>
            新增
          </ActionButton>
        )}
      </View>
      {form}
      {!draft && <FaqStatsCard />}
      {state.status === 'loading' && <LoadingSkeleton cards={2} lines={3} label='正在加载常见问题' />}
      {state.status === 'error' && <ErrorState title='常见问题加载失败' error={state.error} onRetry={state.error.code === 'FORBIDDEN' ? undefined : () => void reload()} />}
      {state.status === 'ok' && state.data.items.length === 0 && <EmptyState title='还没有常见问题' description='添加顾客常问的问题，填投诉表时会自动推荐。' />}
      {state.status === 'ok' && state.data.items.length > 0 && (
        <View className='k-card' id='faq-list'>
          {state.data.items.map((f) => (
            <View key={f.faqId} className={`faq-admin__item${f.active ? '' : ' faq-admin__item--off'}`} data-faq={f.faqId} role='button' onClick={() => edit(f)}>
              <Text className='faq-admin__q'>{f.question}</Text>
              <Text className='a-muted'>
                {CATEGORY_LABELS[f.category]} · {f.active ? '启用' : '已停用'} · {f.keywords.slice(0, 5).join('、')}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
