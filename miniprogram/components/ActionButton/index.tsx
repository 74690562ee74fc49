import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface ActionButtonProps {
  children: ReactNode;
  /** `primary`: filled chilli red; `outline`: red border on white. */
  type: 'primary' | 'outline';
  size: 'small' | 'normal';
  loading: boolean;
  disabled: boolean;
  /** Read out instead of the visible text when that is not enough. */
  ariaLabel?: string;
  id?: string;
  className: string;
  onClick: () => void;
}

const defaultProps: ActionButtonProps = {
  children: null,
  type: 'primary',
  size: 'normal',
  loading: false,
  disabled: false,
  className: '',
  onClick: () => undefined,
};

/**
 * The main package's button, styled like NutUI's (same tokens) at a fraction of the size:
 * NutUI's Button with its icon font CSS costs ~25 KB in every package that uses it.
 */
export function ActionButton(props: Partial<ActionButtonProps>) {
  const { children, type, size, loading, disabled, ariaLabel, id, className, onClick } = { ...defaultProps, ...props };
  const inactive = disabled || loading;
  const classes = ['k-btn', `k-btn--${type}`, `k-btn--${size}`, inactive ? 'k-btn--inactive' : '', className].filter(Boolean).join(' ');
  return (
    <View
      id={id}
      className={classes}
      role='button'
      aria-label={ariaLabel}
      aria-disabled={inactive}
      hoverClass={inactive ? 'none' : 'k-btn--pressed'}
      onClick={() => !inactive && onClick()}
    >
      {loading && <View className='k-btn__spinner' aria-hidden />}
      <Text>{children}</Text>
    </View>
  );
}

export default ActionButton;
