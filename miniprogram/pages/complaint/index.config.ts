export default definePageConfig({
  navigationBarTitleText: '顾客服务',
});
