import Taro from '@tarojs/taro';

/** The customer-service hotline (400 热线), printed on every package; change it here only. */
export const HOTLINE = '400-028-6688';

/** Opens the phone's dialer (WeChat asks first; the browser follows a tel: link). */
export function callHotline(): void {
  Taro.makePhoneCall({ phoneNumber: HOTLINE.replace(/-/g, '') }).catch(() => undefined);
}
