import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingSkeleton } from '../../components/LoadingSkeleton';
import { useSession } from '../../session';
import { useTabPage } from '../../tabbar/store';
import { ComplaintRow } from './components/ComplaintRow';
import { useMyComplaints } from './hooks/useMyComplaints';
import './index.scss';
import { ActionButton } from '../../components/ActionButton';

/** 我的投诉 — the customer's complaints, newest first. */
export default function MinePage() {
  useTabPage('mine');
  const session = useSession();
  const isStaff = session.state.status === 'ready' && session.state.session.isStaff;
  const { state, reload, refresh, loadMore } = useMyComplaints(session.epoch, !isStaff);

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => void loadMore());

  // Staff accounts have no complaints of their own (listMine is for customers).
  if (isStaff || (state.status === 'error' && state.error?.code === 'FORBIDDEN')) {
    return (
      <View className='k-page mine-page'>
        <EmptyState
          title='员工账号没有个人投诉记录'
          description='需要处理的投诉请到「工作台」查看。'
          action={
            <ActionButton size='small' onClick={() => void Taro.switchTab({ url: '/pages/workbench/index' })}>
              前往工作台
            </ActionButton>
          }
        />
      </View>
    );
  }

  return (
    <View className='k-page mine-page' id='mine-page'>
      <Text className='k-section-title mine-page__title'>我的投诉</Text>
      {state.status === 'loading' && <LoadingSkeleton cards={3} lines={2} label='正在加载我的投诉' />}
      {state.status === 'error' && <ErrorState title='投诉记录加载失败' error={state.error} onRetry={() => void reload()} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <EmptyState
          className='mine-page__empty'
          title='还没有投诉记录'
          description='购买的产品或收到的服务有任何问题，都可以告诉我们，处理进度会显示在这里。'
        />
      )}
      {state.status === 'ok' && state.items.length > 0 && (
        <View className='mine-page__list' id='mine-list'>
          {state.items.map((item) => (
            <ComplaintRow key={item.complaintId} item={item} />
          ))}
          <View className='mine-page__footer'>
            {state.moreError && <Text className='mine-page__more-error'>{state.moreError.message}</Text>}
            {state.nextCursor ? (
              <ActionButton id='mine-load-more' type='outline' size='small' loading={state.loadingMore} onClick={() => void loadMore()}>
                {state.moreError ? '重试' : '加载更多'}
              </ActionButton>
            ) : (
              <Text className='mine-page__end'>没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  );
}
