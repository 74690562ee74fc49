import type { SmsPayload } from '@shared/notify/compose';
import type { SmsConfig } from './env';
import { errorText, failed, type SendResult } from './result';

/** The parts of Tencent Cloud's SendSms (API 2021-01-11) we use. */
interface SendSmsRequest {
  PhoneNumberSet: string[];
  SmsSdkAppId: string;
  SignName: string;
  TemplateId: string;
  TemplateParamSet: string[];
  SessionContext?: string;
}
interface SendSmsResponse {
  SendStatusSet?: Array<{ SerialNo?: string; PhoneNumber?: string; Code?: string; Message?: string }>;
  RequestId?: string;
}
interface SmsClient {
  request(action: 'SendSms', req: SendSmsRequest): Promise<SendSmsResponse>;
}

let cached: { key: string; client: SmsClient } | undefined;

/**
 * tencentcloud-sdk-nodejs's CommonClient for the SMS API (the product package `tencentcloud-sdk-nodejs-sms` is a
 * typed wrapper around the same client). Loaded on the first SMS only, so the SDK costs nothing at a cold start
 * of a drain that sends none; one client per instance.
 */
async function smsClient(config: SmsConfig): Promise<SmsClient> {
  const key = `${config.protocol}${config.endpoint}|${config.region}|${config.secretId}`;
  if (cached?.key === key) return cached.client;
  const { CommonClient } = await import('tencentcloud-sdk-nodejs-common');
  const client = new CommonClient('sms.tencentcloudapi.com', '2021-01-11', {
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region,
    profile: { httpProfile: { endpoint: config.endpoint, protocol: config.protocol, reqTimeout: config.timeoutS } },
  }) as unknown as SmsClient;
  cached = { key, client };
  return client;
}

/** `13812348000` → `+8613812348000` (E.164, as SendSms documents its numbers). */
export const e164 = (mainlandMobile: string) => (mainlandMobile.startsWith('+') ? mainlandMobile : `+86${mainlandMobile}`);

/** One SMS. A status other than `Ok` (a carrier limit, a blocked number) is a failure to retry. */
export async function sendSms(config: SmsConfig, phone: string, payload: SmsPayload, sessionContext?: string): Promise<SendResult> {
  const templateId = config.templateIds[payload.template];
  if (!templateId) return failed(`短信模板 ${payload.template} 未配置`, { permanent: true });
  try {
    const client = await smsClient(config);
    const res = await client.request('SendSms', {
      PhoneNumberSet: [e164(phone)],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: templateId,
      TemplateParamSet: payload.params,
      ...(sessionContext ? { SessionContext: sessionContext } : {}),
    });
    const status = res.SendStatusSet?.[0];
    if (status?.Code === 'Ok') return { ok: true, ...(status.SerialNo ? { providerId: status.SerialNo } : {}) };
    return failed(`${status?.Code ?? 'NoStatus'} ${status?.Message ?? ''}`.trim());
  } catch (error) {
    return failed(errorText(error));
  }
}
