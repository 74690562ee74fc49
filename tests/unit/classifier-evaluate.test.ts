import { describe, expect, test } from 'vitest';
import type { LabelledText } from '../../scripts/classifier/data';
import type { Classification } from '../../shared/classifier/classify';
import { score, triageCurve } from '../../scripts/classifier/evaluate';

const label = (category: string, subcategory: string, food_safety = false): LabelledText => ({
  id: `t:${category}.${subcategory}`,
  text: '',
  category,
  subcategory,
  secondary: [],
  food_safety,
  angry: false,
});
const said = (category: string, subcategory: string, needsTriage?: boolean, foodSafety = false) => ({ category, subcategory, foodSafety, angry: false, needsTriage });

describe('scoring cross-validated answers', () => {
  const labels = [label('quality', 'spoiled', true), label('quality', 'taste'), label('delivery', 'late'), label('service', 'attitude'), label('other', 'price')];

  test('counts a subcategory right only under the right category', () => {
    const m = score(labels, [said('quality', 'spoiled'), said('quality', 'short_weight'), said('delivery', 'late'), said('delivery', 'courier'), said('quality', 'price')]);
    expect(m).toMatchObject({ n: 5, category_accuracy: 0.6, subcategory_accuracy: 0.4 });
    expect(m.triage).toBeUndefined();
  });

  test('splits the texts the model files alone from those it hands to a person', () => {
    const m = score(labels, [
      said('quality', 'spoiled', false, true),
      said('quality', 'taste', false),
      said('delivery', 'late', false),
      said('delivery', 'courier', true),
      said('quality', 'price', true),
    ]);
    expect(m.subcategory_accuracy).toBe(0.6);
    expect(m.triage).toEqual({
      share: 0.4,
      confident: { category_accuracy: 1, subcategory_accuracy: 1, food_safety_recall: 1 },
      triaged: { category_accuracy: 0, subcategory_accuracy: 0 },
    });
  });

  test('an empty side scores zero, not NaN', () => {
    const m = score(labels.slice(0, 2), [said('quality', 'spoiled', false, true), said('quality', 'taste', false)]);
    expect(m.triage).toEqual({ share: 0, confident: { category_accuracy: 1, subcategory_accuracy: 1, food_safety_recall: 1 }, triaged: { category_accuracy: 0, subcategory_accuracy: 0 } });
  });

  test('moves the triage bar over the reported confidence', () => {
    const answers = [said('quality', 'spoiled'), said('quality', 'taste'), said('delivery', 'courier')].map((p, i) => ({ ...p, confidence: [0.95, 0.55, 0.35][i] }) as unknown as Classification);
    const curve = triageCurve(labels.slice(0, 3), answers, [0.3, 0.5, 0.6]);
    expect(curve.map((c) => [c.bar, c.share, c.confident.subcategory_accuracy])).toEqual([
      [0.3, 0, 0.667],
      [0.5, 0.333, 1],
      [0.6, 0.667, 1],
    ]);
  });
});
