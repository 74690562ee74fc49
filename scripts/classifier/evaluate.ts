/**
 * k-fold cross-validation of the classifier on the labelled data, with the keyword baseline measured on the
 * same folds. The held-out texts are never touched here.
 */
import { LocalClassifier, type Classification } from '../../shared/classifier/classify';
import { mulberry32 } from '../../shared/random/mulberry32';
import { classifyByKeywords } from '../../shared/classifier/keyword-baseline';
import { FOOD_SAFETY_LEXICON } from '../../shared/classifier/lexicon';
import { LinearModel } from '../../shared/classifier/model';
import { normalizeText } from '../../shared/classifier/normalize';
import type { LabelledText } from './data';
import { DEFAULT_TRAIN, foodSafetyBars, shuffled, trainModel, type TrainOptions } from './train-lib';

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
}

interface Prediction {
  category: string;
  subcategory: string;
  foodSafety: boolean;
  angry: boolean;
  foodSafetyScore?: number;
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
  return {
    n: labels.length,
    category_accuracy: r(cat / labels.length),
    subcategory_accuracy: r(sub / labels.length),
    food_safety_recall: r(fsTp / (fsTp + fsFn || 1)),
    food_safety_precision: r(fsTp / (fsTp + fsFp || 1)),
    angry_f1: r((2 * aTp) / (2 * aTp + aFp + aFn || 1)),
    ...(predictions.every((p) => p.foodSafetyScore !== undefined) ? { food_safety_precision_at_97: precisionAtRecall(labels, predictions, 0.97) } : {}),
  };
}

/**
 * The measure closest to the held-out set (labelled like labels-dev): k folds over labels-dev only, each fold
 * scored by a model trained on the other dev folds plus every extra label. `folds` holds each fold's own
 * metrics (their spread says how much of a difference between variants is noise); `foldSeed` reshuffles the folds.
 */
export function crossValidateOnDev(
  dev: LabelledText[],
  extra: LabelledText[],
  k = 5,
  opts: TrainOptions = DEFAULT_TRAIN,
  foldSeed = 0,
): { model: Metrics; baseline: Metrics; folds: Metrics[]; predictions: Classification[] } {
  const random = mulberry32((opts.seed ^ 0xd5) + foldSeed);
  const fold = new Array<number>(dev.length);
  shuffled(dev.map((_, i) => i), random).forEach((idx, pos) => (fold[idx] = pos % k));
  const predictions = new Array<Classification>(dev.length);
  for (let f = 0; f < k; f++) {
    const classifier = new LocalClassifier(new LinearModel(trainModel([...extra, ...dev.filter((_, i) => fold[i] !== f)], opts)));
    dev.forEach((l, i) => {
      if (fold[i] === f) predictions[i] = classifier.classify({ text: l.text });
    });
  }
  const folds = Array.from({ length: k }, (_, f) => {
    const idx = dev.map((_, i) => i).filter((i) => fold[i] === f);
    return score(idx.map((i) => dev[i]), idx.map((i) => predictions[i]));
  });
  return { model: score(dev, predictions), baseline: score(dev, dev.map((l) => classifyByKeywords(l.text))), folds, predictions };
}

export function crossValidate(labels: LabelledText[], k = 5, opts: TrainOptions = DEFAULT_TRAIN): { model: Metrics; baseline: Metrics; misses: Array<{ id: string; text: string; want: string; got: string }> } {
  const random = mulberry32(opts.seed ^ 0xcafe);
  const order = shuffled(labels.map((_, i) => i), random);
  const fold = new Array<number>(labels.length);
  order.forEach((idx, pos) => (fold[idx] = pos % k));
  const predictions = new Array<Prediction>(labels.length);
  for (let f = 0; f < k; f++) {
    const train = labels.filter((_, i) => fold[i] !== f);
    const classifier = new LocalClassifier(new LinearModel(trainModel(train, opts)));
    labels.forEach((l, i) => {
      if (fold[i] === f) predictions[i] = classifier.classify({ text: l.text });
    });
  }
  const misses = labels
    .map((l, i) => ({ id: l.id, text: l.text, want: `${l.category}.${l.subcategory}`, got: `${predictions[i].category}.${predictions[i].subcategory}` }))
    .filter((m) => m.want !== m.got);
  return { model: score(labels, predictions), baseline: score(labels, labels.map((l) => classifyByKeywords(l.text))), misses };
}
