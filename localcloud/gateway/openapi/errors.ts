import { randomBytes } from 'node:crypto';

/** WeChat's errcodes that the local open APIs answer. */
export const WX = {
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_ARGS: 40097,
  INVALID_SCENE: 40169,
  INVALID_PAGE: 41030,
  USER_NOT_SUBSCRIBED: 43101,
  DATA_FORMAT_ERROR: 47001,
  ARGUMENT_INVALID: 47003,
  /**
   * Local cloud only: the API exists in WeChat but the local cloud does not emulate it. Chosen in CloudBase's
   * negative range, next to -604101 (the function lacks permission for the API), so it never reads as a WeChat code.
   */
  NOT_SUPPORTED_LOCALLY: -604100,
} as const;

/** The JSON body WeChat answers: `{errcode, errmsg, …}`. WeChat appends a request id (`rid`) to error messages. */
export interface WxJson {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

export const wxOk = (extra: Record<string, unknown> = {}): WxJson => ({ errcode: 0, errmsg: 'ok', ...extra });

export const wxError = (errcode: number, errmsg: string): WxJson => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`,
});
