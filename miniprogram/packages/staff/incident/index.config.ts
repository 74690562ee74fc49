export default definePageConfig({
  navigationBarTitleText: '批次异常事件',
  enablePullDownRefresh: true,
});
