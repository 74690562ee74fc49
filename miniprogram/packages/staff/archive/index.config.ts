export default definePageConfig({
  navigationBarTitleText: '案例库',
  enablePullDownRefresh: true,
});
