import type { Channel } from '@shared/complaint/model';

/** How a complaint reached us, in two or four characters for list rows. */
export const CHANNEL_SHORT: Record<Channel, string> = {
  miniprogram: '小程序',
  qr_package: '包装码',
  qr_store: '门店码',
  web: '网页',
  phone: '电话',
  order: '订单',
};
