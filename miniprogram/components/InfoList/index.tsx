import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface InfoItem {
  label: string;
  value: ReactNode;
  /** Stable hook for tests and analytics. */
  id?: string;
}

export interface InfoListProps {
  items: InfoItem[];
  className: string;
}

const defaultProps: InfoListProps = { items: [], className: '' };

/** Label / value rows for facts (batch number, dates, address). */
export function InfoList(props: Partial<InfoListProps>) {
  const { items, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-info ${className}`}>
      {items.map((item) => (
        <View key={item.label} className='k-info__row' id={item.id}>
          <Text className='k-info__label'>{item.label}</Text>
          <View className='k-info__value'>{item.value}</View>
        </View>
      ))}
    </View>
  );
}

export default InfoList;
