export default definePageConfig({
  navigationBarTitleText: '补偿规则与审批',
});
