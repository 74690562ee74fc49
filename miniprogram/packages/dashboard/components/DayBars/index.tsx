import { Text, View } from '@tarojs/components';
import { barPercent, dayLabel, labelEvery, niceMax } from '@shared/staff/charts';
import './index.scss';

export interface DayBarsProps {
  days: Array<{ date: string; count: number; foodSafety: number }>;
}

/** Complaints per day as columns (labels counted back from the last day, so it always has one), the food-safety part in red at the foot of each; a round axis maximum. */
export function DayBars({ days }: DayBarsProps) {
  const max = niceMax(Math.max(0, ...days.map((d) => d.count)));
  const every = labelEvery(days.length);
  return (
    <View className='k-days' id='chart-volume'>
      <View className='k-days__axis'>
        <Text>{max}</Text>
        <Text>{max / 2}</Text>
        <Text>0</Text>
      </View>
      <View className='k-days__plot'>
        <View className='k-days__grid' />
        {days.map((d, i) => (
          <View key={d.date} className='k-days__col' aria-label={`${d.date} ${d.count} 件，其中食品安全 ${d.foodSafety} 件`} data-count={d.count}>
            <View className='k-days__bar' style={{ height: `${barPercent(d.count, max)}%` }}>
              <View className='k-days__fs' style={{ height: `${d.count ? (d.foodSafety / d.count) * 100 : 0}%` }} />
            </View>
            <Text className='k-days__label'>{(days.length - 1 - i) % every === 0 ? dayLabel(d.date) : ''}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export default DayBars;
