/** HTTP access routes (CloudBase 云接入/HTTP 访问服务): a path on the environment's domain → the function it triggers. */
export interface HttpRoute {
  path: string;
  function: string;
  /** Why it is exposed, for the deploy plan. */
  purpose: string;
}

export const HTTP_ROUTES: readonly HttpRoute[] = [{ path: '/logistics/push', function: 'logistics', purpose: '物流系统推送订单、运单与温度读数（HMAC 签名）' }];
