import { useDidHide, useDidShow } from '@tarojs/taro';
import type { TabKey } from '../constants/tabs';
import { createStore, useStore } from '../utils/store';

/** The tab page on screen, or null on other pages (the browser build hides its tab bar there). */
const activeTab = createStore<TabKey | null>(null);

export const useActiveTab = () => useStore(activeTab);

/** Call once in each tab page: marks it active while shown, for both the WeChat custom tab bar and the browser one. */
export function useTabPage(key: TabKey): void {
  useDidShow(() => activeTab.set(key));
  // Only clear if no other tab has claimed the bar already (show/hide order differs between builds).
  useDidHide(() => activeTab.set((current) => (current === key ? null : current)));
}
