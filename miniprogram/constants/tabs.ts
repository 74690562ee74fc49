/** The three tabs (main package). Plain data: also read by app.config.ts at build time. */
export type TabKey = 'complaint' | 'mine' | 'workbench';

export interface TabDef {
  key: TabKey;
  pagePath: string;
  text: string;
  /** Shown only to staff. */
  staffOnly: boolean;
}

export const TABS: readonly TabDef[] = [
  { key: 'complaint', pagePath: 'pages/complaint/index', text: '投诉', staffOnly: false },
  { key: 'mine', pagePath: 'pages/mine/index', text: '我的投诉', staffOnly: false },
  { key: 'workbench', pagePath: 'pages/workbench/index', text: '工作台', staffOnly: true },
];

export const tabIconPath = (key: TabKey, selected: boolean) => `assets/tabbar/${key}${selected ? '-active' : ''}.png`;
