import protobuf from 'protobufjs';

/**
 * The protobuf messages of `wx.openApi`, with the field numbers of wx-server-sdk 4.0.2
 * (`$root.KeyValuePair`, `$root.OpenApiData`, `$root.CommApiData`, `$root.CommOpenApiResp` in its index.js).
 * CommApiData's fields 3–5 (inner, svrkit and token calls) are left out: `openapi.*` never sends them.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
      nested: { ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } } },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        /** Non-zero means a WeChat system error (the SDK throws it); API errors travel as `errcode` inside respData. */
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
});

export const CommApiData = root.lookupType('CommApiData');
export const CommOpenApiResp = root.lookupType('CommOpenApiResp');
export const OPEN_API = 0;

export interface KeyValuePair {
  key: string;
  value: Uint8Array;
  contenttype?: string;
  filename?: string;
}

export interface CommApiDataMessage {
  apiType: number;
  pairs: KeyValuePair[];
  appid?: string;
}

export function decodeCommApiData(bytes: Uint8Array): CommApiDataMessage {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true, enums: Number }) as {
    apiType: number;
    openapiData?: { pairs?: KeyValuePair[] };
    appid?: string;
  };
  return { apiType: message.apiType, pairs: message.openapiData?.pairs ?? [], appid: message.appid || undefined };
}

export function encodeCommApiData(message: CommApiDataMessage): Buffer {
  const payload = { apiType: message.apiType, openapiData: { pairs: message.pairs }, appid: message.appid };
  return Buffer.from(CommApiData.encode(CommApiData.fromObject(payload)).finish());
}

export interface OpenApiResponse {
  respData: Uint8Array;
  contentType: string;
  errorCode?: number;
  httpCode?: number;
}

export function encodeCommOpenApiResp(resp: OpenApiResponse): Buffer {
  const message = CommOpenApiResp.create({ httpCode: 200, errorCode: 0, ...resp });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}

export function decodeCommOpenApiResp(bytes: Uint8Array): Required<OpenApiResponse> {
  return CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as Required<OpenApiResponse>;
}

/** A value that is not JSON: a media pair (contenttype/filename set) keeps its raw bytes. */
export class MalformedPairError extends Error {
  constructor(readonly key: string) {
    super(`the value of "${key}" is not valid JSON`);
  }
}

/**
 * The pairs as one request object, keyed as WeChat's HTTP API names them (the SDK already converted camelCase to
 * snake_case). Values are JSON text; media pairs stay bytes.
 */
export function pairsToRequest(pairs: KeyValuePair[]): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const pair of pairs) {
    const bytes = Buffer.from(pair.value ?? []);
    if (pair.contenttype || pair.filename) {
      request[pair.key] = { contentType: pair.contenttype, filename: pair.filename, value: bytes };
      continue;
    }
    try {
      request[pair.key] = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new MalformedPairError(pair.key);
    }
  }
  return request;
}
