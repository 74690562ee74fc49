import type { ComplaintView } from '@shared/api/functions/complaint';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Countdown } from '../../../../../components/Countdown';
import { StatusBadge } from '../../../../../components/StatusBadge';
import { useI18n } from '../../../../../i18n';
import { categoryLabel, dueWhen, levelLabel, shortDateTime, statusLabel } from '../../../../../i18n/format';
import './index.scss';

export interface TicketHeaderProps {
  view: ComplaintView;
  /** The next promise on this device's clock, and the server's “now” (see useComplaint). */
  dueMs?: number;
  serverNow: number;
}

/** Where the complaint stands, in one card: number, status, what it is about, and the next promise with a live countdown. */
export function TicketHeader({ view, dueMs, serverNow }: TicketHeaderProps) {
  const { t } = useI18n();
  const status = statusLabel(t, view.status);

  const copy = () => {
    Taro.setClipboardData({ data: view.ticketNo })
      .then(() => Taro.showToast({ title: t('receipt.copied'), icon: 'success' }))
      .catch(() => undefined);
  };

  let promise: string | undefined;
  if (view.nextDueAt) promise = t(view.nextDueKind === 'resolution' ? 'detail.promise.resolve' : 'detail.promise.contact', { when: dueWhen(t, view.nextDueAt, serverNow) });
  else if (view.status === 'awaiting_customer') promise = t('detail.promise.paused');
  else if (view.status === 'resolved' || view.status === 'closed') promise = t('detail.promise.done');

  return (
    <View className='k-card k-ticket' id='detail-header'>
      <View className='k-ticket__row'>
        <View className='k-ticket__no-wrap'>
          <Text className='k-ticket__label'>{t('receipt.ticketNo')}</Text>
          <Text id='detail-ticket-no' className='k-ticket__no k-mono' userSelect>
            {view.ticketNo}
          </Text>
        </View>
        <StatusBadge className='k-ticket__status' status={view.status} label={status} ariaPrefix={t('common.statusPrefix')} />
      </View>
      <View className='k-ticket__tags'>
        <Text className='k-ticket__tag'>
          {categoryLabel(t, view.category)} · {view.subcategoryLabel}
        </Text>
        <Text className={`k-ticket__tag k-ticket__tag--${view.level}`}>{t('mine.level', { level: levelLabel(t, view.level) })}</Text>
        {view.foodSafety && <Text className='k-ticket__tag k-ticket__tag--urgent'>{t('detail.foodSafety')}</Text>}
      </View>
      {promise && (
        <View className={`k-ticket__promise${view.status === 'awaiting_customer' ? ' k-ticket__promise--action' : ''}`}>
          <Text id='detail-promise' className='k-ticket__sentence'>
            {promise}
          </Text>
          {dueMs !== undefined && <Countdown id='detail-countdown' className='k-ticket__countdown' dueMs={dueMs} format='clock' />}
        </View>
      )}
      <View className='k-ticket__foot'>
        <Text>{t('detail.handledBy', { dept: view.departmentLabel })}</Text>
        <View id='detail-copy' className='k-ticket__copy' role='button' aria-label={t('receipt.copyAria', { no: view.ticketNo })} onClick={copy}>
          {t('receipt.copy')}
        </View>
      </View>
      <Text className='k-ticket__created'>{t('detail.createdAt', { at: shortDateTime(t, view.createdAt, serverNow) })}</Text>
    </View>
  );
}

export default TicketHeader;
