import { Text, View } from '@tarojs/components';
import type { Overview } from '@shared/stats/overview';
import './index.scss';

export interface KpiTilesProps {
  overview: Overview;
}

/** The headline figures: volume, food safety, open, time to resolve (mean / p90), satisfaction and NPS. */
export function KpiTiles({ overview: o }: KpiTilesProps) {
  const tiles: Array<{ id: string; label: string; value: string; sub?: string; tone?: 'bad' | 'ok' }> = [
    { id: 'kpi-total', label: '投诉量', value: String(o.total), sub: `${o.range.days} 天` },
    { id: 'kpi-food-safety', label: '食品安全', value: String(o.foodSafety), tone: o.foodSafety ? 'bad' : undefined },
    { id: 'kpi-open', label: '未结', value: String(o.open) },
    { id: 'kpi-mttr', label: '平均解决', value: o.resolution.meanHours !== undefined ? `${o.resolution.meanHours} h` : '—', sub: o.resolution.p90Hours !== undefined ? `P90 ${o.resolution.p90Hours} h` : `已解决 ${o.resolution.resolved}` },
    { id: 'kpi-stars', label: '满意度', value: o.satisfaction.meanStars !== undefined ? `${o.satisfaction.meanStars} ★` : '—', sub: `${o.satisfaction.ratings} 条评价` },
    { id: 'kpi-nps', label: 'NPS', value: o.satisfaction.nps !== undefined ? String(o.satisfaction.nps) : '—', sub: `推荐 ${o.satisfaction.promoters} · 贬损 ${o.satisfaction.detractors}`, tone: o.satisfaction.nps !== undefined ? (o.satisfaction.nps >= 0 ? 'ok' : 'bad') : undefined },
  ];
  return (
    <View className='k-kpis' id='dashboard-kpis'>
      {tiles.map((t) => (
        <View key={t.id} className={`k-kpi${t.tone ? ` k-kpi--${t.tone}` : ''}`} id={t.id}>
          <Text className='k-kpi__label'>{t.label}</Text>
          <Text className='k-kpi__value'>{t.value}</Text>
          {t.sub && <Text className='k-kpi__sub'>{t.sub}</Text>}
        </View>
      ))}
    </View>
  );
}

export default KpiTiles;
