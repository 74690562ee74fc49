import { Text, View } from '@tarojs/components';
import { Countdown } from '../../../../components/Countdown';
import { StatusBadge } from '../../../../components/StatusBadge';
import { useI18n } from '../../../../i18n';
import { categoryLabel, levelLabel, shortDateTime, statusLabel } from '../../../../i18n/format';
import type { MineItem } from '../../hooks/useMyComplaints';
import './index.scss';

export interface ComplaintRowProps {
  item: MineItem;
  onOpen: (complaintId: string) => void;
}

/** One of my complaints: ticket number, where it stands, the level, a live countdown and the last update. */
export function ComplaintRow({ item, onOpen }: ComplaintRowProps) {
  const { t } = useI18n();
  const status = statusLabel(t, item.status);
  const waiting = item.status === 'awaiting_customer';
  return (
    <View
      className={`k-card k-row${waiting ? ' k-row--action' : ''}`}
      data-ticket={item.ticketNo}
      data-complaint={item.complaintId}
      role='link'
      aria-label={t('mine.rowAria', { no: item.ticketNo, status })}
      hoverClass='k-row--pressed'
      onClick={() => onOpen(item.complaintId)}
    >
      <View className='k-row__head'>
        <Text className='k-row__ticket k-mono'>{item.ticketNo}</Text>
        <StatusBadge status={item.status} label={status} ariaPrefix={t('common.statusPrefix')} />
      </View>
      <View className='k-row__meta'>
        <Text className='k-row__category'>{categoryLabel(t, item.category)}</Text>
        <Text className='k-row__dot'>·</Text>
        <Text className={`k-row__level k-row__level--${item.level}`}>{t('mine.level', { level: levelLabel(t, item.level) })}</Text>
        <Text className='k-row__time'>{t('mine.submittedAt', { at: shortDateTime(t, item.createdAt) })}</Text>
      </View>
      {waiting && <Text className='k-row__cta'>{t('mine.awaiting')}</Text>}
      {item.dueMs !== undefined && (
        <View className='k-row__sla'>
          <View className='k-row__clock' aria-hidden />
          <Countdown dueMs={item.dueMs} format='span' leftLabel={t('mine.left')} overdueLabel={t('mine.overdue')} />
        </View>
      )}
      <View className='k-row__foot'>
        <Text className='k-row__updated'>{t('mine.updatedAt', { at: shortDateTime(t, item.updatedAt) })}</Text>
        <Text className='k-row__more' aria-hidden>
          {t('mine.open')} ›
        </Text>
      </View>
    </View>
  );
}

export default ComplaintRow;
