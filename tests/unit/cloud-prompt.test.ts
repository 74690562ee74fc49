import { describe, expect, test } from 'vitest';
import type { Classification } from '../../shared/classifier/classify';
import { cloudPrompt, mergeCloudAnswer } from '../../shared/classifier/cloud-prompt';

const local: Classification = {
  category: 'other',
  subcategory: 'unspecified',
  confidence: 0.3,
  secondary: [],
  foodSafety: false,
  angry: false,
  needsTriage: true,
  candidates: [],
  foodSafetyScore: 0.1,
  angryScore: 0.1,
  model: 'complaint-linear-x',
};

describe('the optional cloud model: prompt and merge', () => {
  test('the prompt lists every issue code and carries the text', () => {
    const [system, user] = cloudPrompt('腊肠有点怪');
    expect(system.Content).toContain('quality.spoiled');
    expect(system.Content).toContain('other.unspecified');
    expect(user).toEqual({ Role: 'user', Content: '腊肠有点怪' });
  });

  test('a valid answer refines the unsure local one', () => {
    const merged = mergeCloudAnswer(local, '结果：{"issue":"delivery.late","secondary":["delivery.cold_chain","nope.x"],"food_safety":false,"angry":true}', 'hunyuan-lite');
    expect(merged).toMatchObject({ category: 'delivery', subcategory: 'late', secondary: ['delivery.cold_chain'], angry: true, needsTriage: false, model: 'complaint-linear-x+hunyuan-lite' });
  });

  test('the cloud can raise food safety but never lower it', () => {
    expect(mergeCloudAnswer(local, '{"issue":"quality.odor","food_safety":true}', 'm')).toMatchObject({ category: 'quality', subcategory: 'odor', foodSafety: true });
    const unsafe = { ...local, category: 'quality' as const, subcategory: 'spoiled', foodSafety: true };
    expect(mergeCloudAnswer(unsafe, '{"issue":"delivery.late","food_safety":false}', 'm')).toMatchObject({ category: 'quality', subcategory: 'spoiled', foodSafety: true });
  });

  test('anything unreadable keeps the local answer', () => {
    for (const answer of ['', '我不知道', '{"issue":"quality.gold"}', '{not json}', '{"issue":42}']) expect(mergeCloudAnswer(local, answer, 'm')).toBe(local);
  });
});
