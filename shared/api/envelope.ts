/**
 * The response envelope every cloud-function action answers with (API.md).
 * Handled errors are answers too: `ok: false` with a code from this closed list.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  /** Chinese, for people. */
  message: string;
  /** Form field → Chinese message, for INVALID_INPUT. Nested fields use dots: `compensation.amountFen`. */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Default Chinese messages per code, used when a handler gives none. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的信息有误，请检查后再提交',
  UNAUTHENTICATED: '请先登录后再操作',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '数据已被他人更新，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统开小差了，请稍后重试',
};

/** A handled failure. Handlers throw it; the function wrapper turns it into the envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message?: string, fields?: Record<string, string>) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message?: string, fields?: Record<string, string>): Envelope<never> => ({
  ok: false,
  error: new AppError(code, message, fields).toBody(),
});
