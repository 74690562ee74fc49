import { Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { INBOX_VIEWS, type InboxItem, type InboxView } from '@shared/api/functions/ticket';
import type { StaffRole } from '@shared/auth/roles';
import { CATEGORIES, CATEGORY_LABELS, LEVELS } from '@shared/complaint/model';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { TicketRow } from '../../../components/TicketRow';
import { useSession } from '../../../session';
import { ticketUrl } from '../../../utils/staff-routes';
import { InboxTabs, VIEW_LABELS } from '../components/InboxTabs';
import { TicketPanel } from '../components/TicketPanel';
import { useInbox, type InboxFilters } from '../hooks/useInbox';
import { useWide } from '../hooks/useWide';
import '../staff.scss';
import './index.scss';

const VIEWS: Record<StaffRole, InboxView[]> = {
  agent: ['mine', 'unassigned', 'department', 'escalated', 'triage'],
  head: ['department', 'mine', 'unassigned', 'escalated', 'triage'],
  manager: ['all', 'mine', 'unassigned', 'escalated', 'triage'],
  admin: ['all', 'unassigned', 'escalated', 'triage'],
};

/**
 * 工单列表: the views with their counts, filters, the list in urgency order with "more" paging. On a wide screen
 * (staff on a PC) the ticket opens beside the list; on a phone it opens as its own page.
 */
export default function InboxPage() {
  const session = useSession();
  // The default view depends on the role: wait for who is calling before choosing it.
  if (session.state.status === 'loading') return <LoadingSkeleton className='k-page k-page--plain' cards={4} lines={2} label='正在确认身份' />;
  if (session.state.status === 'error')
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title='无法确认您的身份' error={session.state.error} />
      </View>
    );
  return <Inbox role={session.state.session.kind as StaffRole} epoch={session.epoch} />;
}

function Inbox({ role, epoch }: { role: StaffRole; epoch: number }) {
  const { params } = useRouter();
  const views = VIEWS[role] ?? VIEWS.agent;
  const asked = INBOX_VIEWS.find((v) => v === params.view);
  const [view, setView] = useState<InboxView>(asked ?? views[0]);
  const [filters, setFilters] = useState<InboxFilters>({});
  const [showFilters, setShowFilters] = useState(false);
  const [selected, setSelected] = useState<string>();
  const wide = useWide();
  const inbox = useInbox(view, filters, epoch);
  const { state } = inbox;
  // Wide: the first (most urgent) ticket opens beside the list.
  useEffect(() => {
    if (wide && state.status === 'ok' && state.items.length && !state.items.some((i) => i.complaintId === selected)) setSelected(state.items[0].complaintId);
  }, [wide, state]); // eslint-disable-line react-hooks/exhaustive-deps

  usePullDownRefresh(async () => {
    await inbox.refresh();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => void inbox.loadMore());
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void inbox.refresh();
    shownOnce.current = true;
  });

  const open = (item: InboxItem) => (wide ? setSelected(item.complaintId) : void Taro.navigateTo({ url: ticketUrl(item.complaintId) }));
  const setFilter = (patch: InboxFilters) => setFilters((f) => ({ ...f, ...patch }));
  const filterCount = Object.values(filters).filter((v) => v !== undefined && v !== false).length;

  let list;
  if (state.status === 'loading') list = <LoadingSkeleton cards={4} lines={2} label='正在加载工单' />;
  else if (state.status === 'error') list = <ErrorState title='工单列表加载失败' error={state.error} onRetry={() => void inbox.reload()} />;
  else if (!state.items.length)
    list = (
      <EmptyState
        title={filterCount ? '没有符合筛选条件的工单' : `「${VIEW_LABELS[view]}」里没有待办工单`}
        description={filterCount ? '换个条件试试，或清除筛选。' : '新的工单会按紧急程度出现在这里。'}
        action={
          filterCount ? (
            <ActionButton size='small' type='outline' onClick={() => setFilters({})}>
              清除筛选
            </ActionButton>
          ) : undefined
        }
      />
    );
  else
    list = (
      <View id='inbox-list'>
        {state.items.map((item) => (
          <TicketRow key={item.complaintId} item={item} selected={wide && item.complaintId === selected} showAssignee={view !== 'mine'} onOpen={open} />
        ))}
        <View className='inbox-page__footer'>
          {state.moreError && <Text className='s-error'>{state.moreError.message}</Text>}
          {state.nextCursor ? (
            <ActionButton id='inbox-more' type='outline' size='small' loading={state.loadingMore} onClick={() => void inbox.loadMore()}>
              {state.moreError ? '重试' : '加载更多'}
            </ActionButton>
          ) : (
            <Text className='s-muted'>没有更多了</Text>
          )}
        </View>
      </View>
    );

  return (
    <View className={`k-page k-page--plain inbox-page${wide ? ' inbox-page--wide' : ''}`} id='inbox-page'>
      <View className='inbox-page__list'>
        <InboxTabs
          views={views}
          current={view}
          counts={state.counts}
          onChange={(v) => {
            setView(v);
            setSelected(undefined);
          }}
        />
        <View className='inbox-page__toolbar'>
          <Text className='s-muted'>按紧急程度与剩余时间排序</Text>
          <ActionButton id='inbox-filter-toggle' type='outline' size='small' onClick={() => setShowFilters((s) => !s)}>
            {filterCount ? `筛选（${filterCount}）` : '筛选'}
          </ActionButton>
        </View>
        {showFilters && (
          <View className='s-card inbox-page__filters' id='inbox-filters'>
            <Text className='s-label'>等级</Text>
            <ChoiceChips id='filter-level' ariaLabel='等级' options={LEVELS.map((l) => ({ value: l, label: l }))} value={filters.level} onChange={(level) => setFilter({ level })} />
            <Text className='s-label'>类别</Text>
            <ChoiceChips id='filter-category' ariaLabel='类别' options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} value={filters.category} onChange={(category) => setFilter({ category })} />
            <View className='inbox-page__switch'>
              <Text className='s-label'>只看已超时</Text>
              <Switch id='filter-overdue' checked={!!filters.overdue} color='#c8281e' onChange={(e) => setFilter({ overdue: e.detail.value ? true : undefined })} />
            </View>
          </View>
        )}
        {list}
      </View>
      {wide && (
        <View className='inbox-page__detail'>
          {selected ? (
            <TicketPanel key={selected} complaintId={selected} epoch={epoch} onChanged={() => void inbox.refresh()} />
          ) : (
            <EmptyState title='选择左侧的工单' description='工单详情会显示在这里。' />
          )}
        </View>
      )}
    </View>
  );
}
