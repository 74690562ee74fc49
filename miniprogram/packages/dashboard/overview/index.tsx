import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { DEPARTMENT_LABELS } from '@shared/auth/roles';
import { CATEGORY_LABELS } from '@shared/complaint/model';
import { DEFAULT_TAXONOMY, findSubcategory } from '@shared/complaint/taxonomy';
import { daysBefore } from '@shared/staff/charts';
import { useEffect, useState } from 'react';
import { call } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { dashboardKey, takePrefetched } from '../../../utils/prefetch';
import { chinaDay } from '../../../utils/time';
import { CUSTOMER_WATCH_PAGE, WEEKLY_REPORT_PAGE } from '../../../utils/staff-routes';
import type { ClientEnvelope } from '../../../api';
import type { DashboardOverview } from '@shared/stats/overview';
import { AlertList } from '../components/AlertList';
import { ChartCard } from '../components/ChartCard';
import { DashboardFilters, type DashboardPickOptions, type DashboardQuery } from '../components/DashboardFilters';
import { DayBars } from '../components/DayBars';
import { Heatmap } from '../components/Heatmap';
import { KeywordCloud } from '../components/KeywordCloud';
import { KpiTiles } from '../components/KpiTiles';
import { ShareBars } from '../components/ShareBars';
import { SlaBars } from '../components/SlaBars';
import { SurgeCard } from '../components/SurgeCard';
import { CsvExportResult, useCsvExport } from '../components/CsvExportResult';
import './index.scss';

/** Today in China (UTC+8), `YYYY-MM-DD`. */
/** The SLA target the department bars are drawn against. */
const SLA_TARGET = 0.9;

/** `2026-11-22T14:05:09.000+08:00` → `14:05` (responses carry China time). */
const hhmm = (iso?: string) => (iso ? iso.slice(11, 16) : '');

/**
 * 数据看板 (heads: their department; managers and admins: all): one `stats.overview` call draws every chart; the
 * same filters export the complaints as CSV. Charts are Views sized in %, so both builds draw them alike.
 */
export default function DashboardPage() {
  const session = useSession();
  const kind = session.state.status === 'ready' ? session.state.session.kind : undefined;
  const today = chinaDay();
  const presets = [7, 30, 90].map((days) => ({ days, from: daysBefore(today, days - 1) }));
  const [query, setQuery] = useState<DashboardQuery>({ from: presets[1].from, to: today });
  // Only the filters that are set: the default input is the key the workbench prefetched under.
  const { from, to, ...picked } = query;
  const input = { from, to, ...Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) } as typeof query;
  const { state, reload, refresh } = useRemote(
    () => takePrefetched<ClientEnvelope<DashboardOverview>>(dashboardKey(input)) ?? call('stats', 'overview', input),
    [JSON.stringify(input), session.epoch],
  );
  // The pickers keep the last answer's lists while the next one loads.
  const [pick, setPick] = useState<DashboardPickOptions>();
  useEffect(() => {
    if (state.status === 'ok') setPick(state.data.options);
  }, [state]);
  const csv = useCsvExport(() => call('stats', 'exportCsv', input));

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });

  let body;
  if (state.status === 'loading') body = <LoadingSkeleton cards={4} lines={4} label='正在汇总数据' />;
  else if (state.status === 'error') {
    const denied = state.error.code === 'FORBIDDEN';
    body = <ErrorState title={denied ? '数据看板仅供主管和经理使用' : '看板数据加载失败'} error={state.error} onRetry={denied ? undefined : () => void reload()} />;
  } else if (state.data.total === 0)
    body = (
      <>
        <Freshness o={state.data} />
        <EmptyState title='这段时间没有投诉' description='换个时间范围或筛选条件看看。' />
      </>
    );
  else {
    const o = state.data;
    body = (
      <>
        <KpiTiles overview={o} />
        <Freshness o={o} />
        <View className='dashboard-page__grid'>
          <ChartCard title='预警' id='card-alerts' note='超时未解决、批次聚集、类别环比增长 ≥ 30%' wide>
            <AlertList alerts={o.alerts} />
          </ChartCard>
          <ChartCard title='每日投诉量' id='card-volume' note='红色为食品安全' wide>
            <DayBars days={o.volumeByDay} />
          </ChartCard>
          <ChartCard title='类别占比' id='card-category' note='右侧为与上一周期相比的变化'>
            <ShareBars id='chart-category' tone='chilli' items={o.byCategory.map((c) => ({ key: c.category, label: CATEGORY_LABELS[c.category], count: c.count, share: c.share, ...(c.changePct !== undefined ? { changePct: c.changePct } : {}) }))} />
          </ChartCard>
          <ChartCard title='细类排行' id='card-subcategory' empty={!o.bySubcategory.length}>
            <ShareBars id='chart-subcategory' tone='pepper' items={o.bySubcategory.slice(0, 10).map((s) => ({ key: `${s.category}.${s.subcategory}`, label: findSubcategory(DEFAULT_TAXONOMY, s.category, s.subcategory)?.label ?? s.subcategory, count: s.count, share: s.share }))} />
          </ChartCard>
          <ChartCard title='各部门时效达成率' id='card-sla' note='首次响应与解决，按已到期或已完成的工单计'>
            <SlaBars rows={o.slaByDepartment} target={SLA_TARGET} />
          </ChartCard>
          <ChartCard title='商品排行' id='card-products' empty={!o.topProducts.length}>
            <ShareBars id='chart-products' tone='gold' items={o.topProducts.map((p) => ({ key: p.productId, label: p.productName, count: p.count }))} />
          </ChartCard>
          <ChartCard title='批次排行' id='card-batches' empty={!o.topBatches.length}>
            <ShareBars id='chart-batches' tone='chilli' items={o.topBatches.map((b) => ({ key: b.batchId, label: `${b.productName ?? ''} ${b.batchNo ?? b.batchId}`, count: b.count }))} />
          </ChartCard>
          <ChartCard title='商品 × 片区' id='card-heatmap' note='颜色越深投诉越多' wide empty={!o.heatmap.cells.length}>
            <Heatmap heatmap={o.heatmap} />
          </ChartCard>
          <ChartCard title='投诉关键词' id='card-keywords' note='近 7 天投诉中格外突出的词（TF-IDF），字越大越突出' empty={!o.keywords.length}>
            <KeywordCloud words={o.keywords} />
          </ChartCard>
          <ChartCard title='等级分布' id='card-levels'>
            <ShareBars id='chart-levels' tone='pepper' items={(['L1', 'L2', 'L3'] as const).map((l) => ({ key: l, label: l, count: o.byLevel[l], share: o.total ? o.byLevel[l] / o.total : 0 }))} />
          </ChartCard>
        </View>
      </>
    );
  }

  return (
    <View className='k-page k-page--plain dashboard-page' id='dashboard-page'>
      <View className='dashboard-page__head'>
        <Text className='dashboard-page__title'>数据看板</Text>
        <Text className='dashboard-page__scope' id='dashboard-scope'>
          {kind === 'head' && session.state.status === 'ready' && session.state.session.department ? DEPARTMENT_LABELS[session.state.session.department] : query.department ? DEPARTMENT_LABELS[query.department] : '全部部门'}
        </Text>
        <ActionButton id='dashboard-export' type='outline' size='small' loading={csv.exporting} onClick={() => void csv.start()}>
          导出 CSV
        </ActionButton>
      </View>
      <View className='dashboard-page__links'>
        <Text className='dashboard-page__nav' id='dashboard-weekly' onClick={() => void Taro.navigateTo({ url: WEEKLY_REPORT_PAGE })}>
          投诉周报 ›
        </Text>
        <Text className='dashboard-page__nav' id='dashboard-watch' onClick={() => void Taro.navigateTo({ url: CUSTOMER_WATCH_PAGE })}>
          重点客户名单 ›
        </Text>
      </View>
      <CsvExportResult id='dashboard-export' exported={csv.exported} showRows />
      <DashboardFilters query={query} canPickDepartment={kind === 'manager' || kind === 'admin'} presets={presets} pick={pick} onChange={setQuery} />
      <SurgeCard />
      {body}
    </View>
  );
}

/**
 * How fresh the figures are: computed now from the daily rollups plus the complaints changed since they were
 * built (so they are current), or partly behind when more changed than one answer reads.
 */
function Freshness({ o }: { o: DashboardOverview }) {
  const f = o.freshness;
  return (
    <View className='dashboard-page__fresh' id='dashboard-freshness'>
      <Text>数据更新于 {hhmm(f.asOf)}</Text>
      {f.rolledUpAt ? <Text>（每日汇总 {hhmm(f.rolledUpAt)}，其后变动 {f.liveRows} 条已实时计入）</Text> : <Text>（实时统计）</Text>}
      {f.partial && <Text className='dashboard-page__stale'>近期变动较多，部分最新数据将在下次汇总后显示</Text>}
    </View>
  );
}
