import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SimilarCase } from '@shared/api/functions/ticket';
import { ticketUrl } from '../../../../utils/staff-routes';
import './index.scss';

export interface CaseCardProps {
  item: SimilarCase;
  /** When it was resolved, already formatted. */
  when: string;
  /** Show the subcategory (the archive mixes them; similar cases share the ticket's). */
  showSubcategory?: boolean;
}

/** A past ticket as an agent learns from it: what it was, why, what settled it, the outcome and the lesson. */
export function CaseCard({ item: c, when, showSubcategory = false }: CaseCardProps) {
  return (
    <View className='k-case' data-complaint={c.complaintId} role='link' onClick={() => void Taro.navigateTo({ url: ticketUrl(c.complaintId) })}>
      <View className='k-case__meta'>
        <Text className='k-mono'>{c.ticketNo}</Text>
        <Text>{when}</Text>
        {showSubcategory && c.subcategoryLabel && <Text>{c.subcategoryLabel}</Text>}
        {c.stars !== undefined && <Text className='k-case__stars'>{'★'.repeat(c.stars)}</Text>}
        {c.archive && <Text className='s-tag s-tag--warn k-case__badge'>案例库</Text>}
      </View>
      <Text className='k-case__summary'>{c.summary}</Text>
      {c.rootCause && <Text className='k-case__line'>原因：{c.rootCause}</Text>}
      {c.solution && <Text className='k-case__line'>方案：{c.solution}</Text>}
      {c.compensation && <Text className='k-case__line'>补偿：{c.compensation}</Text>}
      {c.archive && (
        <Text className='k-case__lesson'>
          经验：{c.archive.note}
          {c.archive.byName ? `（${c.archive.byName}）` : ''}
        </Text>
      )}
      {!!c.matchedTerms?.length && (
        <View className='k-case__terms' aria-label='相同的关键词'>
          <Text className='k-case__terms-label'>相同词</Text>
          {c.matchedTerms.slice(0, 6).map((t) => (
            <Text key={t} className='k-case__term'>
              {t}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

export default CaseCard;
