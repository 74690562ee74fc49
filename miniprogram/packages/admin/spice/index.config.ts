export default definePageConfig({
  navigationBarTitleText: '麻辣度参考库',
});
