import { Text, View } from '@tarojs/components';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';
import { clockText, spanText } from '../../i18n/format';
import './index.scss';

export interface CountdownProps {
  /** The promised moment on this device's clock (server remaining time + the moment it was read). */
  dueMs: number;
  /** `clock`: 00:59:58 ticking every second; `span`: 2 小时 15 分, every half minute. */
  format: 'clock' | 'span';
  /** Words before the time; defaults to 还剩 / 已超时. */
  leftLabel?: string;
  overdueLabel?: string;
  id?: string;
  className: string;
}

const defaultProps: CountdownProps = { dueMs: 0, format: 'span', className: '' };

/** A live countdown to a promise; turns red and counts up once the promise has passed. */
export function Countdown(props: Partial<CountdownProps>) {
  const { dueMs, format, leftLabel, overdueLabel, id, className } = { ...defaultProps, ...props };
  const { t } = useI18n();
  const now = useNow(format === 'clock' ? 1000 : 30_000);
  const left = dueMs - now;
  const overdue = left < 0;
  const value = format === 'clock' ? clockText(t, left) : spanText(t, left);
  const prefix = overdue ? (overdueLabel ?? t('countdown.overdue')) : (leftLabel ?? t('countdown.left'));
  return (
    <View id={id} className={`k-countdown${overdue ? ' k-countdown--overdue' : ''} ${className}`} role='timer' aria-live='off' data-overdue={overdue}>
      <Text>{prefix}</Text>
      <Text className='k-countdown__value'>{value}</Text>
    </View>
  );
}

export default Countdown;
