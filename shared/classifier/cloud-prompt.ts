import { CATEGORIES, type Category } from '../complaint/model';
import { allIssueCodes, DEFAULT_TAXONOMY, findSubcategory, type IssueCode, type Taxonomy } from '../complaint/taxonomy';
import type { Classification } from './classify';

/**
 * The optional cloud model's side of the classifier, kept pure: the prompt it gets and how its answer is read.
 * The call itself (Tencent Cloud hunyuan through tencentcloud-sdk-nodejs) lives with the functions.
 */
export function cloudPrompt(text: string, taxonomy: Taxonomy = DEFAULT_TAXONOMY): Array<{ Role: 'system' | 'user'; Content: string }> {
  const issues = allIssueCodes(taxonomy)
    .map((code) => {
      const [cat, sub] = code.split('.');
      const def = findSubcategory(taxonomy, cat, sub)!;
      return `${code}: ${def.label}（${def.hint}）`;
    })
    .join('\n');
  return [
    {
      Role: 'system',
      Content:
        '你是一家四川冻品公司的投诉分类助手。根据顾客的投诉内容，选出最主要的问题，并判断是否涉及食品安全（变质、发霉、异物、吃后不适、过期、生肉未熟）和顾客是否非常愤怒。' +
        `只回答一个 JSON 对象：{"issue":"类别.子类别","secondary":["类别.子类别"],"food_safety":true|false,"angry":true|false}。可选的问题：\n${issues}`,
    },
    { Role: 'user', Content: text.slice(0, 500) },
  ];
}

/**
 * Read the cloud model's answer; anything that is not a known issue code is ignored and the local result
 * stands. Food safety is never lowered by the cloud: a missed food-safety case is the costliest error.
 */
export function mergeCloudAnswer(local: Classification, answer: string, modelName: string, taxonomy: Taxonomy = DEFAULT_TAXONOMY): Classification {
  const json = /\{[\s\S]*\}/.exec(answer)?.[0];
  if (!json) return local;
  let parsed: { issue?: unknown; secondary?: unknown; food_safety?: unknown; angry?: unknown };
  try {
    parsed = JSON.parse(json);
  } catch {
    return local;
  }
  const codes = new Set<string>(allIssueCodes(taxonomy));
  if (typeof parsed.issue !== 'string' || !codes.has(parsed.issue)) return local;
  const [category, subcategory] = parsed.issue.split('.') as [Category, string];
  if (!CATEGORIES.includes(category)) return local;
  const foodSafety = local.foodSafety || parsed.food_safety === true;
  const secondary = (Array.isArray(parsed.secondary) ? parsed.secondary : []).filter((s): s is IssueCode => typeof s === 'string' && codes.has(s) && s !== parsed.issue).slice(0, 3);
  return {
    ...local,
    // A food-safety case stays under quality with the local health-risk subcategory unless the cloud agrees on one.
    category: foodSafety ? 'quality' : category,
    subcategory: foodSafety && category !== 'quality' ? local.subcategory : subcategory,
    secondary,
    foodSafety,
    angry: local.angry || parsed.angry === true,
    needsTriage: false,
    model: `${local.model}+${modelName}`,
  };
}
