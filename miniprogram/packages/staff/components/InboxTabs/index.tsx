import { Text, View } from '@tarojs/components';
import type { InboxView } from '@shared/api/functions/ticket';
import './index.scss';

export interface InboxTabsProps {
  views: InboxView[];
  current: InboxView;
  counts?: Record<InboxView, number>;
  onChange: (view: InboxView) => void;
}

export const VIEW_LABELS: Record<InboxView, string> = { mine: '我的', department: '本部门', unassigned: '待分派', escalated: '已升级', triage: '待确认分类', all: '全部' };

/** The inbox's views, each with its count as a badge. */
export function InboxTabs({ views, current, counts, onChange }: InboxTabsProps) {
  return (
    <View className='k-itabs' role='tablist' id='inbox-tabs'>
      {views.map((view) => (
        <View key={view} id={`inbox-tab-${view}`} className={`k-itabs__tab${view === current ? ' k-itabs__tab--on' : ''}`} role='tab' aria-selected={view === current} onClick={() => onChange(view)}>
          <Text>{VIEW_LABELS[view]}</Text>
          {counts && (
            <Text className={`k-itabs__badge${counts[view] ? '' : ' k-itabs__badge--zero'}`} id={`inbox-count-${view}`}>
              {counts[view]}
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}

export default InboxTabs;
