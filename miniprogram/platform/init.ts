import Taro from '@tarojs/taro';
import { CLOUD_ENV } from '../env';

/** WeChat build: connect to the cloud environment once, before any function call. */
export function initPlatform(): void {
  // `Taro.cloud` is wx.cloud; absent only outside WeChat (e.g. the jsdom runtime probe), where calls then fail as network errors.
  if (!Taro.cloud) return;
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}
