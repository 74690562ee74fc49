import { Text } from '@tarojs/components';
import { CUSTOMER_STATUS_LABELS, type ComplaintStatus } from '@shared/complaint/model';
import './index.scss';

export interface StatusBadgeProps {
  status: ComplaintStatus;
  /** Overrides the Chinese label (e.g. the English one); the colour still follows `status`. */
  label?: string;
  /** Read out before the label; defaults to 状态. */
  ariaPrefix?: string;
  className: string;
}

type Tone = 'info' | 'progress' | 'action' | 'done' | 'muted';

/** One colour per customer-visible status (DOMAIN.md): "待您确认" stands out because it needs the customer. */
const TONES: Record<ComplaintStatus, Tone> = {
  submitted: 'info',
  assigned: 'progress',
  investigating: 'progress',
  escalated: 'progress',
  compensating: 'progress',
  awaiting_customer: 'action',
  resolved: 'done',
  closed: 'muted',
};

const defaultProps: StatusBadgeProps = { status: 'submitted', className: '' };

export function StatusBadge(props: Partial<StatusBadgeProps>) {
  const { status, ariaPrefix = '状态：', className } = { ...defaultProps, ...props };
  const label = props.label ?? CUSTOMER_STATUS_LABELS[status] ?? status;
  return (
    <Text className={`k-status k-status--${TONES[status] ?? 'muted'} ${className}`} aria-label={`${ariaPrefix}${label}`} data-status={status}>
      {label}
    </Text>
  );
}

export default StatusBadge;
