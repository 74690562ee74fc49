import { TABS, tabIconPath } from './constants/tabs';

export default defineAppConfig({
  pages: TABS.map((tab) => tab.pagePath),
  subPackages: [
    {
      // Administration: staff and invitations, SLA and holidays, compensation rules, FAQ, QR codes.
      root: 'packages/admin',
      name: 'admin',
      pages: ['qrcodes/index', 'staff/index', 'sla/index', 'compensation/index', 'faq/index', 'taxonomy/index', 'rules/index', 'departments/index', 'health/index', 'logistics/index', 'spice/index'],
    },
    {
      // Staff ticket handling: inbox (list + ticket side by side on a wide screen), ticket, phone intake, binding.
      root: 'packages/staff',
      name: 'staff',
      pages: ['inbox/index', 'ticket/index', 'intake/index', 'bind/index', 'incidents/index', 'incident/index', 'archive/index'],
    },
    {
      // Heads' and managers' dashboard with hand-drawn charts (Views, no chart library).
      root: 'packages/dashboard',
      name: 'dashboard',
      pages: ['overview/index', 'weekly/index', 'watch/index'],
    },
    {
      // The customer's complaint detail and rating: opened from 我的投诉 and the receipt.
      root: 'packages/complaint',
      name: 'complaint',
      pages: ['detail/index', 'rating/index'],
    },
  ],
  // Fetch the customer subpackage while the customer reads the list or fills the form, so 查看进度 opens at once.
  preloadRule: {
    'pages/mine/index': { network: 'all', packages: ['complaint'] },
    'pages/complaint/index': { network: 'all', packages: ['complaint'] },
    // Staff open the workbench first: fetch the ticket screens meanwhile, so the first tap on a ticket is instant.
    'pages/workbench/index': { network: 'all', packages: ['staff'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#fbf6f1',
    navigationBarBackgroundColor: '#c8281e',
    navigationBarTitleText: '顾客服务',
    navigationBarTextStyle: 'white',
  },
  // `custom: true`: we draw the bar (custom-tab-bar/ in WeChat, the app chrome in the browser) so that
  // 工作台 is hidden from customers. The full list is still declared, as WeChat requires.
  tabBar: {
    custom: true,
    color: '#7d6e66',
    selectedColor: '#c8281e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: TABS.map((tab) => ({
      pagePath: tab.pagePath,
      text: tab.text,
      iconPath: tabIconPath(tab.key, false),
      selectedIconPath: tabIconPath(tab.key, true),
    })),
  },
});
