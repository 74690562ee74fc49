import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ArchivedCase } from '@shared/api/functions/ticket';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@shared/complaint/model';
import { useEffect, useRef, useState } from 'react';
import { call, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useSession } from '../../../session';
import { formatShortDateTime } from '../../../utils/time';
import { CaseCard } from '../components/CaseCard';
import '../staff.scss';
import './index.scss';

interface Filters {
  category?: Category;
  text: string;
}

type State = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ok'; items: ArchivedCase[]; nextCursor?: string; more: boolean };

/**
 * 案例库: resolutions a head or manager marked as exemplary, with the lesson in their words — newest first, by
 * category and a word of the complaint, the solution or the lesson. Agents see their department's.
 */
export default function CaseArchivePage() {
  const session = useSession();
  const [filters, setFilters] = useState<Filters>({ text: '' });
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<State>({ status: 'loading' });
  const seq = useRef(0);

  const load = async (cursor?: string) => {
    const mine = ++seq.current;
    if (!cursor) setState({ status: 'loading' });
    else setState((s) => (s.status === 'ok' ? { ...s, more: true } : s));
    const res = await call('ticket', 'caseArchive', { ...(filters.category ? { category: filters.category } : {}), ...(filters.text ? { text: filters.text } : {}), ...(cursor ? { cursor } : {}), limit: 20 });
    if (mine !== seq.current) return;
    if (!res.ok) return setState({ status: 'error', error: res.error });
    setState((s) => ({ status: 'ok', items: [...(cursor && s.status === 'ok' ? s.items : []), ...res.data.items], ...(res.data.nextCursor ? { nextCursor: res.data.nextCursor } : {}), more: false }));
  };

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, session.epoch]);
  usePullDownRefresh(async () => {
    await load();
    Taro.stopPullDownRefresh();
  });

  const search = () => setFilters((f) => ({ ...f, text: typed.trim() }));

  return (
    <View className='k-page k-page--plain case-archive' id='case-archive-page'>
      <Text className='case-archive__intro'>主管和经理收录的优秀处理案例：看看别人是怎么把同类问题处理好的。</Text>
      <View className='s-card case-archive__filters'>
        <ChoiceChips
          id='case-archive-category'
          ariaLabel='类别'
          options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          value={filters.category}
          onChange={(category) => setFilters((f) => ({ ...f, category }))}
        />
        <View className='case-archive__search'>
          <Input
            id='case-archive-text'
            className='case-archive__input'
            value={typed}
            maxlength={40}
            placeholder='搜索：如 发霉、冷链、退款'
            confirmType='search'
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={search}
          />
          <ActionButton id='case-archive-search' size='small' onClick={search}>
            搜索
          </ActionButton>
        </View>
      </View>
      {state.status === 'loading' && <LoadingSkeleton cards={2} lines={4} label='正在加载案例库' />}
      {state.status === 'error' && <ErrorState title='案例库加载失败' error={state.error} onRetry={() => void load()} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <EmptyState title={filters.text || filters.category ? '没有符合条件的案例' : '案例库还是空的'} description={filters.text || filters.category ? '换个关键词或类别试试。' : '主管可以在已解决的工单上点「收入案例库」，写下值得借鉴的做法。'} />
      )}
      {state.status === 'ok' && state.items.length > 0 && (
        <View className='s-card' id='case-archive-list'>
          {state.items.map((c) => (
            <CaseCard key={c.complaintId} item={c} when={formatShortDateTime(c.resolvedAt ?? c.createdAt)} showSubcategory />
          ))}
          {state.nextCursor && (
            <ActionButton id='case-archive-more' type='outline' size='small' loading={state.more} onClick={() => void load(state.nextCursor)}>
              加载更多
            </ActionButton>
          )}
        </View>
      )}
    </View>
  );
}
