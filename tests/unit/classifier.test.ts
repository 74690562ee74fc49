import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LocalClassifier } from '../../shared/classifier/classify';
import { extractFeatures, featuresOfNormalized, visitFeatures } from '../../shared/classifier/features';
import { classifyByKeywords } from '../../shared/classifier/keyword-baseline';
import { ANGER_LEXICON, FOOD_SAFETY_LEXICON } from '../../shared/classifier/lexicon';
import { decodeBase64, encodeBase64, LinearModel } from '../../shared/classifier/model';
import { normalizeText } from '../../shared/classifier/normalize';
import { allIssueCodes, applyTaxonomyOverrides, DEFAULT_TAXONOMY, departmentFor } from '../../shared/complaint/taxonomy';
import { DATA_DIR, praisedIds, readHoldoutIds, readLabels, readTrainingLabels } from '../../scripts/classifier/data';
import { MODEL_PATH } from '../../scripts/classifier/paths';
import { DEFAULT_TRAIN, trainModel } from '../../scripts/classifier/train-lib';

const ROOT = path.resolve(__dirname, '..', '..');
const dev = readLabels(path.join(DATA_DIR, 'labels-dev.jsonl'));

describe('taxonomy as data', () => {
  test('DOMAIN.md codes, departments and a reply template per subcategory', () => {
    expect(allIssueCodes()).toHaveLength(21);
    expect(departmentFor(DEFAULT_TAXONOMY, 'quality')).toBe('qc');
    expect(departmentFor(DEFAULT_TAXONOMY, 'delivery')).toBe('logistics');
    expect(departmentFor(DEFAULT_TAXONOMY, 'other')).toBe('cs');
    for (const c of DEFAULT_TAXONOMY.categories) for (const s of c.subcategories) expect(s.replyTemplate.length).toBeGreaterThan(10);
    for (const l of dev) expect(allIssueCodes()).toContain(`${l.category}.${l.subcategory}`);
  });

  test('configuration overrides labels, departments and templates, never codes', () => {
    const t = applyTaxonomyOverrides(DEFAULT_TAXONOMY, { categories: { other: { department: 'qc', subcategories: { price: { label: '价格', code: 'x' } as never } } } });
    expect(departmentFor(t, 'other')).toBe('qc');
    const price = t.categories.find((c) => c.code === 'other')!.subcategories.find((s) => s.code === 'price')!;
    expect(price.label).toBe('价格');
    expect(DEFAULT_TAXONOMY.categories.find((c) => c.code === 'other')!.department).toBe('cs');
  });
});

describe('features and model format', () => {
  test('normalization folds width, case, digits and spaces', () => {
    expect(normalizeText('等了２个 小时ＡＢ！')).toBe('等了0个小时ab!');
  });

  test('character n-grams, lexicon hits, and the hint as one more feature', () => {
    const f = extractFeatures('腊肠发霉了', 'quality');
    expect(f).toEqual(expect.arrayContaining(['腊', '腊肠', '发霉了', '^腊', '了$', 'lex:quality.spoiled', 'lex:food_safety', 'hint:quality']));
    expect(f).not.toContain('肠发霉了');
    expect(extractFeatures('腊肠发霉了', undefined, { ngramMin: 1, ngramMax: 2 })).not.toContain('发霉了');
  });

  test('the model finds n-grams by code points exactly as by their names, ambiguous, astral and longer ones included', () => {
    const model = new LinearModel(JSON.parse(fs.readFileSync(MODEL_PATH, 'utf8')));
    const byName = new Map(model.file.vocab.map((f, i) => [f, i]));
    // "p:x" is both the praise unigram x and the trigram p, :, x; 😋 is beyond the BMP; 1–4-grams exceed the table's 3.
    const vocab = [...model.file.vocab.slice(0, 50), 'p:好', 'p:x', 'x', '😋', '好😋', 'lex:anger', '发霉了吧'];
    const probe = new LinearModel({ ...model.file, vocab, features: { ngramMin: 1, ngramMax: 4, praiseClauses: true, firstClause: true } });
    const probeNames = new Map(vocab.map((f, i) => [f, i]));
    const texts = [...dev.slice(0, 300).map((l) => l.text), '味道很好😋，p:x发霉了吧', '好😋好吃!!!', 'x'];
    for (const [m, names] of [[model, byName], [probe, probeNames]] as const) {
      for (const text of texts) {
        const norm = normalizeText(text);
        const expected = featuresOfNormalized(norm, 'quality', m.file.features).flatMap((f) => (names.has(f) ? [names.get(f)!] : []));
        expect([...m.idsOf((sink) => visitFeatures(norm, 'quality', m.file.features, sink))]).toEqual(expected);
      }
    }
    expect(probe.idsOf((sink) => visitFeatures(normalizeText('p:x 😋'), undefined, probe.file.features, sink)).length).toBeGreaterThanOrEqual(2);
  });

  test('praise-only clauses are told apart from the complaint', () => {
    const f = extractFeatures('菜的味道还不错，就是送餐等了好久');
    expect(f).toEqual(expect.arrayContaining(['p:不错', 'p:味道', '等了', 'praise:some', 'lex:delivery.late']));
    expect(f).not.toContain('不错');
    expect(extractFeatures('挺好吃，送餐快。')).toContain('praise:only');
    expect(extractFeatures('不好吃，送餐慢')).toEqual(expect.arrayContaining(['好吃', 'lex:quality.taste', 'lex:delivery.late']));
    expect(extractFeatures('不好吃，送餐慢')).not.toContain('praise:some');
  });

  test('health-risk and anger words: figurative uses excluded, definite words marked', () => {
    const fs = (t: string) => FOOD_SAFETY_LEXICON.test(normalizeText(t));
    for (const t of ['苹果烂了两个', '12个坏2个', '吃完拉肚子', '米饭里有石头', '鸡肉没熟，还带血', '里面都是黑的']) expect(fs(t), t).toBe(true);
    for (const t of ['饿坏了', '麻婆豆腐不辣', '牛肉嚼不烂', '苹果没熟，酸', '电动车坏了', '压坏了两个']) expect(fs(t), t).toBe(false);
    expect(extractFeatures('饭里有头发')).toContain('lex:fs_definite');
    expect(extractFeatures('苹果有点软')).not.toContain('lex:fs_definite');
    expect(ANGER_LEXICON.test('什么垃圾')).toBe(true);
    expect(ANGER_LEXICON.test('无语')).toBe(false);
    expect(extractFeatures('无语')).toContain('lex:anger_weak');
  });

  test('base64 round trip without Buffer', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 0xff);
    for (const n of [0, 1, 2, 3, 999, 1000]) expect(Array.from(decodeBase64(encodeBase64(bytes.subarray(0, n))))).toEqual(Array.from(bytes.subarray(0, n)));
    expect(encodeBase64(bytes.subarray(0, 10))).toBe(Buffer.from(bytes.subarray(0, 10)).toString('base64'));
  });

  test('training is deterministic', () => {
    const small = dev.slice(0, 200);
    const opts = { ...DEFAULT_TRAIN, epochs: 3 };
    expect(JSON.stringify(trainModel(small, opts))).toBe(JSON.stringify(trainModel(small, opts)));
  });
});

describe('training labels', () => {
  const { complaints, praised } = readTrainingLabels();
  const praisedReview = praisedIds();

  test('every complaint label, and only the positively rated reviews that name a problem; never a held-out text', () => {
    expect(complaints.length).toBeGreaterThan(12_000);
    expect(praised.length).toBeGreaterThan(2_000);
    for (const l of complaints) expect(praisedReview.has(l.id), l.id).toBe(false);
    for (const l of praised) {
      expect(praisedReview.has(l.id), l.id).toBe(true);
      expect(l.subcategory, l.text).not.toBe('unspecified');
    }
    const holdout = new Set(readHoldoutIds());
    for (const l of [...complaints, ...praised]) expect(holdout.has(l.id), l.id).toBe(false);
  });

  test('praised reviews teach the issue heads, never the food-safety and anger heads or their bars', () => {
    const opts = { ...DEFAULT_TRAIN, epochs: 3 };
    const few = complaints.slice(0, 150);
    // The praised reviews that would move the flag heads most: health risks and anger among praise.
    const flagged = praised.filter((l) => l.food_safety || l.angry).slice(0, 40);
    const plain = trainModel(few, opts);
    const taught = trainModel([...few, ...flagged], opts);
    expect(taught.thresholds).toEqual(plain.thresholds);
    const without = new LocalClassifier(new LinearModel(plain));
    const classifier = new LocalClassifier(new LinearModel(taught));
    let issueMoved = false;
    for (const l of few) {
      const a = without.classify({ text: l.text });
      const b = classifier.classify({ text: l.text });
      expect([b.foodSafetyScore, b.angryScore], l.text).toEqual([a.foodSafetyScore, a.angryScore]);
      issueMoved ||= a.confidence !== b.confidence;
    }
    expect(issueMoved).toBe(true);
  });
});

describe('the committed model', () => {
  const model = new LinearModel(JSON.parse(fs.readFileSync(MODEL_PATH, 'utf8')));
  const classifier = new LocalClassifier(model);

  // Six trainings (the heads, and five folds for the reranker's out-of-fold answers): about 100 s on one core, in a
  // child process — run in the test worker, they would block it past vitest's own RPC timeout.
  test('is up to date with the labelled data (npm run train:classifier)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'classifier', 'train.ts'), '--check'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, `models/complaint-classifier.json is stale: run npm run train:classifier\n${stderr}`).toBe(0);
    expect(stderr).toContain('is up to date');
  }, 600_000);

  test('is small', () => {
    expect(fs.statSync(MODEL_PATH).size).toBeLessThan(2 * 1024 * 1024);
  });

  test('clear cases', () => {
    expect(classifier.classify({ text: '腊肠打开就发霉了，吃了以后拉肚子' })).toMatchObject({ category: 'quality', subcategory: 'spoiled', foodSafety: true });
    expect(classifier.classify({ text: '送了两个多小时才到' })).toMatchObject({ category: 'delivery', subcategory: 'late', foodSafety: false });
    expect(classifier.classify({ text: '水饺里吃出一根头发' })).toMatchObject({ category: 'quality', subcategory: 'foreign_object', foodSafety: true });
  });

  test('a definite health-risk word makes a food-safety case whatever the score', () => {
    expect(classifier.classify({ text: '送餐太慢了，等了两个小时，吃完还拉肚子' })).toMatchObject({ category: 'quality', foodSafety: true });
  });

  test('a food-safety case is always filed under quality (LABELING.md rule 1)', () => {
    for (const l of dev) {
      const c = classifier.classify({ text: l.text });
      if (c.foodSafety) expect(c.category, l.text).toBe('quality');
    }
  });

  test('three exclamation marks or an insult make a customer angry', () => {
    expect(classifier.classify({ text: '送错了！！！' }).angry).toBe(true);
    expect(classifier.classify({ text: '什么垃圾东西' }).angry).toBe(true);
  });

  test('output is complete and bounded', () => {
    const c = classifier.classify({ text: '还行吧', categoryHint: 'service' });
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(c.candidates).toHaveLength(3);
    expect(c.secondary.length).toBeLessThanOrEqual(3);
    expect(c.model).toBe(model.version);
    expect(typeof c.needsTriage).toBe('boolean');
  });
});

describe('keyword baseline', () => {
  test('first matching issue wins, health risks first', () => {
    expect(classifyByKeywords('太慢了，而且菜发霉了')).toMatchObject({ category: 'quality', subcategory: 'spoiled', foodSafety: true });
    expect(classifyByKeywords('今天天气不错')).toMatchObject({ category: 'other', subcategory: 'unspecified', foodSafety: false });
  });
});

describe('npm run --silent classify', () => {
  test('one JSON line out per line in, nothing else on stdout', async () => {
    const input = ['{"id":"1","text":"腊肠发霉了"}', '{"id":2,"text":"送餐员态度很差，让我自己下楼拿","categoryHint":"delivery"}', 'garbage', '{"id":"4"}'].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'classifier', 'cli.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.end(input);
    await new Promise((resolve) => child.on('exit', resolve));
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: '1', category: 'quality', subcategory: 'spoiled', foodSafety: true, level: 'L1', department: 'qc' });
    expect(Object.keys(lines[0]).sort()).toEqual(['angry', 'category', 'confidence', 'department', 'foodSafety', 'id', 'level', 'subcategory']);
    expect(lines[1]).toMatchObject({ id: 2, department: expect.any(String) });
    expect(lines[2]).toEqual({ id: null, error: 'not a JSON object' });
    expect(lines[3]).toEqual({ id: '4', error: 'text is required' });
  });
});
