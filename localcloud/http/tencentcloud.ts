import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { MessageLog } from '../messages';
import { readBody, sendJson } from './respond';

/**
 * `POST /tencentcloud/<service>/`: where functions configured with a local endpoint send Tencent Cloud API calls
 * (tencentcloud-sdk-nodejs: hunyuan, SMS). Nothing leaves the machine.
 * - `sms` `SendSms`: each number is recorded as a message (channel `sms`, to = the number, template = the SMS
 *   template id, data = the parameters) and answered with a successful SendStatusSet, as a delivered SMS is.
 * - Anything else is recorded (channel `tencentcloud`, template = the API action) and answered with the API's
 *   error shape, so callers take their fallback path exactly as they would on a real outage.
 */
export async function handleTencentCloud(req: IncomingMessage, res: ServerResponse, url: URL, messages: MessageLog, clock: Clock): Promise<void> {
  const service = url.pathname.split('/')[2] || 'unknown';
  const action = String(req.headers['x-tc-action'] ?? 'unknown');
  const raw = (await readBody(req, 1024 * 1024)).toString('utf8');
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // keep the raw text
  }
  const extra = { version: req.headers['x-tc-version'], region: req.headers['x-tc-region'] };
  if (service === 'sms' && action === 'SendSms') return sendJson(res, 200, { Response: sendSms(body, messages, clock, extra) });
  messages.record({ at: clock.now().toISOString(), channel: 'tencentcloud', to: service, template: action, data: body, extra });
  sendJson(res, 200, {
    Response: {
      Error: { Code: 'UnsupportedOperation.LocalCloud', Message: '本地云只记录腾讯云 API 请求，不会真正发送' },
      RequestId: randomUUID(),
    },
  });
}

interface SendSmsBody {
  PhoneNumberSet?: unknown;
  SmsSdkAppId?: unknown;
  SignName?: unknown;
  TemplateId?: unknown;
  TemplateParamSet?: unknown;
  SessionContext?: unknown;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** `+8613812348000`, `008613812348000`, `8613812348000` → `13812348000`: the mainland number the phone has. */
export function localPhone(number: string): string {
  const m = /^(?:\+86|0086|86)?(1\d{10})$/.exec(number);
  return m ? m[1] : number;
}

/** SendSms (API 2021-01-11): the request's required fields checked as the API does, then one record per number. */
function sendSms(body: unknown, messages: MessageLog, clock: Clock, extra: Record<string, unknown>): Record<string, unknown> {
  const requestId = randomUUID();
  const req = (typeof body === 'object' && body !== null ? body : {}) as SendSmsBody;
  const missing = ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId'].find((k) => req[k as keyof SendSmsBody] === undefined);
  if (missing) return { Error: { Code: 'MissingParameter', Message: `The request is missing a required parameter \`${missing}\`.` }, RequestId: requestId };
  if (!isStringArray(req.PhoneNumberSet) || req.PhoneNumberSet.length === 0 || req.PhoneNumberSet.length > 200) {
    return { Error: { Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'PhoneNumberSet must hold 1–200 numbers.' }, RequestId: requestId };
  }
  if (req.TemplateParamSet !== undefined && (!isStringArray(req.TemplateParamSet) || req.TemplateParamSet.some((p) => p === ''))) {
    return { Error: { Code: 'InvalidParameterValue.TemplateParameterFormatError', Message: 'TemplateParamSet must be non-empty strings.' }, RequestId: requestId };
  }
  const at = clock.now().toISOString();
  const SendStatusSet = req.PhoneNumberSet.map((number) => {
    const recorded = messages.record({
      at,
      channel: 'sms',
      to: localPhone(number),
      template: String(req.TemplateId),
      data: req.TemplateParamSet ?? [],
      extra: { ...extra, phoneNumber: number, smsSdkAppId: req.SmsSdkAppId, signName: req.SignName, sessionContext: req.SessionContext },
    });
    return {
      SerialNo: `local-sms-${recorded.seq}`,
      PhoneNumber: number,
      Fee: 1,
      SessionContext: typeof req.SessionContext === 'string' ? req.SessionContext : '',
      Code: 'Ok',
      Message: 'send success',
      IsoCode: 'CN',
    };
  });
  return { SendStatusSet, RequestId: requestId };
}
