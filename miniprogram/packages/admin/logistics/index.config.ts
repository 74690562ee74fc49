export default definePageConfig({
  navigationBarTitleText: '物流数据导入',
});
