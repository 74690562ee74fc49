import type { Category } from '../complaint/model';
import type { IssueCode } from '../complaint/taxonomy';
import { visitFeatures, type FeatureSink, type GramPrefix } from './features';
import { LinearModel, sigmoid, softmax, type ModelFile } from './model';
import { normalizeText } from './normalize';
import { clauseCandidates, pairFeatures, runnerUp, switchesToRunnerUp } from './rerank';

export interface ClassifyInput {
  text: string;
  /** The category the customer picked on the form, if any: evidence, not the answer. */
  categoryHint?: Category;
}

export interface Classification {
  category: Category;
  subcategory: string;
  /** Probability of the chosen subcategory. */
  confidence: number;
  /** Other issues the text also raises, most likely first. */
  secondary: IssueCode[];
  foodSafety: boolean;
  angry: boolean;
  /** Low confidence: a person should check the classification (staff inbox "needs triage"). */
  needsTriage: boolean;
  /** The three most likely issues with their probabilities, for the staff screen. */
  candidates: Array<{ issue: IssueCode; p: number }>;
  foodSafetyScore: number;
  angryScore: number;
  /** Which model decided, for the audit trail. */
  model: string;
}

/** Subcategories a food-safety case can have (LABELING.md rule 1: health risk → quality with that subcategory). */
export const FOOD_SAFETY_ISSUES: readonly IssueCode[] = ['quality.spoiled', 'quality.foreign_object', 'quality.undercooked', 'quality.odor'];

/** Any classifier of complaint text: the local model, or a cloud model behind the same interface. */
export interface ComplaintClassifier {
  classify(input: ClassifyInput): Classification;
}

/**
 * The local classifier: the linear model's three heads plus the guide's hard rules — health-risk words lower
 * the food-safety bar, a food-safety case is always filed under quality, and three or more exclamation marks or an insult make a customer angry.
 */
export class LocalClassifier implements ComplaintClassifier {
  private readonly issues: IssueCode[];
  /** Per issue: index of its category in `categories`; computed once, not per complaint. */
  private readonly categoryOf: Int32Array;
  private readonly categories: Category[];
  private readonly foodSafetyIssue: boolean[];
  /** Per category in `categories`: its class in the optional category head. */
  private readonly categoryHeadIndex?: Int32Array;
  private readonly rules = new RuleFeatures();

  constructor(private readonly model: LinearModel) {
    this.issues = model.issue.classes as IssueCode[];
    this.categories = [...new Set(this.issues.map((i) => i.split('.')[0] as Category))];
    this.categoryOf = Int32Array.from(this.issues, (i) => this.categories.indexOf(i.split('.')[0] as Category));
    this.foodSafetyIssue = this.issues.map((i) => FOOD_SAFETY_ISSUES.includes(i));
    if (model.category) this.categoryHeadIndex = Int32Array.from(this.categories, (c) => model.category!.classes.indexOf(c));
  }

  get version(): string {
    return this.model.version;
  }

  classify(input: ClassifyInput): Classification {
    const { model, issues } = this;
    const first = this.firstAnswer(input);
    const { probs, foodSafety, foodSafetyScore, angryScore } = first;
    let best = first.best;
    const rerank = model.file.rerank;
    if (rerank && !foodSafety) {
      const b = runnerUp(probs, best);
      if (switchesToRunnerUp(rerank, probs, issues, best, b, () => model.clauseScores(clauseCandidates(probs, best, b)))) best = b;
    }
    const primary = issues[best];
    // Secondary issues (at most 3 besides the primary) and the 3 candidates come from the 4 most likely.
    const ranked = topIndices(probs, 4);
    const confidence = probs[best];
    return {
      category: this.categories[this.categoryOf[best]],
      subcategory: primary.slice(primary.indexOf('.') + 1),
      confidence: round(confidence),
      secondary: ranked.filter((i) => i !== best && probs[i] >= model.thresholds.secondary).slice(0, 3).map((i) => issues[i]),
      foodSafety,
      angry: first.angry,
      needsTriage: confidence < model.thresholds.triage,
      candidates: ranked.slice(0, 3).map((i) => ({ issue: issues[i], p: round(probs[i]) })),
      foodSafetyScore: round(foodSafetyScore),
      angryScore: round(angryScore),
      model: model.version,
    };
  }

  /**
   * What training the reranker needs of one text: the first answer, the runner-up and the reranker's input for the
   * pair; undefined for a food-safety case, whose subcategory the reranker never changes.
   */
  rerankCase(input: ClassifyInput): { answer: number; runnerUp: number; x: number[] } | undefined {
    const { probs, best, foodSafety } = this.firstAnswer(input);
    if (foodSafety) return undefined;
    const b = runnerUp(probs, best);
    return { answer: best, runnerUp: b, x: pairFeatures(probs, this.model.clauseScores(clauseCandidates(probs, best, b)), this.issues, best, b) };
  }

  /** The heads' answer before the reranker: the flags and the most likely issue of the most likely category. */
  private firstAnswer({ text, categoryHint }: ClassifyInput) {
    const { model, issues, categoryOf } = this;
    const norm = normalizeText(text);
    const rules = this.rules;
    const ids = model.idsOf((sink) => {
      rules.start(sink);
      visitFeatures(norm, categoryHint, model.file.features, rules);
    });
    const { lexFoodSafety, definite, ruleAngry } = rules;
    const scores = model.scores(ids);
    const probs = softmax(scores.issue);
    const foodSafetyScore = sigmoid(scores.foodSafety);
    const angryScore = sigmoid(scores.angry);
    // Recall first: the health-risk words lower the bar the model must clear, and a definite one decides alone.
    const foodSafety =
      definite || foodSafetyScore >= model.thresholds.foodSafety || (lexFoodSafety && foodSafetyScore >= model.thresholds.foodSafetyWithLexicon);
    const angry = ruleAngry || angryScore >= model.thresholds.angry;

    // Category: the one whose subcategories together are most likely; then its most likely subcategory.
    // A food-safety case is filed under quality with a health-risk subcategory (LABELING.md rule 1).
    const byCategory = new Float64Array(this.categories.length);
    for (let i = 0; i < issues.length; i++) byCategory[categoryOf[i]] += probs[i];
    if (scores.category && this.categoryHeadIndex) {
      const mix = model.file.categoryMix ?? 0.5;
      const headProbs = softmax(scores.category);
      for (let c = 0; c < byCategory.length; c++) byCategory[c] = (1 - mix) * byCategory[c] + mix * headProbs[this.categoryHeadIndex[c]];
    }
    let cat = 0;
    for (let c = 1; c < byCategory.length; c++) if (byCategory[c] > byCategory[cat]) cat = c;
    let best = -1;
    for (let i = 0; i < issues.length; i++) {
      const allowed = foodSafety ? this.foodSafetyIssue[i] : categoryOf[i] === cat;
      if (allowed && (best < 0 || probs[i] > probs[best])) best = i;
    }
    return { probs, best, foodSafety, angry, foodSafetyScore, angryScore };
  }
}

/** The indices of the k largest values, largest first (ties: lower index first, as a stable sort would). */
function topIndices(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let at = top.length;
    while (at > 0 && values[i] > values[top[at - 1]]) at--;
    if (at < k) {
      top.splice(at, 0, i);
      if (top.length > k) top.pop();
    }
  }
  return top;
}

/** Passes the features on to the model's collector, noticing the ones the guide's hard rules read as they go by. */
class RuleFeatures implements FeatureSink {
  lexFoodSafety = false;
  definite = false;
  ruleAngry = false;
  private next!: FeatureSink;

  start(next: FeatureSink): void {
    this.next = next;
    this.lexFoodSafety = this.definite = this.ruleAngry = false;
  }

  gram(prefix: GramPrefix, chars: readonly string[], from: number, n: number): void {
    this.next.gram(prefix, chars, from, n);
  }

  feature(name: string): void {
    if (name === 'lex:food_safety') this.lexFoodSafety = true;
    else if (name === 'lex:fs_definite') this.definite = true;
    else if (name === 'bang:3+' || name === 'lex:anger') this.ruleAngry = true;
    this.next.feature(name);
  }
}

/** The classifier from a model file's text: what every loader (function instance, CLI, bench) does once. */
export function classifierFromJson(json: string): LocalClassifier {
  return new LocalClassifier(new LinearModel(JSON.parse(json) as ModelFile));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
