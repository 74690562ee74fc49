import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { TABS, type TabDef, type TabKey } from '../../constants/tabs';
import { useI18n, type MessageKey } from '../../i18n';
import { useWorkbenchBadge } from '../../utils/badge';
import { tabIcon } from './icons';
import './index.scss';

export interface TabBarProps {
  /** The tab shown as selected; null selects none. */
  current: TabKey | null;
  /** Show the staff-only 工作台 tab. */
  showStaff: boolean;
  onSelect: (tab: TabDef) => void;
}

const switchTo = (tab: TabDef) => {
  void Taro.switchTab({ url: `/${tab.pagePath}` });
};

const defaultProps: TabBarProps = { current: null, showStaff: false, onSelect: switchTo };

/**
 * The bottom tab bar drawn by us (WeChat custom tabBar and the browser build alike), so that
 * 工作台 can be hidden from customers. Tab switching itself stays Taro's `switchTab`.
 */
export function TabBar(props: Partial<TabBarProps>) {
  const { current, showStaff, onSelect } = { ...defaultProps, ...props };
  const { lang, t } = useI18n();
  const tabs = TABS.filter((tab) => showStaff || !tab.staffOnly);
  // My open tickets on the 工作台 tab (set by the staff pages; nothing for customers).
  const badge = useWorkbenchBadge();
  // Chinese is constants/tabs.ts itself; other languages come from the dictionary.
  const label = (tab: TabDef) => (lang === 'zh' ? tab.text : t(`tab.${tab.key}` as MessageKey));
  return (
    <View className='k-tabbar' role='tablist' aria-label='主导航'>
      {tabs.map((tab) => {
        const selected = tab.key === current;
        return (
          <View
            key={tab.key}
            id={`tab-${tab.key}`}
            className={`k-tabbar__item${selected ? ' k-tabbar__item--active' : ''}`}
            role='tab'
            aria-selected={selected}
            aria-label={label(tab)}
            data-tab={tab.key}
            onClick={() => !selected && onSelect(tab)}
          >
            <Image className='k-tabbar__icon' src={tabIcon(tab.key, selected)} mode='aspectFit' />
            {tab.key === 'workbench' && showStaff && !!badge && (
              <Text className='k-tabbar__badge' id='tab-workbench-badge' aria-label={`${badge} 张待办`}>
                {badge > 99 ? '99+' : badge}
              </Text>
            )}
            <Text className='k-tabbar__text'>{label(tab)}</Text>
          </View>
        );
      })}
    </View>
  );
}

export default TabBar;
