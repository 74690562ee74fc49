import { Text, View } from '@tarojs/components';
import type { SimilarCase } from '@shared/api/functions/ticket';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../api';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface SimilarCasesProps {
  complaintId: string;
  subcategoryLabel: string;
}

/** Resolved tickets of the same subcategory and what settled them (newest first; text similarity comes later). */
export function SimilarCases({ complaintId, subcategoryLabel }: SimilarCasesProps) {
  const { state, reload } = useRemote(() => call('ticket', 'similarCases', { complaintId, limit: 5 }), [complaintId]);
  return (
    <View className='s-card k-similar' id='ticket-similar'>
      <Text className='s-title'>类似案例（{subcategoryLabel}）</Text>
      {state.status === 'loading' && <Text className='s-muted'>正在查找…</Text>}
      {state.status === 'error' && (
        <Text className='s-error' onClick={() => void reload()}>
          加载失败，点此重试：{state.error.message}
        </Text>
      )}
      {state.status === 'ok' && state.data.items.length === 0 && <Text className='s-muted'>还没有同类的已解决工单。</Text>}
      {state.status === 'ok' &&
        state.data.items.map((c: SimilarCase) => (
          <View key={c.complaintId} className='k-similar__item' data-complaint={c.complaintId}>
            <View className='k-similar__meta'>
              <Text className='k-mono'>{c.ticketNo}</Text>
              <Text>{formatShortDateTime(c.resolvedAt ?? c.createdAt)}</Text>
              {c.stars !== undefined && <Text className='k-similar__stars'>{'★'.repeat(c.stars)}</Text>}
            </View>
            <Text className='k-similar__summary'>{c.summary}</Text>
            {c.rootCause && <Text className='k-similar__line'>原因：{c.rootCause}</Text>}
            {c.solution && <Text className='k-similar__line'>方案：{c.solution}</Text>}
            {c.compensation && <Text className='k-similar__line'>补偿：{c.compensation}</Text>}
          </View>
        ))}
    </View>
  );
}

export default SimilarCases;
