import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface EmptyStateProps {
  title: string;
  description?: string;
  /** Optional action below the text (only one that leads somewhere real). */
  action?: ReactNode;
  className: string;
}

const defaultProps: EmptyStateProps = { title: '暂无内容', className: '' };

/** Nothing to show yet, said kindly. The drawing is CSS: no image to download. */
export function EmptyState(props: Partial<EmptyStateProps>) {
  const { title, description, action, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-empty ${className}`}>
      <View className='k-empty__art' aria-hidden>
        <View className='k-empty__steam'>
          <View className='k-empty__wisp' />
          <View className='k-empty__wisp k-empty__wisp--tall' />
          <View className='k-empty__wisp' />
        </View>
        <View className='k-empty__bowl' />
      </View>
      <Text className='k-empty__title'>{title}</Text>
      {description && <Text className='k-empty__desc'>{description}</Text>}
      {action && <View className='k-empty__action'>{action}</View>}
    </View>
  );
}

export default EmptyState;
