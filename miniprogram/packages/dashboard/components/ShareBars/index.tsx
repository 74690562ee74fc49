import { Text, View } from '@tarojs/components';
import { barPercent } from '@shared/staff/charts';
import './index.scss';

export interface ShareItem {
  key: string;
  label: string;
  count: number;
  /** 0–1 of the total. */
  share?: number;
  /** Change against the previous period, in percent. */
  changePct?: number;
}

export interface ShareBarsProps {
  items: ShareItem[];
  id?: string;
  tone: 'chilli' | 'pepper' | 'gold';
}

/** Horizontal bars: label, bar, count and share, and the change on the previous period when known. */
export function ShareBars({ items, id, tone = 'chilli' }: ShareBarsProps) {
  const max = Math.max(0, ...items.map((i) => i.count));
  return (
    <View className='k-share' id={id}>
      {items.map((item) => (
        <View key={item.key} className='k-share__row' data-key={item.key}>
          <Text className='k-share__label'>{item.label}</Text>
          <View className='k-share__track'>
            <View className={`k-share__bar k-share__bar--${tone}`} style={{ width: `${barPercent(item.count, max)}%` }} />
          </View>
          <Text className='k-share__value'>
            {item.count}
            {item.share !== undefined ? ` · ${Math.round(item.share * 100)}%` : ''}
          </Text>
          {item.changePct !== undefined && (
            <Text className={`k-share__change${item.changePct >= 30 ? ' k-share__change--up' : item.changePct < 0 ? ' k-share__change--down' : ''}`}>
              {item.changePct > 0 ? '↑' : item.changePct < 0 ? '↓' : ''}
              {Math.abs(item.changePct)}%
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}

export default ShareBars;
