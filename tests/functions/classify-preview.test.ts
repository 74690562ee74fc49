import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
