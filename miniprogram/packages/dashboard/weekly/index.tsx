import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { DEPARTMENT_LABELS, DEPARTMENTS, type DepartmentCode } from '@shared/auth/roles';
import { CATEGORY_LABELS } from '@shared/complaint/model';
import { daysBefore } from '@shared/staff/charts';
import type { WeeklyProblem } from '@shared/stats/weekly';
import { useState } from 'react';
import { call } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { chinaDay } from '../../../utils/time';
import { CsvExportResult, useCsvExport } from '../components/CsvExportResult';
import './index.scss';

const changeText = (p: WeeklyProblem) => (p.changePct === undefined ? '上周没有' : `${p.changePct > 0 ? '↑' : p.changePct < 0 ? '↓' : ''}${Math.abs(p.changePct)}%（上周 ${p.previous}）`);

/**
 * 投诉周报 (heads: their department; managers: all or one): the week's top 3 problems with counts, change on the
 * week before, keywords and example texts; earlier weeks one tap away; the same report as CSV.
 */
export default function WeeklyReportPage() {
  const session = useSession();
  const kind = session.state.status === 'ready' ? session.state.session.kind : undefined;
  const [week, setWeek] = useState<string>();
  const [department, setDepartment] = useState<DepartmentCode>();
  const input = { ...(week ? { week } : {}), ...(department ? { department } : {}) };
  const { state, reload, refresh } = useRemote(() => call('stats', 'weeklyReport', input), [JSON.stringify(input), session.epoch]);
  const csv = useCsvExport(() => call('stats', 'exportWeeklyReport', input));

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });

  let body;
  if (state.status === 'loading') body = <LoadingSkeleton cards={3} lines={4} label='正在生成周报' />;
  else if (state.status === 'error') {
    const denied = state.error.code === 'FORBIDDEN';
    body = <ErrorState title={denied ? '周报仅供主管和经理查看' : '周报加载失败'} error={state.error} onRetry={denied ? undefined : () => void reload()} />;
  } else {
    const r = state.data;
    const today = chinaDay();
    body = (
      <>
        <View className='weekly-page__week'>
          <Text className='weekly-page__nav' id='weekly-prev' onClick={() => setWeek(daysBefore(r.week.from, 7))}>
            ‹ 上一周
          </Text>
          <Text className='weekly-page__range' id='weekly-range'>
            {r.week.from} 至 {r.week.to}
          </Text>
          {r.week.to < today ? (
            <Text className='weekly-page__nav' id='weekly-next' onClick={() => setWeek(daysBefore(r.week.from, -7))}>
              下一周 ›
            </Text>
          ) : (
            <Text className='weekly-page__nav weekly-page__nav--off'>本周</Text>
          )}
        </View>
        <View className='weekly-page__totals' id='weekly-totals'>
          <Text>本周投诉 {r.total} 起</Text>
          <Text>上周 {r.previousTotal} 起</Text>
        </View>
        {r.problems.length === 0 ? (
          <EmptyState title='这一周没有投诉' description='换一周看看。' />
        ) : (
          <View className='weekly-page__list' id='weekly-problems'>
            {r.problems.map((p) => (
              <View key={p.subcategory} className='weekly-problem' id={`weekly-problem-${p.rank}`}>
                <View className='weekly-problem__head'>
                  <Text className='weekly-problem__rank'>{p.rank}</Text>
                  <View className='weekly-problem__title'>
                    <Text className='weekly-problem__label'>{p.label}</Text>
                    <Text className='weekly-problem__cat'>{CATEGORY_LABELS[p.category]}</Text>
                  </View>
                  <View className='weekly-problem__count'>
                    <Text className='weekly-problem__n'>{p.count}</Text>
                    <Text className={`weekly-problem__change${(p.changePct ?? 100) > 0 ? ' weekly-problem__change--up' : ''}`}>{changeText(p)}</Text>
                  </View>
                </View>
                {p.foodSafety > 0 && <Text className='weekly-problem__food'>其中食品安全 {p.foodSafety} 起</Text>}
                {p.keywords.length > 0 && (
                  <View className='weekly-problem__keywords'>
                    {p.keywords.map((k) => (
                      <Text key={k} className='weekly-problem__kw'>
                        {k}
                      </Text>
                    ))}
                  </View>
                )}
                <View className='weekly-problem__examples'>
                  {p.examples.map((e, i) => (
                    <Text key={i} className='weekly-problem__example'>
                      “{e}”
                    </Text>
                  ))}
                </View>
              </View>
            ))}
          </View>
        )}
      </>
    );
  }

  return (
    <View className='k-page k-page--plain weekly-page' id='weekly-page'>
      <View className='weekly-page__head'>
        <Text className='weekly-page__title'>投诉周报 · 前三大问题</Text>
        <ActionButton id='weekly-export' type='outline' size='small' loading={csv.exporting} onClick={() => void csv.start()}>
          导出 CSV
        </ActionButton>
      </View>
      <CsvExportResult id='weekly-export' exported={csv.exported} />
      {(kind === 'manager' || kind === 'admin') && (
        <ChoiceChips id='weekly-department' ariaLabel='部门' options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))} value={department} onChange={setDepartment} />
      )}
      {body}
    </View>
  );
}
