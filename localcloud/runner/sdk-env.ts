/**
 * The environment that points the unmodified wx-server-sdk at the local gateway (LOCALCLOUD.md),
 * and the caller identity that `getWXContext()` reads from `process.env`.
 */
export interface SdkEnvOptions {
  gatewayUrl: string;
  envId: string;
  appId?: string;
}

export interface CallerEnv {
  openid?: string;
  unionid?: string;
  clientIp?: string;
  /**
   * A browser user signed in through CloudBase's web SDK (production web build): the platform reports no OPENID,
   * only the CloudBase user id in `TCB_UUID` (listed in `TCB_CONTEXT_KEYS`).
   */
  webUid?: string;
  /** `wx_client` for a user, `wx_trigger` for timers, `scf` for a call from another function, `web_client` for the web SDK. */
  source: string;
}

export function sdkEnv({ gatewayUrl, envId }: SdkEnvOptions): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${gatewayUrl}/admin` }),
    // Any non-empty pair: without one, an unhandled rejection in the SDK kills Node 20.
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    // "Inside SCF": the SDK skips its metadata-server probe.
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TZ: 'Asia/Shanghai',
  };
}

export const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP'] as const;

/** Keys set per invocation; everything else in the environment stays as the instance started. */
export function callerEnv(caller: CallerEnv, appId: string): Record<string, string | undefined> {
  return {
    WX_CONTEXT_KEYS: CONTEXT_KEYS.join(','),
    WX_OPENID: caller.openid,
    WX_APPID: caller.openid ? appId : undefined,
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: caller.clientIp,
    TCB_SOURCE: caller.source,
    // Always set or cleared, so an instance never carries one caller's web identity into the next invocation.
    TCB_CONTEXT_KEYS: caller.webUid ? 'TCB_UUID,TCB_ISANONYMOUS_USER,TCB_SOURCE' : undefined,
    TCB_UUID: caller.webUid,
    TCB_ISANONYMOUS_USER: caller.webUid ? 'true' : undefined,
  };
}
