import { Text, View } from '@tarojs/components';
import type { FaqOutcomeCounts } from '@shared/api/functions/admin';
import { useState } from 'react';
import { call } from '../../../../../api';
import { ChoiceChips } from '../../../../../components/ChoiceChips';
import { useRemote } from '../../../../../hooks/useRemote';
import { chinaDay } from '../../../../../utils/time';
import './index.scss';

const PERIODS = [
  { value: '7', label: '近 7 天' },
  { value: '30', label: '近 30 天' },
  { value: '90', label: '近 90 天' },
] as const;
type Period = (typeof PERIODS)[number]['value'];

/** China calendar days: `days` days up to today. */
function range(days: number): { from: string; to: string } {
  const now = Date.now();
  return { from: chinaDay(now - (days - 1) * 86_400_000), to: chinaDay(now) };
}

const pct = (rate?: number) => (rate === undefined ? '—' : `${Math.round(rate * 100)}%`);

function Figures({ c }: { c: FaqOutcomeCounts }) {
  return (
    <View className='faq-stats__figures'>
      <View className='faq-stats__figure'>
        <Text className='faq-stats__value'>{c.reads}</Text>
        <Text className='faq-stats__label'>阅读</Text>
      </View>
      <View className='faq-stats__figure'>
        <Text className='faq-stats__value faq-stats__value--ok'>{c.deflected}</Text>
        <Text className='faq-stats__label'>读后未投诉</Text>
      </View>
      <View className='faq-stats__figure'>
        <Text className='faq-stats__value'>{c.submitted}</Text>
        <Text className='faq-stats__label'>读后仍投诉</Text>
      </View>
      <View className='faq-stats__figure'>
        <Text className='faq-stats__value faq-stats__value--rate'>{pct(c.rate)}</Text>
        <Text className='faq-stats__label'>分流率</Text>
      </View>
    </View>
  );
}

/**
 * 分流效果 (`admin.faqStats`): how many customers read an answer on the complaint form and then did not file a
 * complaint within 24 hours, per FAQ, for a period. Reads whose 24 hours are not over yet are shown apart.
 */
export function FaqStatsCard() {
  const [period, setPeriod] = useState<Period>('30');
  const { state, reload } = useRemote(() => call('admin', 'faqStats', range(Number(period))), [period]);
  return (
    <View className='k-card faq-stats' id='faq-stats'>
      <Text className='k-section-title'>分流效果</Text>
      <Text className='a-muted'>顾客在投诉表单中打开了解答、且之后 24 小时内没有提交投诉，计为一次分流。</Text>
      <ChoiceChips ariaLabel='统计范围' allowDeselect={false} options={PERIODS} value={period} onChange={(p) => p && setPeriod(p)} />
      {state.status === 'loading' && <Text className='a-muted'>正在统计…</Text>}
      {state.status === 'error' && (
        <Text className='a-error' onClick={() => void reload()}>
          统计失败，点此重试：{state.error.message}
        </Text>
      )}
      {state.status === 'ok' && (
        <View>
          <Figures c={state.data.totals} />
          {state.data.totals.pending > 0 && <Text className='a-muted'>另有 {state.data.totals.pending} 次阅读还不满 24 小时，暂不计入。</Text>}
          {state.data.truncated && <Text className='a-error'>阅读次数太多，只统计了前一部分，请缩短时间范围。</Text>}
          {state.data.items.length === 0 && <Text className='a-muted'>这段时间还没有顾客在表单中打开解答。</Text>}
          {state.data.items.map((i) => (
            <View key={i.faqId} className='faq-stats__row' data-faq={i.faqId}>
              <Text className='faq-stats__q'>{i.question}</Text>
              <Text className='a-muted'>
                阅读 {i.reads} · 未投诉 {i.deflected} · 仍投诉 {i.submitted}
                {i.pending ? ` · 待定 ${i.pending}` : ''} · 分流率 {pct(i.rate)}
              </Text>
              {i.rate !== undefined && (
                <View className='faq-stats__bar' aria-label={`分流率 ${pct(i.rate)}`}>
                  <View className='faq-stats__bar-fill' style={{ width: `${Math.round(i.rate * 100)}%` }} />
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default FaqStatsCard;
