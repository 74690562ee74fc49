export default definePageConfig({
  navigationBarTitleText: '部门设置',
});
