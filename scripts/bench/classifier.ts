import { classifyByKeywords } from '../../shared/classifier/keyword-baseline';
import { readCorpus, readTrainingLabels, splitDev } from '../classifier/data';
import { crossValidate, crossValidateOnDev, triageCurve } from '../classifier/evaluate';
import { loadClassifier } from '../classifier/load';
import { DEFAULT_TRAIN } from '../classifier/train-lib';
import { emit, median, percentile, round } from './stats';

/**
 * The classifier's figures (issue 3): model size and load time, single-core throughput and p99 latency, and
 * k-fold accuracy beside the keyword baseline on the same folds, with the share of complaints marked for triage and
 * how right the model is on the rest.
 */
export function benchClassifier(folds = 5): void {
  const { complaints, praised } = readTrainingLabels();
  const loads: number[] = [];
  let loaded = loadClassifier();
  for (let i = 0; i < 5; i++) {
    loaded = loadClassifier();
    loads.push(loaded.loadMs);
  }
  emit({ bench: 'classifier_model', version: loaded.classifier.version, bytes: loaded.bytes, load_median_ms: round(median(loads)), goal_bytes: 2 * 1024 * 1024, goal_load_ms: 50 });

  // Throughput on the labelled complaints, which the model was trained on (it is sure of them, so the reranker's gate
  // skips most), and on corpus reviews it never saw (positively rated ones that only praise: every negative review
  // and every positive one naming a problem is in training).
  const texts = complaints.map((l) => l.text);
  const trained = new Set(praised.map((l) => l.id));
  const unseen = readCorpus()
    .filter((r) => r.sentiment === 1 && !trained.has(r.id))
    .flatMap((r) => r.text.split(/\r?\n/))
    .filter((t) => t.trim());
  for (const [name, sample] of [['labelled', texts], ['unseen', unseen]] as const) {
    const rounds = Math.max(1, Math.ceil(30_000 / sample.length));
    const latencies: number[] = [];
    const started = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const text of sample) {
        const t = performance.now();
        loaded.classifier.classify({ text });
        latencies.push(performance.now() - t);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    emit({ bench: 'classifier_throughput', sample: name, texts: latencies.length, texts_per_s: round(latencies.length / seconds, 0), p99_ms: round(percentile(latencies, 99), 3), goal_texts_per_s: 20_000 });
  }
  const kwStarted = performance.now();
  for (const text of texts) classifyByKeywords(text);
  emit({ bench: 'classifier_throughput', method: 'keyword-rules-baseline', texts_per_s: round(texts.length / ((performance.now() - kwStarted) / 1000), 0) });

  // Accuracy last: the throughput above is measured in a fresh process, as in a function instance.
  // Folds over the complaints (the held-out set is made of negative reviews); the praised ones only ever train.
  const cv = crossValidate(complaints, folds, undefined, praised);
  emit({ bench: 'classifier_cv', method: 'linear-char-ngrams', folds, ...cv.model, goals: { category: 0.95, subcategory: 0.85, food_safety_recall: 0.97, food_safety_precision: 0.85 } });
  emit({ bench: 'classifier_cv', method: 'keyword-rules-baseline', folds, ...cv.baseline });
  // Closest to the held-out set, which was labelled like labels-dev: folds over labels-dev, extra labels always in training.
  const { dev, extra } = splitDev(complaints);
  const onDev = crossValidateOnDev(dev, [...extra, ...praised], folds);
  emit({ bench: 'classifier_cv_on_labels_dev', method: 'linear-char-ngrams', folds, ...onDev.model });
  emit({ bench: 'classifier_cv_on_labels_dev', method: 'keyword-rules-baseline', folds, ...onDev.baseline });
  // The shipped model marks for triage below DEFAULT_TRAIN.triage; the other bars show what moving it would trade.
  emit({ bench: 'classifier_triage_curve', on: 'labels_dev_folds', shipped_bar: DEFAULT_TRAIN.triage, points: triageCurve(dev, onDev.predictions, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) });
}
