export default definePageConfig({
  navigationBarTitleText: '系统健康',
});
