import { Text, View } from '@tarojs/components';
import type { AuditItem } from '@shared/api/functions/admin';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface AuditHistoryProps {
  items: AuditItem[];
  title?: string;
}

/** The latest administrative changes of one thing: who, when, what (from the append-only audit log). */
export function AuditHistory({ items, title = '修改记录' }: AuditHistoryProps) {
  return (
    <View className='k-card k-audit' id='audit-history'>
      <Text className='k-section-title'>{title}</Text>
      {items.length === 0 ? (
        <Text className='k-audit__none'>还没有修改过，当前为默认设置。</Text>
      ) : (
        items.map((a, i) => (
          <View key={`${a.at}-${i}`} className='k-audit__item'>
            <Text className='k-audit__summary'>{a.summary}</Text>
            <Text className='k-audit__meta'>
              {a.actorName} · {formatShortDateTime(a.at)}
            </Text>
          </View>
        ))
      )}
    </View>
  );
}

export default AuditHistory;
