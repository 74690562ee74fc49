import { describe, expect, test } from 'vitest';
import { valueProblem } from '../../localcloud/gateway/openapi/template-values';
import { parseInstant, shortTime, wechatDate, wechatTime } from '../../shared/notify/china-time';
import {
  cleanText,
  fieldType,
  fitAmount,
  fitCharacterString,
  fitField,
  fitFields,
  fitName,
  fitNumber,
  fitPhoneNumber,
  fitPhrase,
  fitSmsParam,
  fitThing,
  fitTime,
  truncate,
} from '../../shared/notify/fields';
import { placeholders, render, renderLine } from '../../shared/notify/render';

/**
 * Fitting values to WeChat's subscribe-message limits (WECHAT.md). Every fitted value is checked with the local
 * cloud's validator, which encodes WeChat's rules independently: what we send is what WeChat accepts.
 */
const NOW = new Date('2026-11-22T06:30:00Z'); // 14:30 in China
const accepted = (key: string, value: string) => expect(valueProblem(key, value), `${key} = ${JSON.stringify(value)}`).toBeNull();

describe('China time for message texts', () => {
  test('WeChat time and date, short form, in Asia/Shanghai', () => {
    const at = new Date('2026-11-22T16:05:00Z'); // past midnight in China
    expect(wechatTime(at)).toBe('2026年11月23日 00:05');
    expect(wechatDate(at)).toBe('2026年11月23日');
    expect(shortTime(at)).toBe('11月23日 00:05');
  });

  test('only ISO instants parse', () => {
    expect(parseInstant('2026-11-22T18:01:53.291+08:00')?.toISOString()).toBe('2026-11-22T10:01:53.291Z');
    expect(parseInstant('明天')).toBeUndefined();
    expect(parseInstant('2026-11-22')).toBeUndefined();
    expect(parseInstant(undefined)).toBeUndefined();
  });
});

describe('thing: ≤ 20 characters, cut with an ellipsis', () => {
  test('short text is kept; long text is cut to 19 + …', () => {
    expect(fitThing('腊肠有异味')).toBe('腊肠有异味');
    const long = '收到的腊肠有明显异味而且包装已经破损漏气了，希望尽快处理';
    const fitted = fitThing(long);
    expect([...fitted]).toHaveLength(20);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.startsWith('收到的腊肠有明显异味而且包装已经破损')).toBe(true);
    accepted('thing2', fitted);
  });

  test('exactly 20 is not cut; emoji count as one character each', () => {
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(fitThing(twenty)).toBe(twenty);
    expect([...fitThing('😀'.repeat(30))]).toHaveLength(20);
    accepted('thing1', fitThing('😀'.repeat(30)));
  });

  test('control characters, direction overrides and line breaks become single spaces; empty becomes 无', () => {
    expect(cleanText('腊肠\n\n发霉\u202e了\u0000')).toBe('腊肠 发霉 了');
    expect(fitThing('   \n ')).toBe('无');
    accepted('thing3', fitThing('   '));
  });

  test('truncate counts code points', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
  });
});

describe('phrase: ≤ 5 Chinese characters and nothing else', () => {
  test.each([
    ['已受理', '已受理'],
    ['处理中（L1）', '处理中'],
    ['顾客已接受方案', '顾客已接受'],
    ['L1', '已更新'],
    ['', '已更新'],
  ])('%s → %s', (input, expected) => {
    expect(fitPhrase(input)).toBe(expected);
    accepted('phrase4', fitPhrase(input));
  });
});

describe('character_string: ≤ 32 of [A-Za-z0-9_-]', () => {
  test.each([
    ['KS20261122-0042', 'KS20261122-0042'],
    ['KS 2026/11/22#42', 'KS2026112242'],
    ['工单', '-'],
    ['x'.repeat(40), 'x'.repeat(32)],
  ])('%s → %s', (input, expected) => {
    expect(fitCharacterString(input)).toBe(expected);
    accepted('character_string1', fitCharacterString(input));
  });
});

describe('time: YYYY年MM月DD日 HH:mm in China', () => {
  test('an ISO instant with any offset', () => {
    expect(fitTime('2026-11-22T18:01:53.291+08:00', NOW)).toBe('2026年11月22日 18:01');
    expect(fitTime('2026-11-22T23:30:00Z', NOW)).toBe('2026年11月23日 07:30');
    accepted('time3', fitTime('2026-11-22T23:30:00Z', NOW));
  });

  test('anything else shows now, so the field is never invalid', () => {
    expect(fitTime('尽快', NOW)).toBe('2026年11月22日 14:30');
    expect(fitTime(undefined, NOW)).toBe('2026年11月22日 14:30');
    expect(fitTime(new Date('2026-01-02T01:02:00Z'), NOW)).toBe('2026年01月02日 09:02');
  });
});

describe('the other types', () => {
  test('number, amount, name, phone_number', () => {
    expect(fitNumber('共 3 件')).toBe('3');
    expect(fitNumber('无')).toBe('0');
    expect(fitNumber('9'.repeat(40))).toHaveLength(32);
    expect(fitAmount('50元优惠券')).toBe('¥50.00');
    expect(fitAmount('¥12.5')).toBe('¥12.50');
    expect(fitName('赵质检（QC）')).toBe('赵质检');
    expect(fitName('欧阳·娜娜娜娜娜娜娜娜娜')).toHaveLength(10);
    expect(fitName('Li Lei 123')).toBe('Li Lei');
    expect(fitPhoneNumber('400-800 1234 转 5')).toBe('400-80012345');
    for (const [key, value] of [
      ['number1', fitNumber('9'.repeat(40))],
      ['amount2', fitAmount('50元优惠券')],
      ['name3', fitName('赵质检（QC）')],
      ['name4', fitName('Li Lei 123')],
      ['phone_number5', fitPhoneNumber('400-800 1234 转 5')],
    ]) accepted(key, value);
  });

  test('the type comes from the key; an unknown type is fitted as a thing', () => {
    expect(fieldType('character_string12')).toBe('character_string');
    expect(fieldType('thing2')).toBe('thing');
    expect(fieldType('thing')).toBeUndefined();
    expect(fieldType('weird7')).toBeUndefined();
    expect(fitField('weird7', 'x'.repeat(30), NOW)).toHaveLength(20);
  });

  test('fitFields gives WeChat’s data shape, every value valid', () => {
    const data = fitFields(
      { character_string1: 'KS20261122-0042', thing2: '收到的腊肠有明显异味而且包装已经破损漏气了', time3: '2026-11-22T18:00:00+08:00', phrase4: '已受理' },
      NOW,
    );
    expect(data.time3).toEqual({ value: '2026年11月22日 18:00' });
    for (const [key, { value }] of Object.entries(data)) accepted(key, value);
  });

  test('SMS parameters are cut to the variable limit and never empty', () => {
    expect(fitSmsParam('专员正在调查处理', 20)).toBe('专员正在调查处理');
    expect([...fitSmsParam('补偿已发放：满50减10优惠券两张，已存入您的账户', 20)]).toHaveLength(20);
    expect(fitSmsParam('  ', 20)).toBe('-');
  });
});

describe('rendering templates', () => {
  const vars = { ticketNo: 'KS1', event: '', summary: '¥5 优惠券', due: '2026-11-22T18:00:00+08:00' };

  test('placeholders, alternatives and time formats', () => {
    expect(render('{ticketNo}：{event|summary}', vars)).toBe('KS1：¥5 优惠券');
    expect(render('截止 {due:short}', vars)).toBe('截止 11月22日 18:00');
    expect(render('截止 {due:time}', vars)).toBe('截止 2026年11月22日 18:00');
    expect(render('{missing}!', vars)).toBe('!');
    expect(placeholders('{a|b} {c:short}')).toEqual(['a', 'b', 'c']);
  });

  test('a line whose values are missing is left out', () => {
    expect(renderLine('> 事项：{event}', vars)).toBeUndefined();
    expect(renderLine('> 补偿：{summary}', vars)).toBe('> 补偿：¥5 优惠券');
  });
});
