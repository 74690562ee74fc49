import type { TimelineEntry } from '@shared/api/functions/complaint';
import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../../../i18n';
import { shortDateTime, statusLabel } from '../../../../../i18n/format';
import './index.scss';

export interface TimelineProps {
  entries: TimelineEntry[];
  serverNow: number;
}

/** What happened so far, newest first, as the customer may see it (no internal notes: the server leaves them out). */
export function Timeline({ entries, serverNow }: TimelineProps) {
  const { t } = useI18n();
  const newestFirst = [...entries].reverse();
  return (
    <View className='k-card k-timeline' id='detail-timeline' aria-label={t('detail.timeline')}>
      <Text className='k-section-title'>{t('detail.timeline')}</Text>
      {newestFirst.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className={`k-timeline__item${i === 0 ? ' k-timeline__item--latest' : ''}`} role='listitem'>
          <View className='k-timeline__rail' aria-hidden>
            <View className='k-timeline__dot' />
            {i < newestFirst.length - 1 && <View className='k-timeline__line' />}
          </View>
          <View className='k-timeline__body'>
            <View className='k-timeline__meta'>
              <Text className='k-timeline__status'>{statusLabel(t, entry.status)}</Text>
              <Text className='k-timeline__time'>{shortDateTime(t, entry.at, serverNow)}</Text>
            </View>
            <Text className='k-timeline__note'>{entry.note}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

export default Timeline;
