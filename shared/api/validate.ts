import { safeParse } from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { ApiErrorBody } from './envelope';

/**
 * Plain-Chinese messages for zod issues, for people filling a form (not for developers).
 * Messages given in a schema (`z.string().min(5, '至少 5 个字')`) take precedence over these.
 */
export function friendlyMessage(issue: core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return '此项为必填';
      switch (issue.expected) {
        case 'string':
          return '请填写文字';
        case 'number':
        case 'int':
          return '请填写数字';
        case 'boolean':
          return '请选择是或否';
        case 'array':
          return '应为列表';
        case 'object':
          return '格式不正确';
        default:
          return '格式不正确';
      }
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '此项为必填' : `至少需要 ${issue.minimum} 个字`;
      if (issue.origin === 'array') return `至少需要 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${issue.maximum} 个字`;
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
    case 'invalid_union':
      return '请选择有效的选项';
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '数值不正确';
    case 'unrecognized_keys':
      return '包含不支持的字段';
    default:
      return '填写有误';
  }
}

/** Turn zod issues into the envelope's INVALID_INPUT body: one message per field (the first issue wins). */
export function toInvalidInput(issues: readonly core.$ZodIssue[], message = '填写的信息有误，请检查后再提交'): ApiErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...issue.path, key].join('.');
        fields[field] ??= '不支持的字段';
      }
      continue;
    }
    const field = issue.path.length ? issue.path.map(String).join('.') : 'input';
    fields[field] ??= issue.message;
  }
  return { code: 'INVALID_INPUT', message, fields };
}

export type Validated<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Validate with a schema, answering the envelope's INVALID_INPUT on failure. Used by server and client forms alike. */
export function validate<S extends core.$ZodType>(schema: S, input: unknown): Validated<core.output<S>> {
  const result = safeParse(schema, input, { error: friendlyMessage });
  return result.success ? { ok: true, data: result.data } : { ok: false, error: toInvalidInput(result.error.issues) };
}
