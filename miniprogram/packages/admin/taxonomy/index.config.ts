export default definePageConfig({
  navigationBarTitleText: '分类与回复模板',
});
