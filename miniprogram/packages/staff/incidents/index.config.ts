export default definePageConfig({
  navigationBarTitleText: '批次异常',
  enablePullDownRefresh: true,
});
