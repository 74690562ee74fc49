import type { Clock } from '../../clock';
import type { MessageLog } from '../../messages';
import { gatewayError, type GatewayResult } from '../types';
import { WX, wxError, type WxJson } from './errors';
import { decodeCommApiData, encodeCommOpenApiResp, MalformedPairError, OPEN_API, pairsToRequest } from './protocol';
import { sendSubscribeMessage } from './subscribe-message';
import { getUnlimited } from './wxacode';

export { browserPageUrl } from './wxacode';
export { WX } from './errors';

export interface OpenApiOptions {
  messages: MessageLog;
  clock: Clock;
  appId: string;
  /** The browser build's URL of `page` opened with `scene`; what local QR codes encode (see `browserPageUrl`). */
  pageUrl: (page: string, scene: string) => string;
  /**
   * Mini-program pages, home page first, so `wxacode.getUnlimited` with `check_path` refuses an unknown page as
   * WeChat does and opens the home page when `page` is omitted. Without it every well-formed page passes.
   */
  pages?: readonly string[];
}

/**
 * The WeChat open APIs a cloud function reaches through `cloud.openapi.*` (action `wx.openApi`).
 * The request is a protobuf `CommApiData` of JSON pairs; the answer a protobuf `CommOpenApiResp` sent as
 * `application/octet-stream` (with `application/json; charset=utf-8` the SDK would JSON-parse the bytes).
 *
 * Supported: `subscribeMessage.send` (validated, then recorded in the message log instead of delivered) and
 * `wxacode.getUnlimited` (a real PNG QR code). Anything else answers errcode -604100.
 *
 * Tests simulate a user who has not accepted a subscription with `setUnsubscribed(openid, true)`:
 * every `subscribeMessage.send` to that openid then fails with errcode 43101, as WeChat does.
 */
export class OpenApi {
  private readonly unsubscribed = new Set<string>();

  constructor(private readonly options: OpenApiOptions) {}

  /** Simulate (or stop simulating) an openid that has no one-time subscription left: sends fail with 43101. */
  setUnsubscribed(openid: string, unsubscribed: boolean): void {
    if (unsubscribed) this.unsubscribed.add(openid);
    else this.unsubscribed.delete(openid);
  }

  async handle(apiName: string, requestData: Buffer): Promise<GatewayResult> {
    let message;
    try {
      message = decodeCommApiData(requestData);
    } catch (error) {
      return gatewayError('INVALID_PARAM', `requestData is not a CommApiData protobuf: ${(error as Error).message}`);
    }
    if (message.apiType !== OPEN_API) return this.answerJson(unsupported(apiName, `apiType ${message.apiType}`));
    // `appid` is set only for a call on behalf of another mini-program (resource sharing), which the local cloud has not.
    if (message.appid && message.appid !== this.options.appId) {
      return this.answerJson(wxError(WX.INVALID_APPID, `invalid appid: ${message.appid} is not ${this.options.appId}`));
    }
    let request: Record<string, unknown>;
    try {
      request = pairsToRequest(message.pairs);
    } catch (error) {
      if (error instanceof MalformedPairError) return this.answerJson(wxError(WX.DATA_FORMAT_ERROR, `data format error: ${error.message}`));
      throw error;
    }

    switch (apiName) {
      case 'subscribeMessage.send':
        return this.answerJson(
          sendSubscribeMessage(request, {
            messages: this.options.messages,
            clock: this.options.clock,
            isUnsubscribed: (openid) => this.unsubscribed.has(openid),
          }),
        );
      case 'wxacode.getUnlimited': {
        const { pageUrl, pages } = this.options;
        const result = await getUnlimited(request, { pageUrl, pages, homePage: pages?.[0] });
        if (!result.ok) return this.answerJson(result.error);
        return this.answer(result.png, 'image/png');
      }
      default:
        return this.answerJson(unsupported(apiName));
    }
  }

  private answerJson(body: WxJson): GatewayResult {
    return this.answer(Buffer.from(JSON.stringify(body)), 'application/json');
  }

  private answer(respData: Buffer, contentType: string): GatewayResult {
    return { kind: 'binary', body: encodeCommOpenApiResp({ respData, contentType, httpCode: 200 }), contentType: 'application/octet-stream' };
  }
}

function unsupported(apiName: string, detail?: string): WxJson {
  const what = `openapi.${apiName || '(none)'}${detail ? ` (${detail})` : ''}`;
  return wxError(WX.NOT_SUPPORTED_LOCALLY, `${what} is not supported by the local cloud; supported: subscribeMessage.send, wxacode.getUnlimited`);
}
