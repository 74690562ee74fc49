import { Text, View } from '@tarojs/components';
import type { IncidentSummary } from '@shared/surge/view';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface IncidentRowProps {
  incident: IncidentSummary;
  onOpen: (incidentId: string) => void;
}

const TONE: Record<IncidentSummary['status'], string> = { open: 'danger', acknowledged: 'warn', closed: 'ok' };

/** One batch surge in a list: product and batch, status, the detector's reason, how many tickets it holds. */
export function IncidentRow({ incident, onOpen = () => undefined }: IncidentRowProps) {
  return (
    <View className='k-incident-row' data-incident={incident.incidentId} data-status={incident.status} onClick={() => onOpen(incident.incidentId)}>
      <View className='k-incident-row__head'>
        <Text className='k-incident-row__batch'>
          {incident.productName ?? '商品'} · 批次 {incident.batchNo ?? incident.batchId}
        </Text>
        <Text className={`s-tag s-tag--${TONE[incident.status]}`}>{incident.statusLabel}</Text>
      </View>
      <Text className='k-incident-row__reason'>{incident.reason}</Text>
      <Text className='s-muted'>
        {incident.complaints} 张工单 · 发现于 {formatShortDateTime(incident.openedAt)} · 最近投诉 {formatShortDateTime(incident.lastComplaintAt)}
      </Text>
    </View>
  );
}

export default IncidentRow;
