export default definePageConfig({
  navigationBarTitleText: '投诉周报',
  enablePullDownRefresh: true,
});
