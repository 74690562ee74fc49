export default definePageConfig({
  navigationBarTitleText: '电话录入',
});
