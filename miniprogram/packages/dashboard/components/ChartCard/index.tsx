import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface ChartCardProps {
  title: string;
  /** One line under the title: what the chart counts. */
  note?: string;
  id?: string;
  /** Nothing to draw: said in words instead of an empty frame. */
  empty?: boolean;
  emptyText: string;
  wide: boolean;
  children?: ReactNode;
}

/** The frame every dashboard chart sits in, with its own empty state. */
export function ChartCard(props: Partial<ChartCardProps> & Pick<ChartCardProps, 'title'>) {
  const { title, note, id, empty = false, emptyText = '这段时间没有数据', wide = false, children } = props;
  return (
    <View className={`k-chart${wide ? ' k-chart--wide' : ''}`} id={id}>
      <Text className='k-chart__title'>{title}</Text>
      {note && <Text className='k-chart__note'>{note}</Text>}
      {empty ? <Text className='k-chart__empty'>{emptyText}</Text> : children}
    </View>
  );
}

export default ChartCard;
