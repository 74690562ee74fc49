import type { Category } from '../complaint/model';
import type { IssueCode } from '../complaint/taxonomy';
import { ANGER_LEXICON, FOOD_SAFETY_LEXICON, ISSUE_LEXICON } from './lexicon';
import { exclamations, normalizeText } from './normalize';

/** Issues tried in this order: health risks first (LABELING.md rule 1), then quality > delivery > service > other. */
const PRIORITY = Object.keys(ISSUE_LEXICON) as IssueCode[];

/**
 * The plain keyword-rule classifier: the first issue whose words appear wins. Kept as the baseline the
 * model is measured against in the same benchmark run — not used by the product.
 */
export function classifyByKeywords(text: string): { category: Category; subcategory: string; foodSafety: boolean; angry: boolean } {
  const norm = normalizeText(text);
  const foodSafety = FOOD_SAFETY_LEXICON.test(norm);
  const issue = (foodSafety ? (['quality.spoiled', 'quality.foreign_object', 'quality.undercooked'] as IssueCode[]).find((i) => ISSUE_LEXICON[i].test(norm)) : undefined) ??
    PRIORITY.find((i) => ISSUE_LEXICON[i].test(norm)) ??
    'other.unspecified';
  const [category, subcategory] = issue.split('.') as [Category, string];
  return { category, subcategory, foodSafety, angry: ANGER_LEXICON.test(norm) || exclamations(norm) >= 3 };
}
