/**
 * k-fold cross-validation of the classifier on the labelled data, with the keyword baseline measured on the
 * same folds. The held-out texts are never touched here.
 */
import { LocalClassifier, type Classification } from '../../shared/classifier/classify';
import { classifyByKeywords } from '../../shared/classifier/keyword-baseline';
import { FOOD_SAFETY_LEXICON } from '../../shared/classifier/lexicon';
import { LinearModel, type ModelFile } from '../../shared/classifier/model';
import type { RerankFile } from '../../shared/classifier/rerank';
import { normalizeText } from '../../shared/classifier/normalize';
import type { LabelledText } from './data';
import { DEFAULT_TRAIN, fitReranker, foldsOf, foodSafetyBars, optionalReranker, rerankRows, split, trainModel, usesReranker, type RerankRow, type TrainOptions } from './train-lib';

export interface Metrics {
  n: number;
  category_accuracy: number;
  subcategory_accuracy: number;
  food_safety_recall: number;
  food_safety_precision: number;
  angry_f1: number;
  /**
   * Diagnostic of the food-safety score's ranking: the best precision any (alone, with-lexicon) threshold pair
   * reaches at ≥ 97 % recall on these very predictions (tuned on the test folds, so optimistic; for comparing models).
   */
  food_safety_precision_at_97?: number;
  /** Category and subcategory accuracy of the first stage alone, when a reranker was measured. */
  before_rerank?: { category_accuracy: number; subcategory_accuracy: number };
  /**
   * What staff live with: the share of texts the model marks for human triage (low confidence), and how right it is
   * on the texts it files alone and on the ones it hands over. Only for predictions that carry `needsTriage`.
   */
  triage?: { share: number; confident: Accuracy & { food_safety_recall: number }; triaged: Accuracy };
}

type Accuracy = Pick<Metrics, 'category_accuracy' | 'subcategory_accuracy'>;

interface Prediction {
  category: string;
  subcategory: string;
  foodSafety: boolean;
  angry: boolean;
  foodSafetyScore?: number;
  needsTriage?: boolean;
}

/** Best precision of the food-safety rule at recall ≥ `recall` over all threshold pairs (see Metrics). */
export function precisionAtRecall(labels: LabelledText[], predictions: Prediction[], recall: number): number {
  const lexicon = labels.map((l) => FOOD_SAFETY_LEXICON.test(normalizeText(l.text)));
  const best = foodSafetyBars(predictions.map((p) => p.foodSafetyScore ?? 0), labels.map((l) => l.food_safety), lexicon, recall);
  return Math.round(best.precision * 1000) / 1000;
}

export function score(labels: LabelledText[], predictions: Prediction[]): Metrics {
  let cat = 0;
  let sub = 0;
  let fsTp = 0;
  let fsFp = 0;
  let fsFn = 0;
  let aTp = 0;
  let aFp = 0;
  let aFn = 0;
  labels.forEach((l, i) => {
    const p = predictions[i];
    if (p.category === l.category) cat++;
    if (p.category === l.category && p.subcategory === l.subcategory) sub++;
    if (p.foodSafety && l.food_safety) fsTp++;
    else if (p.foodSafety) fsFp++;
    else if (l.food_safety) fsFn++;
    if (p.angry && l.angry) aTp++;
    else if (p.angry) aFp++;
    else if (l.angry) aFn++;
  });
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const carries = (field: keyof Prediction) => predictions.length > 0 && predictions.every((p) => p[field] !== undefined);
  return {
    n: labels.length,
    category_accuracy: r(cat / (labels.length || 1)),
    subcategory_accuracy: r(sub / (labels.length || 1)),
    food_safety_recall: r(fsTp / (fsTp + fsFn || 1)),
    food_safety_precision: r(fsTp / (fsTp + fsFp || 1)),
    angry_f1: r((2 * aTp) / (2 * aTp + aFp + aFn || 1)),
    ...(carries('foodSafetyScore') ? { food_safety_precision_at_97: precisionAtRecall(labels, predictions, 0.97) } : {}),
    ...(carries('needsTriage') ? { triage: triageSplit(labels, predictions) } : {}),
  };
}

function triageSplit(labels: LabelledText[], predictions: Prediction[]): NonNullable<Metrics['triage']> {
  const part = (triaged: boolean) => {
    const at = predictions.flatMap((p, i) => (p.needsTriage === triaged ? [i] : []));
    // Only the plain fields: the subsets need no ranking diagnostic and no triage split of their own.
    const plain = at.map((i) => {
      const { category, subcategory, foodSafety, angry } = predictions[i];
      return { category, subcategory, foodSafety, angry };
    });
    return score(at.map((i) => labels[i]), plain);
  };
  const confident = part(false);
  const triaged = part(true);
  return {
    share: Math.round((triaged.n / (labels.length || 1)) * 1000) / 1000,
    confident: { category_accuracy: confident.category_accuracy, subcategory_accuracy: confident.subcategory_accuracy, food_safety_recall: confident.food_safety_recall },
    triaged: { category_accuracy: triaged.category_accuracy, subcategory_accuracy: triaged.subcategory_accuracy },
  };
}

/**
 * The triage split at other confidence bars than the model's: how many complaints a person would confirm, and how
 * right the rest would be (confidence as reported, to 3 decimals). For choosing `TrainOptions.triage`.
 */
export function triageCurve(labels: LabelledText[], predictions: Classification[], bars: number[]): Array<{ bar: number } & NonNullable<Metrics['triage']>> {
  return bars.map((bar) => ({ bar, ...triageSplit(labels, predictions.map((p) => ({ ...p, needsTriage: p.confidence < bar }))) }));
}

/** Classifications with and without the reranker, to report what the second stage changed. */
function classifyBoth(file: ModelFile, rerank: RerankFile | undefined, labels: LabelledText[]): { final: Classification[]; first: Classification[] } {
  const classify = (classifier: LocalClassifier) => labels.map((l) => classifier.classify({ text: l.text }));
  const first = classify(new LocalClassifier(new LinearModel(file)));
  return { first, final: rerank ? classify(new LocalClassifier(new LinearModel({ ...file, rerank }))) : first };
}

function withFirstStage(metrics: Metrics, labels: LabelledText[], first: Classification[], reranked: boolean): Metrics {
  if (!reranked) return metrics;
  const m = score(labels, first);
  return { ...metrics, before_rerank: { category_accuracy: m.category_accuracy, subcategory_accuracy: m.subcategory_accuracy } };
}

/**
 * The measure closest to the held-out set (labelled like labels-dev): k folds over labels-dev only, each fold
 * scored by a model trained on the other dev folds plus every extra label. The reranker is trained on the extra
 * labels' out-of-fold answers alone (pass it in to reuse it across fold shuffles), so no dev label trains it.
 * `folds` holds each fold's own metrics (their spread says how much of a difference between variants is noise);
 * `foldSeed` reshuffles the folds.
 */
export function crossValidateOnDev(
  dev: LabelledText[],
  extra: LabelledText[],
  k = 5,
  opts: TrainOptions = DEFAULT_TRAIN,
  foldSeed = 0,
  rerank: RerankFile | undefined = optionalReranker(extra, opts),
): { model: Metrics; baseline: Metrics; folds: Metrics[]; predictions: Classification[] } {
  const fold = foldsOf(dev.length, k, (opts.seed ^ 0xd5) + foldSeed);
  const predictions = new Array<Classification>(dev.length);
  const first = new Array<Classification>(dev.length);
  for (let f = 0; f < k; f++) {
    const { inside, outside, at } = split(dev, fold, f);
    const both = classifyBoth(trainModel([...extra, ...outside], opts), rerank, inside);
    at.forEach((i, j) => ((predictions[i] = both.final[j]), (first[i] = both.first[j])));
  }
  const folds = Array.from({ length: k }, (_, f) => {
    const { inside, at } = split(dev, fold, f);
    return score(inside, at.map((i) => predictions[i]));
  });
  return {
    model: withFirstStage(score(dev, predictions), dev, first, !!rerank),
    baseline: score(dev, dev.map((l) => classifyByKeywords(l.text))),
    folds,
    predictions,
  };
}

/**
 * k folds over `labels`; `alsoTrain` (labels that should never be scored, such as positively rated reviews) joins
 * every fold's training set. The reranker is cross-fitted: each fold's reranker learns from the other folds'
 * out-of-fold answers, never from the fold it scores.
 */
export function crossValidate(labels: LabelledText[], k = 5, opts: TrainOptions = DEFAULT_TRAIN, alsoTrain: LabelledText[] = []): { model: Metrics; baseline: Metrics; misses: Array<{ id: string; text: string; want: string; got: string }> } {
  const fold = foldsOf(labels.length, k, opts.seed ^ 0xcafe);
  const reranked = usesReranker(opts);
  const files: ModelFile[] = [];
  const rows: RerankRow[][] = [];
  for (let f = 0; f < k; f++) {
    const { inside, outside } = split(labels, fold, f);
    files.push(trainModel([...outside, ...alsoTrain], opts));
    rows.push(reranked ? rerankRows(new LocalClassifier(new LinearModel(files[f])), inside) : []);
  }
  const predictions = new Array<Classification>(labels.length);
  const first = new Array<Classification>(labels.length);
  for (let f = 0; f < k; f++) {
    const rerank = reranked ? fitReranker(rows.filter((_, g) => g !== f).flat(), opts.rerank.bar) : undefined;
    const { inside, at } = split(labels, fold, f);
    const both = classifyBoth(files[f], rerank, inside);
    at.forEach((i, j) => ((predictions[i] = both.final[j]), (first[i] = both.first[j])));
  }
  const misses = labels
    .map((l, i) => ({ id: l.id, text: l.text, want: `${l.category}.${l.subcategory}`, got: `${predictions[i].category}.${predictions[i].subcategory}` }))
    .filter((m) => m.want !== m.got);
  return {
    model: withFirstStage(score(labels, predictions), labels, first, reranked),
    baseline: score(labels, labels.map((l) => classifyByKeywords(l.text))),
    misses,
  };
}
