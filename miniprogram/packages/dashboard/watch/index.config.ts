export default definePageConfig({
  navigationBarTitleText: '重点客户名单',
  enablePullDownRefresh: true,
});
