import { Text, View } from '@tarojs/components';
import type { ClientError } from '../../api';
import './index.scss';
import { ActionButton } from '../ActionButton';

export interface ErrorStateProps {
  title: string;
  error?: ClientError;
  retryText: string;
  /** Omit to show no retry button (e.g. FORBIDDEN will not change on retry). */
  onRetry?: () => void;
  className: string;
}

const defaultProps: ErrorStateProps = { title: '加载失败', retryText: '重新加载', className: '' };

/** A failed load: what went wrong in plain Chinese, and a way to try again. */
export function ErrorState(props: Partial<ErrorStateProps>) {
  const { title, error, retryText, onRetry, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-error ${className}`} role='alert'>
      <View className='k-error__mark' aria-hidden>
        !
      </View>
      <Text className='k-error__title'>{title}</Text>
      {error && <Text className='k-error__message'>{error.message}</Text>}
      {onRetry && (
        <ActionButton className='k-error__retry' size='small' onClick={() => onRetry()}>
          {retryText}
        </ActionButton>
      )}
    </View>
  );
}

export default ErrorState;
