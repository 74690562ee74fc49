import Taro from '@tarojs/taro';

/** What every cloud-function call sends (API.md calling convention). */
export interface CallPayload {
  action: string;
  input: unknown;
  requestId?: string;
}

/**
 * WeChat build: `Taro.cloud.callFunction`; the envelope is `result`.
 * The browser build resolves `transport.h5.ts` instead, so this file is never in the H5 bundle and vice versa.
 * Throws on transport failure; `call()` turns that into the retryable INTERNAL envelope.
 */
export async function send(name: string, payload: CallPayload): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data: payload as unknown as TaroGeneral.IAnyObject });
  return res.result;
}
