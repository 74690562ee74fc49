export default definePageConfig({
  navigationBarTitleText: '工单列表',
  enablePullDownRefresh: true,
});
