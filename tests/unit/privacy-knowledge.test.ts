import { describe, expect, test } from 'vitest';
import { isMainlandMobile, maskMobile, normalizeMobile } from '../../shared/privacy/phone';
import { suggestFaqs, type FaqEntry } from '../../shared/knowledge/faq';
import { validate } from '../../shared/api/validate';
import { submitInput } from '../../shared/api/functions/complaint';

describe('mobile numbers', () => {
  test.each([
    ['13812348000', true],
    ['138 1234 8000', true],
    ['+86 138-1234-8000', true],
    ['008613812348000', true],
    ['12812348000', false],
    ['1381234800', false],
    ['021-12345678', false],
  ])('%s valid: %s', (raw, ok) => expect(isMainlandMobile(raw)).toBe(ok));

  test('normalised and masked as staff see them', () => {
    expect(normalizeMobile('+86 138-1234-8000')).toBe('13812348000');
    expect(maskMobile('138 1234 8000')).toBe('138****8000');
  });

  test('the form schema normalises the number it accepts', () => {
    const res = validate(submitInput, { description: '腊肠发霉了怎么办', contactPhone: '+86 138 1234 8000' });
    expect(res).toMatchObject({ ok: true, data: { contactPhone: '13812348000' } });
  });
});

describe('FAQ suggestions', () => {
  const faqs: FaqEntry[] = [
    { _id: 'refund', question: '如何申请退款？', answer: '…', keywords: ['退款', '退钱', '多久到账'], order: 1, active: true },
    { _id: 'thawed', question: '冷冻食品到货时化冻了，还能吃吗？', answer: '…', keywords: ['化冻', '化了', '解冻'], order: 2, active: true },
    { _id: 'old', question: '旧问题', answer: '…', keywords: ['退款'], order: 3, active: false },
  ];

  test('keywords and shared wording rank the entries; inactive ones never show', () => {
    expect(suggestFaqs('水饺到货化冻了还能吃吗', faqs).map((s) => s.faq._id)).toEqual(['thawed']);
    expect(suggestFaqs('我想退款，多久到账', faqs).map((s) => s.faq._id)).toEqual(['refund']);
  });

  test('nothing relevant, nothing suggested', () => {
    expect(suggestFaqs('客服态度很差', faqs)).toEqual([]);
    expect(suggestFaqs('退', faqs)).toEqual([]);
  });
});
