import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LocalClassifier } from '../../shared/classifier/classify';
import { CLAUSE_BREAK, visitFeatures } from '../../shared/classifier/features';
import { softmax } from '../../shared/classifier/math';
import { LinearModel, type ModelFile } from '../../shared/classifier/model';
import { normalizeText } from '../../shared/classifier/normalize';
import { clauseCandidates, pairFeatures, runnerUpProbability, switchesToRunnerUp, type RerankFile } from '../../shared/classifier/rerank';
import { mulberry32 } from '../../shared/random/mulberry32';
import { DATA_DIR, readLabels } from '../../scripts/classifier/data';
import { MODEL_PATH } from '../../scripts/classifier/paths';
import { fitReranker } from '../../scripts/classifier/train-lib';

const file = JSON.parse(fs.readFileSync(MODEL_PATH, 'utf8')) as ModelFile;
const dev = readLabels(path.join(DATA_DIR, 'labels-dev.jsonl'));

/**
 * Each clause's probabilities over the candidates the slow way: the distinct features of n-grams lying inside the
 * clause, looked up one by one, and the issue head applied to them as to a text of that many features.
 */
function clauseProbsByHand(model: LinearModel, text: string, candidates: number[]): Array<{ text: string; p: number[] }> {
  const norm = normalizeText(text);
  const chars = Array.from(`^${norm}$`);
  const clauseOf: number[] = [];
  let clause = -1;
  chars.forEach((ch, i) => {
    if (CLAUSE_BREAK.test(ch)) clauseOf.push(-1);
    else clauseOf.push(i > 0 && clauseOf[i - 1] >= 0 ? clause : ++clause);
  });
  const texts = new Map<number, string>();
  chars.forEach((ch, i) => clauseOf[i] >= 0 && ch !== '^' && !(ch === '$' && i === chars.length - 1) && texts.set(clauseOf[i], (texts.get(clauseOf[i]) ?? '') + ch));
  const ids = new Map<number, Set<number>>();
  visitFeatures(norm, undefined, model.file.features, {
    gram(prefix, cs, from, n) {
      if (cs !== chars && cs.length !== chars.length) return;
      const c = clauseOf[from];
      if (c < 0 || clauseOf[from + n - 1] !== c) return;
      for (const id of model.idsOf((sink) => sink.gram(prefix, cs, from, n))) (ids.get(c) ?? ids.set(c, new Set()).get(c)!).add(id);
    },
    feature() {},
  });
  const head = model.issue;
  const k = head.classes.length;
  return [...texts.entries()].map(([c, t]) => {
    const found = [...(ids.get(c) ?? [])];
    const logits = Float64Array.from(candidates, (i) => head.bias[i]);
    for (const id of found) candidates.forEach((i, j) => (logits[j] += head.weights[id * k + i] * head.featureValue(found.length)));
    const p = new Array<number>(k).fill(0);
    softmax(logits).forEach((v, j) => (p[candidates[j]] = v));
    return { text: t, p };
  });
}

describe('clause scores', () => {
  const model = new LinearModel(file);
  const classifier = new LocalClassifier(model);
  const all = model.issue.classes.map((_, i) => i);

  test('clauses split at punctuation, each scored from its own n-grams of the one lookup pass', () => {
    classifier.classify({ text: '味道还不错，就是送得太慢了！！等了两个小时' });
    const clauses = model.clauseScores(all);
    expect(clauses.map((c) => c.text())).toEqual(['味道还不错', '就是送得太慢了', '等了两个小时']);
    expect(clauses.map((c) => c.length)).toEqual([5, 7, 6]);
    expect(clauses).toHaveLength(3);
    const late = model.issue.classes.indexOf('delivery.late');
    expect(clauses[2].p[late]).toBeGreaterThan(0.5);
    expect(clauses[2].top).toBe(late);
    // Over a few candidates: the others get 0, the candidates' probabilities sum to 1.
    const few = model.clauseScores([late, 0, 1]);
    expect(few[2].p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Array.from(few[2].p).filter((p) => p > 0)).toHaveLength(3);
    for (const text of ['，，只有标点开头', '没有标点', '!!!', '']) {
      classifier.classify({ text });
      expect(model.clauseScores(all).map((c) => c.text()).join('|'), text).toBe(normalizeText(text).split(CLAUSE_BREAK).filter(Boolean).join('|'));
    }
  });

  test('match scoring each clause by hand on 300 real complaints, over all issues and over a few', () => {
    for (const candidates of [all, [3, 0, 7, 12, 5]]) {
      for (const l of dev.slice(0, 300)) {
        classifier.classify({ text: l.text });
        const fast = model.clauseScores(candidates);
        const slow = clauseProbsByHand(model, l.text, candidates);
        expect(fast.map((c) => c.text()), l.text).toEqual(slow.map((c) => c.text));
        fast.forEach((c, j) => Array.from(c.p).forEach((p, i) => expect(p).toBeCloseTo(slow[j].p[i], 9)));
      }
    }
  });
});

describe('the primary-issue reranker', () => {
  const model = new LinearModel(file);
  const classifier = new LocalClassifier(model);
  const issues = model.issue.classes;

  test('the gate never changes an answer: skipping the clauses only when they could not reach the bar', () => {
    const random = mulberry32(7);
    const rerankers: RerankFile[] = [
      ...(file.rerank ? [file.rerank] : []),
      ...Array.from({ length: 20 }, () => ({ weights: Array.from({ length: 15 }, () => (random() - 0.5) * 4), bar: 0.3 + random() * 0.5 })),
    ];
    let skipped = 0;
    let switched = 0;
    for (const rerank of rerankers) {
      for (const l of dev.slice(0, 150)) {
        const c = classifier.rerankCase({ text: l.text });
        if (!c) continue;
        const probs = softmax(model.scores(model.idsOf((sink) => visitFeatures(normalizeText(l.text), undefined, file.features, sink))).issue);
        let scored = false;
        const candidates = clauseCandidates(probs, c.answer, c.runnerUp);
        const gated = switchesToRunnerUp(rerank, probs, issues, c.answer, c.runnerUp, () => ((scored = true), model.clauseScores(candidates)));
        const full = runnerUpProbability(rerank, pairFeatures(probs, model.clauseScores(candidates), issues, c.answer, c.runnerUp)) > rerank.bar;
        expect(gated, l.text).toBe(full);
        if (!scored) skipped++;
        if (full) switched++;
      }
    }
    expect(skipped).toBeGreaterThan(0);
    expect(switched).toBeGreaterThan(0);
  });

  test('the clauses are scored over the answer, the runner-up and the next three most likely issues', () => {
    const probs = Float64Array.of(0.3, 0.02, 0.25, 0.1, 0.08, 0.2, 0.05);
    expect(clauseCandidates(probs, 5, 0)).toEqual([5, 0, 2, 3, 4]);
    expect(clauseCandidates(probs.subarray(0, 3), 1, 0)).toEqual([1, 0, 2]);
  });

  test('a switch files the text under the runner-up, with its probability as the confidence', () => {
    const always: RerankFile = { weights: [100, ...new Array(14).fill(0)], bar: 0.5 };
    const switching = new LocalClassifier(new LinearModel({ ...file, rerank: always }));
    const plain = new LocalClassifier(new LinearModel({ ...file, rerank: undefined }));
    const text = '送得太慢了，而且饺子味道也一般';
    const before = plain.classify({ text });
    const after = switching.classify({ text });
    const c = plain.rerankCase({ text })!;
    expect(`${before.category}.${before.subcategory}`).toBe(issues[c.answer]);
    expect(`${after.category}.${after.subcategory}`).toBe(issues[c.runnerUp]);
    expect(c.runnerUp).toBe(issues.indexOf(before.candidates.find((x) => x.issue !== issues[c.answer])!.issue));
    expect(after.confidence).toBe(before.candidates.find((x) => x.issue === issues[c.runnerUp])!.p);
    // Food-safety cases keep their health-risk subcategory.
    expect(switching.classify({ text: '水饺里吃出一根头发，送得也慢' })).toMatchObject({ category: 'quality', subcategory: 'foreign_object', foodSafety: true });
  });

  test('training finds the rule in its rows', () => {
    const random = mulberry32(11);
    const rows = Array.from({ length: 400 }, () => {
      const x = [1, ...Array.from({ length: 14 }, () => random() * 2 - 1)];
      return { x, y: x[3] + 0.5 * x[8] > 0.2 ? 1 : 0 };
    });
    const fitted = fitReranker(rows, 0.5);
    const right = rows.filter((r) => runnerUpProbability(fitted, r.x) > 0.5 === (r.y === 1)).length;
    expect(right / rows.length).toBeGreaterThan(0.9);
    expect(fitReranker(rows, 0.5)).toEqual(fitted);
  });
});
