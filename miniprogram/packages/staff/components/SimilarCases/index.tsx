import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SimilarCase } from '@shared/api/functions/ticket';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../api';
import { formatShortDateTime } from '../../../../utils/time';
import { ARCHIVE_PAGE } from '../../../../utils/staff-routes';
import { CaseCard } from '../CaseCard';
import './index.scss';

export interface SimilarCasesProps {
  complaintId: string;
  subcategoryLabel: string;
}

/**
 * Resolved tickets whose complaint reads like this one (`ticket.similarCases`: shared words weighed by rarity,
 * within the subcategory), each with what settled it, the words it shares, and the archive badge.
 */
export function SimilarCases({ complaintId, subcategoryLabel }: SimilarCasesProps) {
  const { state, reload } = useRemote(() => call('ticket', 'similarCases', { complaintId, limit: 5 }), [complaintId]);
  const byText = state.status === 'ok' && state.data.items.some((c) => c.matchedTerms?.length);
  return (
    <View className='s-card k-similar' id='ticket-similar'>
      <View className='k-similar__head'>
        <Text className='s-title'>类似案例（{subcategoryLabel}）</Text>
        <Text className='k-similar__link' id='ticket-similar-archive' onClick={() => void Taro.navigateTo({ url: ARCHIVE_PAGE })}>
          案例库 ›
        </Text>
      </View>
      {state.status === 'loading' && <Text className='s-muted'>正在查找…</Text>}
      {state.status === 'error' && (
        <Text className='s-error' onClick={() => void reload()}>
          加载失败，点此重试：{state.error.message}
        </Text>
      )}
      {state.status === 'ok' && state.data.items.length === 0 && <Text className='s-muted'>还没有同类的已解决工单。</Text>}
      {state.status === 'ok' && state.data.items.length > 0 && !byText && <Text className='s-muted'>没有措辞相近的案例，以下是同类最近解决的工单。</Text>}
      {state.status === 'ok' && state.data.items.map((c: SimilarCase) => <CaseCard key={c.complaintId} item={c} when={formatShortDateTime(c.resolvedAt ?? c.createdAt)} />)}
    </View>
  );
}

export default SimilarCases;
