import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadClassifier } from '../../scripts/classifier/load';
import { data, startTestCloud, type TestCloud } from '../helpers/localcloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
});
afterAll(() => cloud?.close());

describe('complaint.classifyPreview: the model inside the deployed function bundle', () => {
  test('a food-safety complaint: quality, L1, QC', async () => {
    const res = data(await cloud.call('complaint', 'classifyPreview', { text: '腊肠打开以后发霉了，孩子吃了拉肚子' }, { openid: 'demo-customer-1' }));
    expect(res).toMatchObject({
      category: 'quality',
      categoryLabel: '产品质量',
      subcategory: 'spoiled',
      foodSafety: true,
      level: 'L1',
      levelReason: 'L1: 食品安全',
      department: 'qc',
      departmentLabel: '质检部',
    });
    expect(res.model).toMatch(/^complaint-linear-/);
  });

  test('a late delivery goes to logistics', async () => {
    const res = data(await cloud.call('complaint', 'classifyPreview', { text: '下单两天了还没送到，物流太慢了' }, { openid: 'demo-agent-cs' }));
    expect(res).toMatchObject({ category: 'delivery', department: 'logistics', foodSafety: false });
  });

  test('the hint is evidence, not the answer', async () => {
    const res = data(await cloud.call('complaint', 'classifyPreview', { text: '水饺里吃出一根头发', categoryHint: 'service' }, { openid: 'demo-customer-1' }));
    expect(res).toMatchObject({ category: 'quality', subcategory: 'foreign_object', foodSafety: true });
  });

  test('bad input is answered per field', async () => {
    expect(await cloud.call('complaint', 'classifyPreview', { text: ' ' }, { openid: 'demo-customer-1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { text: '请至少写 2 个字' } },
    });
    expect(await cloud.call('complaint', 'classifyPreview', { text: '好', categoryHint: 'food' as never }, { openid: 'demo-customer-1' })).toMatchObject({
      ok: false,
      error: { fields: { categoryHint: '请选择有效的问题类别' } },
    });
  });
});

describe('the optional cloud model', () => {
  test('off by default: nothing is sent anywhere', async () => {
    await cloud.call('complaint', 'classifyPreview', { text: '嗯嗯' }, { openid: 'demo-customer-1' });
    const calls = (await (await fetch(`${cloud.url}/__local/messages?channel=tencentcloud`)).json()) as unknown[];
    expect(calls).toEqual([]);
  });

  test('configured: an unsure text goes to hunyuan (recorded by the local cloud), and the local answer stands when it fails', async () => {
    const configured = await startTestCloud({
      seed: false,
      functionEnv: (url) => ({
        HUNYUAN_SECRET_ID: 'test-id',
        HUNYUAN_SECRET_KEY: 'test-key',
        HUNYUAN_PROTOCOL: 'http://',
        HUNYUAN_ENDPOINT: `${url.replace('http://', '')}/tencentcloud/hunyuan`,
      }),
    });
    try {
      const sure = data(await configured.call('complaint', 'classifyPreview', { text: '水饺里吃出一根头发' }, { openid: 'demo-customer-1' }));
      expect(sure.model).not.toContain('+');
      // Which texts the model is unsure about depends on the model: pick one with the committed model itself.
      const { classifier } = loadClassifier();
      const vague = ['包装上的日期看不清', '说不清楚，反正不满意', '这个东西怎么说呢', '和上次的不一样', '有点问题想反映一下'].find((t) => classifier.classify({ text: t }).needsTriage);
      expect(vague, 'one of the vague texts is below the triage threshold').toBeDefined();
      const unsure = data(await configured.call('complaint', 'classifyPreview', { text: vague! }, { openid: 'demo-customer-1' }));
      expect(unsure.needsTriage).toBe(true);
      expect(unsure.model).toMatch(/^complaint-linear-[0-9a-f]+$/);
      const calls = (await (await fetch(`${configured.url}/__local/messages?channel=tencentcloud`)).json()) as Array<{ to: string; template: string; data: { Model: string; Messages: Array<{ Role: string; Content: string }> } }>;
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ to: 'hunyuan', template: 'ChatCompletions', data: { Model: 'hunyuan-lite' } });
      expect(calls[0].data.Messages[1]).toEqual({ Role: 'user', Content: vague });
      expect(calls[0].data.Messages[0].Content).toContain('quality.foreign_object');
    } finally {
      await configured.close();
    }
  });
});
