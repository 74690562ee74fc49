import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { DEPARTMENT_LABELS, DEPARTMENTS, type DepartmentCode } from '@shared/auth/roles';
import { STATUS_LABELS } from '@shared/complaint/lifecycle';
import type { WatchCustomer } from '@shared/stats/watch';
import { useState } from 'react';
import { call } from '../../../api';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { ticketUrl } from '../../../utils/staff-routes';
import './index.scss';

type ListKey = 'churnRisk' | 'vipOpen' | 'repeat';
const LISTS: Array<{ key: ListKey; title: string; note: string; empty: string }> = [
  { key: 'churnRisk', title: '流失预警', note: '连续 3 次不满意评价，请客户经理回访', empty: '没有待回访的流失预警' },
  { key: 'vipOpen', title: 'VIP 未结投诉', note: '年消费达到 VIP 标准、仍有投诉在处理中的顾客', empty: '没有未结投诉的 VIP 顾客' },
  { key: 'repeat', title: '多次投诉', note: '30 天内投诉 3 次及以上', empty: '30 天内没有多次投诉的顾客' },
];

/** 重点客户名单 for account managers (heads: their department; managers: all or one). Phones masked; tap a ticket to open it. */
export default function CustomerWatchPage() {
  const session = useSession();
  const kind = session.state.status === 'ready' ? session.state.session.kind : undefined;
  const [department, setDepartment] = useState<DepartmentCode>();
  const input = department ? { department } : {};
  const { state, reload, refresh } = useRemote(() => call('stats', 'customerWatch', input), [JSON.stringify(input), session.epoch]);

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });

  let body;
  if (state.status === 'loading') body = <LoadingSkeleton cards={3} lines={3} label='正在整理名单' />;
  else if (state.status === 'error') {
    const denied = state.error.code === 'FORBIDDEN';
    body = <ErrorState title={denied ? '名单仅供主管和经理查看' : '名单加载失败'} error={state.error} onRetry={denied ? undefined : () => void reload()} />;
  } else {
    const w = state.data;
    body = LISTS.map((list) => (
      <View key={list.key} className='watch-list' id={`watch-${list.key}`}>
        <View className='watch-list__head'>
          <Text className='watch-list__title'>{list.title}</Text>
          <Text className='watch-list__count'>{w[list.key].length} 位</Text>
        </View>
        <Text className='watch-list__note'>{list.note}</Text>
        {w[list.key].length === 0 ? <Text className='watch-list__empty'>{list.empty}</Text> : w[list.key].map((c) => <CustomerRow key={c.key} c={c} />)}
      </View>
    ));
  }

  return (
    <View className='k-page k-page--plain watch-page' id='watch-page'>
      <Text className='watch-page__title'>重点客户名单</Text>
      {(kind === 'manager' || kind === 'admin') && (
        <ChoiceChips id='watch-department' ariaLabel='部门' options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))} value={department} onChange={setDepartment} />
      )}
      {body}
    </View>
  );
}

function CustomerRow({ c }: { c: WatchCustomer }) {
  return (
    <View className='watch-customer'>
      <View className='watch-customer__head'>
        <Text className='watch-customer__key'>{c.key}</Text>
        {c.tier === 'vip' && <Text className='watch-customer__vip'>VIP</Text>}
        <Text className='watch-customer__phone'>{c.phoneMasked ?? '无电话'}</Text>
      </View>
      <Text className='watch-customer__reason'>{c.reason}</Text>
      <View className='watch-customer__tickets'>
        {c.tickets.map((t) => (
          <Text key={t.complaintId} className='watch-customer__ticket' onClick={() => void Taro.navigateTo({ url: ticketUrl(t.complaintId) })}>
            {t.ticketNo} · {STATUS_LABELS[t.status] ?? t.status}
          </Text>
        ))}
      </View>
    </View>
  );
}
