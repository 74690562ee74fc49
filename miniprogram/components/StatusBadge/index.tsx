import { Text } from '@tarojs/components';
import { CUSTOMER_STATUS_LABELS, type ComplaintStatus } from '@shared/complaint/model';
import './index.scss';

export interface StatusBadgeProps {
  status: ComplaintStatus;
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
  const { status, className } = { ...defaultProps, ...props };
  const label = CUSTOMER_STATUS_LABELS[status] ?? status;
  return (
    <Text className={`k-status k-status--${TONES[status] ?? 'muted'} ${className}`} aria-label={`状态：${label}`} data-status={status}>
      {label}
    </Text>
  );
}

export default StatusBadge;
