export default definePageConfig({
  navigationBarTitleText: '时效与节假日',
});
