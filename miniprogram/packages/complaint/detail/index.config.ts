export default definePageConfig({
  navigationBarTitleText: '投诉详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
