import { DEPARTMENT_LABELS, type DepartmentCode } from '../auth/roles';
import { LEVEL_LABELS, type Category, type Level } from '../complaint/model';
import { departmentFor, findCategory, findSubcategory, type IssueCode, type Taxonomy } from '../complaint/taxonomy';
import { decideUrgency, type UrgencyFacts, type UrgencyRules } from '../complaint/urgency';
import type { Classification } from './classify';

/** A classification in people's words, with the level and department it leads to. */
export interface ClassificationPreview {
  category: Category;
  categoryLabel: string;
  subcategory: string;
  subcategoryLabel: string;
  secondary: Array<{ issue: IssueCode; label: string }>;
  foodSafety: boolean;
  confidence: number;
  needsTriage: boolean;
  level: Level;
  levelLabel: string;
  levelReason: string;
  department: DepartmentCode;
  departmentLabel: string;
  model: string;
}

export function describeClassification(
  c: Classification,
  taxonomy: Taxonomy,
  facts: Omit<UrgencyFacts, 'category' | 'subcategory' | 'foodSafety' | 'angry'> = {},
  rules?: UrgencyRules,
): ClassificationPreview {
  const urgency = decideUrgency({ ...facts, category: c.category, subcategory: c.subcategory, foodSafety: c.foodSafety, angry: c.angry }, rules);
  const department = departmentFor(taxonomy, c.category);
  const issueLabel = (issue: IssueCode) => {
    const [cat, sub] = issue.split('.');
    return findSubcategory(taxonomy, cat, sub)?.label ?? issue;
  };
  return {
    category: c.category,
    categoryLabel: findCategory(taxonomy, c.category)?.label ?? c.category,
    subcategory: c.subcategory,
    subcategoryLabel: findSubcategory(taxonomy, c.category, c.subcategory)?.label ?? c.subcategory,
    secondary: c.secondary.map((issue) => ({ issue, label: issueLabel(issue) })),
    foodSafety: c.foodSafety,
    confidence: c.confidence,
    needsTriage: c.needsTriage,
    level: urgency.level,
    levelLabel: LEVEL_LABELS[urgency.level],
    levelReason: urgency.reason,
    department,
    departmentLabel: DEPARTMENT_LABELS[department],
    model: c.model,
  };
}
