import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { incidentUrl } from '../../../utils/staff-routes';
import { IncidentRow } from '../components/IncidentRow';
import '../staff.scss';
import './index.scss';

type Filter = 'active' | 'closed';
const FILTERS: Array<{ key: Filter; label: string }> = [
  { key: 'active', label: '未关闭' },
  { key: 'closed', label: '已关闭' },
];

/** 批次异常: the QC incidents batch surges opened, newest first (QC staff, heads, managers). */
export default function IncidentsPage() {
  const session = useSession();
  const [filter, setFilter] = useState<Filter>('active');
  const { state, reload, refresh } = useRemote(() => call('ticket', 'incidents', { status: filter, limit: 50 }), [filter, session.epoch]);

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });

  let body;
  if (state.status === 'loading') body = <LoadingSkeleton cards={2} lines={3} label='正在加载批次异常' />;
  else if (state.status === 'error') {
    const denied = state.error.code === 'FORBIDDEN';
    body = <ErrorState title={denied ? '批次异常仅对质检部、主管和经理开放' : '加载失败'} error={state.error} onRetry={denied ? undefined : () => void reload()} />;
  } else if (!state.data.items.length) {
    body = <EmptyState title={filter === 'active' ? '没有未关闭的批次异常' : '还没有关闭的批次异常'} description='同一批次 24 小时内投诉明显多于平时，系统会自动立案并通知质检主管和经理。' />;
  } else {
    body = (
      <View className='s-card' id='incident-list'>
        {state.data.items.map((i) => (
          <IncidentRow key={i.incidentId} incident={i} onOpen={(id) => void Taro.navigateTo({ url: incidentUrl(id) })} />
        ))}
      </View>
    );
  }

  return (
    <View className='k-page k-page--plain incidents-page' id='incidents-page'>
      <View className='incidents-page__filters'>
        {FILTERS.map((f) => (
          <Text key={f.key} id={`incidents-filter-${f.key}`} className={`incidents-page__filter${f.key === filter ? ' incidents-page__filter--on' : ''}`} onClick={() => setFilter(f.key)}>
            {f.label}
          </Text>
        ))}
      </View>
      {body}
    </View>
  );
}
