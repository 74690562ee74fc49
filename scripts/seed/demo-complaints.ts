/**
 * Demo complaints for `npm start`: filed and worked through the real functions (so every document, event,
 * outbox message and encrypted phone is exactly what the product writes), leaving tickets in every state a
 * person opening the app would want to see — a fresh food-safety case, one waiting for the customer, one
 * waiting for approval, one escalated, one resolved and rated.
 */
import type { Envelope } from '../../shared/api/envelope';

export type FnCall = (fn: string, action: string, input: object, openid: string, requestId?: string) => Promise<Envelope<any>>;

function must<T = any>(env: Envelope<T>, what: string): T {
  if (!env.ok) throw new Error(`demo complaints: ${what} failed: ${JSON.stringify(env.error)}`);
  return env.data;
}

let n = 0;
const rid = (tag: string) => `demo-${tag}-${(n++).toString().padStart(4, '0')}`;

export async function seedDemoComplaints(call: FnCall): Promise<number> {
  const codes = must<{ items: Array<{ scene: string; label: string; kind: string }> }>(await call('admin', 'listQrCodes', {}, 'demo-admin'), 'listQrCodes').items;
  const sausage = codes.find((c) => c.kind === 'package' && c.label.includes('腊肠'))!;
  const store = codes.find((c) => c.kind === 'store')!;
  const ticket = async (openid: string, complaintId: string) => must<{ version: number; status: string }>(await call('ticket', 'get', { complaintId }, openid), 'ticket.get');
  const submit = async (openid: string, input: object) => {
    const res = must<{ complaintId: string; department: 'qc' | 'logistics' | 'cs' }>(await call('complaint', 'submit', { contactPhone: '13812348000', ...input }, openid, rid('submit')), 'submit');
    // Whoever the classifier's department is, its demo agent works the ticket.
    return { ...res, agent: `demo-agent-${res.department}` };
  };
  let count = 0;

  // 1. Three customers, one sausage batch, within hours: food safety, and a group complaint on the batch.
  const mould = await submit('demo-customer-1', { description: '今天打开的腊肠表面有一层白毛，闻着也有点酸，孩子吃了一片后说肚子不舒服', scene: sausage.scene, expectation: 'refund' });
  await submit('demo-customer-2', { description: '这批腊肠有霉点，切开里面颜色发暗，不敢吃了', scene: sausage.scene, contactPhone: '13912345678' });
  await submit('demo-customer-3', { description: '腊肠发霉了，包装是新的，生产日期也没过期', scene: sausage.scene, contactPhone: '13700001111' });
  count += 3;
  let v = await ticket(mould.agent, mould.complaintId);
  must(await call('ticket', 'transition', { complaintId: mould.complaintId, to: 'investigating', version: v.version }, mould.agent), 'investigate');
  must(await call('ticket', 'reply', { complaintId: mould.complaintId, text: '您好，我是质检部的专员。请暂停食用并保留剩余腊肠和包装，我们今天会安排上门取样。' }, mould.agent, rid('reply')), 'reply');
  must(await call('ticket', 'note', { complaintId: mould.complaintId, text: '同批次已有 3 位顾客反映发霉，已通知仓库封存该批次。' }, mould.agent, rid('note')), 'note');

  // 2. A late delivery with a coupon offered: waiting for the customer to confirm.
  const late = await submit('demo-customer-1', { description: '说好第二天送到，结果晚了一天多才到，冻品都软了', expectation: 'compensation' });
  count++;
  v = await ticket(late.agent, late.complaintId);
  must(await call('ticket', 'transition', { complaintId: late.complaintId, to: 'investigating', version: v.version }, late.agent), 'investigate');
  v = await ticket(late.agent, late.complaintId);
  must(
    await call('ticket', 'proposeSolution', { complaintId: late.complaintId, version: v.version, text: '经核实中转站滞留导致延迟送达，向您致歉，并发放 ¥10 优惠券。', rootCause: '中转站滞留', compensation: { type: 'coupon', amountFen: 1000 } }, late.agent),
    'propose coupon',
  );

  // 3. A thawed box, a refund above the agent's limit, accepted by the customer: waiting for the head's approval.
  const thawed = await submit('demo-customer-2', { description: '冷链到货的时候水饺和汤圆全化了，袋子里都是水，要求退款', expectation: 'refund', contactPhone: '13912345678' });
  count++;
  v = await ticket(thawed.agent, thawed.complaintId);
  must(
    await call('ticket', 'proposeSolution', { complaintId: thawed.complaintId, version: v.version, text: '温度记录显示运输途中超温两个多小时，为您全额退款这单冻品 ¥128。', rootCause: '冷链车制冷故障', compensation: { type: 'refund', amountFen: 12800 } }, thawed.agent),
    'propose refund',
  );
  must(await call('complaint', 'respond', { complaintId: thawed.complaintId, accept: true }, 'demo-customer-2', rid('respond')), 'accept refund');

  // 4. A taste dispute: points offered, rejected by the customer, escalated to the manager.
  const spicy = await submit('demo-customer-2', { description: '这次的牛油火锅底料比以前辣太多了，麻辣度标的是 3 级，实际吃起来像 5 级', contactPhone: '13912345678' });
  count++;
  v = await ticket(spicy.agent, spicy.complaintId);
  must(await call('ticket', 'proposeSolution', { complaintId: spicy.complaintId, version: v.version, text: '这一批次的辣度在标准范围内，送您 300 积分表示歉意。', compensation: { type: 'points', points: 300 } }, spicy.agent), 'propose points');
  must(await call('complaint', 'respond', { complaintId: spicy.complaintId, accept: false, comment: '不是积分的问题，希望能寄样复检' }, 'demo-customer-2', rid('respond')), 'reject');

  // 5. A store complaint answered, accepted and rated.
  const rude = await submit('demo-customer-3', { description: '门店店员态度很差，问了两次保质期就不耐烦，还让我自己看', scene: store.scene, contactPhone: '13700001111' });
  count++;
  v = await ticket(rude.agent, rude.complaintId);
  must(await call('ticket', 'proposeSolution', { complaintId: rude.complaintId, version: v.version, text: '已与门店店长核实并对店员进行了服务培训，店长也想当面向您致歉。' }, rude.agent), 'propose apology');
  must(await call('complaint', 'respond', { complaintId: rude.complaintId, accept: true }, 'demo-customer-3', rid('respond')), 'accept apology');
  must(await call('complaint', 'rate', { complaintId: rude.complaintId, stars: 4, nps: 8, comment: '处理得挺及时' }, 'demo-customer-3', rid('rate')), 'rate');

  // 6. A phone complaint an agent typed in, not yet worked.
  must(await call('ticket', 'createOnBehalf', { description: '顾客来电：满减优惠券结算时没有抵扣，多付了 20 元', contactPhone: '13600002222' }, 'demo-agent-cs', rid('phone')), 'phone');
  count++;
  return count;
}
