import { Text, View } from '@tarojs/components';
import type { Overview } from '@shared/stats/overview';
import { heatLevel } from '@shared/staff/charts';
import './index.scss';

export interface HeatmapProps {
  heatmap: Overview['heatmap'];
}

/** Products (rows) × regions (columns): each cell shaded by its count against the busiest cell, the count printed. */
export function Heatmap({ heatmap }: HeatmapProps) {
  const count = new Map(heatmap.cells.map((c) => [`${c.product}\u0000${c.region}`, c.count]));
  const max = Math.max(0, ...heatmap.cells.map((c) => c.count));
  // Shades spread between the quietest and the busiest cell, so hot spots stand out of even data.
  const min = Math.min(...heatmap.cells.map((c) => c.count).filter((n) => n > 0));
  return (
    <View className='k-heat' id='chart-heatmap'>
      <View className='k-heat__row k-heat__row--head'>
        <Text className='k-heat__product' />
        {heatmap.regions.map((r) => (
          <Text key={r} className='k-heat__region'>
            {r}
          </Text>
        ))}
      </View>
      {heatmap.products.map((p) => (
        <View key={p} className='k-heat__row'>
          <Text className='k-heat__product'>{p}</Text>
          {heatmap.regions.map((r) => {
            const n = count.get(`${p}\u0000${r}`) ?? 0;
            return (
              <Text key={r} className={`k-heat__cell k-heat__cell--${heatLevel(n, max, min)}`} aria-label={`${p} · ${r}：${n} 件`}>
                {n || ''}
              </Text>
            );
          })}
        </View>
      ))}
    </View>
  );
}

export default Heatmap;
