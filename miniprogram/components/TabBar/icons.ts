import { tabIconPath, type TabKey } from '../../constants/tabs';

/**
 * WeChat build: the PNGs are already copied to the package root for the tabBar list, so the custom
 * tab bar points at those files instead of bundling a second copy. (The browser build uses icons.h5.ts.)
 */
export function tabIcon(key: TabKey, selected: boolean): string {
  return `/${tabIconPath(key, selected)}`;
}
