import { View } from '@tarojs/components';
import './index.scss';

export interface LoadingSkeletonProps {
  /** Number of cards. */
  cards: number;
  /** Text lines per card. */
  lines: number;
  /** Read out by screen readers while loading. */
  label: string;
  className: string;
}

const defaultProps: LoadingSkeletonProps = { cards: 1, lines: 3, label: '正在加载', className: '' };

/** Placeholder cards shaped like the content that is coming, so the page does not jump. */
export function LoadingSkeleton(props: Partial<LoadingSkeletonProps>) {
  const { cards, lines, label, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-skeleton ${className}`} aria-busy aria-label={label} role='status'>
      {Array.from({ length: cards }, (_, c) => (
        <View key={c} className='k-skeleton__card'>
          <View className='k-skeleton__bar k-skeleton__bar--title' />
          {Array.from({ length: lines }, (_, l) => (
            <View key={l} className={`k-skeleton__bar${l === lines - 1 ? ' k-skeleton__bar--short' : ''}`} />
          ))}
        </View>
      ))}
    </View>
  );
}

export default LoadingSkeleton;
