/** Brand copy shown in the app; change it here only. */
export const BRAND = {
  name: '蜀味鲜',
  tagline: '川味冻品 · 冷链到家',
  serviceTitle: '顾客服务中心',
} as const;
