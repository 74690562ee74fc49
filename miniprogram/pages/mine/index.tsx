import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LangSwitch } from '../../components/LangSwitch';
import { LoadingSkeleton } from '../../components/LoadingSkeleton';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useTabPage } from '../../tabbar/store';
import { detailUrl } from '../../utils/routes';
import { ComplaintRow } from './components/ComplaintRow';
import { useMyComplaints } from './hooks/useMyComplaints';
import './index.scss';

/** 我的投诉 — the customer's complaints, newest first: pull to refresh, more on scroll, each opens its detail. */
export default function MinePage() {
  useTabPage('mine');
  const session = useSession();
  const { t } = useI18n();
  const isStaff = session.state.status === 'ready' && session.state.session.isStaff;
  const { state, reload, refresh, loadMore } = useMyComplaints(session.epoch, !isStaff);

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => void loadMore());
  // Back from a detail (answered a solution, rated) or from filing a new one: show the latest, quietly.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && !isStaff) void refresh();
    shownOnce.current = true;
  });

  const open = (complaintId: string) => void Taro.navigateTo({ url: detailUrl(complaintId) });
  const toForm = () => void Taro.switchTab({ url: '/pages/complaint/index' });

  // Staff accounts have no complaints of their own (listMine is for customers).
  if (isStaff || (state.status === 'error' && state.error?.code === 'FORBIDDEN')) {
    return (
      <View className='k-page mine-page'>
        <EmptyState
          title={t('mine.staff.title')}
          description={t('mine.staff.text')}
          action={
            <ActionButton size='small' onClick={() => void Taro.switchTab({ url: '/pages/workbench/index' })}>
              {t('mine.staff.action')}
            </ActionButton>
          }
        />
      </View>
    );
  }

  return (
    <View className='k-page mine-page' id='mine-page'>
      <View className='mine-page__top'>
        <View className='k-section-title mine-page__title' role='heading' aria-level={1}>
          {t('mine.title')}
        </View>
        <LangSwitch tone='dark' />
      </View>
      {state.status === 'loading' && <LoadingSkeleton cards={3} lines={2} label={t('mine.loading')} />}
      {state.status === 'error' && <ErrorState title={t('mine.error')} error={state.error} retryText={t('common.reload')} onRetry={() => void reload()} />}
      {state.status === 'ok' && state.items.length === 0 && (
        <EmptyState
          className='mine-page__empty'
          title={t('mine.empty.title')}
          description={t('mine.empty.text')}
          action={
            <ActionButton id='mine-empty-action' size='small' onClick={toForm}>
              {t('mine.empty.action')}
            </ActionButton>
          }
        />
      )}
      {state.status === 'ok' && state.items.length > 0 && (
        <View className='mine-page__list' id='mine-list'>
          {state.items.map((item) => (
            <ComplaintRow key={item.complaintId} item={item} onOpen={open} />
          ))}
          <View className='mine-page__footer'>
            {state.moreError && (
              <View className='mine-page__more-error' role='alert'>
                {state.moreError.message}
              </View>
            )}
            {state.nextCursor ? (
              <ActionButton id='mine-load-more' type='outline' size='small' loading={state.loadingMore} onClick={() => void loadMore()}>
                {state.moreError ? t('common.retry') : t('mine.more')}
              </ActionButton>
            ) : (
              <Text className='mine-page__end'>{t('mine.end')}</Text>
            )}
          </View>
        </View>
      )}
    </View>
  );
}
