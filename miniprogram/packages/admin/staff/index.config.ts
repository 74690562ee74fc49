export default definePageConfig({
  navigationBarTitleText: '员工与邀请码',
});
