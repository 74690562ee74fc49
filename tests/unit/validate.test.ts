import * as z from 'zod/mini';
import { describe, expect, test } from 'vitest';
import { getAction } from '../../shared/api/contract';
import { AppError, DEFAULT_MESSAGES, ERROR_CODES, isErrorCode } from '../../shared/api/envelope';
import { validate } from '../../shared/api/validate';

const form = z.strictObject({
  description: z.string().check(z.minLength(5, '请至少写 5 个字，说清楚发生了什么'), z.maxLength(500)),
  count: z.optional(z.int()),
  kind: z.optional(z.enum(['a', 'b'])),
  nested: z.optional(z.strictObject({ amountFen: z.number() })),
});

describe('validate → INVALID_INPUT with per-field Chinese messages', () => {
  test('schema messages win; friendly defaults otherwise', () => {
    const r = validate(form, { description: '短', count: 1.5, kind: 'z', nested: { amountFen: 'x' }, extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.fields).toEqual({
      description: '请至少写 5 个字，说清楚发生了什么',
      count: '请填写数字',
      kind: '请选择有效的选项',
      'nested.amountFen': '请填写数字',
      extra: '不支持的字段',
    });
  });

  test('missing required field and too-long text', () => {
    const missing = validate(form, {});
    expect(!missing.ok && missing.error.fields).toEqual({ description: '此项为必填' });
    const long = validate(form, { description: 'x'.repeat(501) });
    expect(!long.ok && long.error.fields).toEqual({ description: '最多 500 个字' });
  });

  test('an operator object where a string belongs is refused, not passed to the database', () => {
    const scene = getAction('complaint', 'resolveScene')!.input;
    const r = validate(scene, { scene: { $ne: null } });
    expect(!r.ok && r.error.fields?.scene).toBe('请填写文字');
  });

  test('not an object at all', () => {
    const r = validate(form, 'hello');
    expect(!r.ok && r.error.fields).toEqual({ input: '格式不正确' });
  });

  test('valid input comes back parsed (trimmed where the schema trims)', () => {
    const r = validate(getAction('complaint', 'resolveScene')!.input, { scene: '  b=LC-20261101 ' });
    expect(r).toEqual({ ok: true, data: { scene: 'b=LC-20261101' } });
  });
});

describe('envelope', () => {
  test('every code has a Chinese default message', () => {
    for (const code of ERROR_CODES) expect(DEFAULT_MESSAGES[code]).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('AppError carries code, message and fields', () => {
    const e = new AppError('CONFLICT');
    expect(e.toBody()).toEqual({ code: 'CONFLICT', message: DEFAULT_MESSAGES.CONFLICT });
    expect(new AppError('INVALID_INPUT', '有误', { phone: '手机号格式不正确' }).toBody().fields).toEqual({ phone: '手机号格式不正确' });
    expect(isErrorCode('NOPE')).toBe(false);
  });
});
