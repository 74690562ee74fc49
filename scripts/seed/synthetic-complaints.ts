/**
 * Synthetic complaints for load figures and a full dashboard (browser tests of the staff workspace): documents
 * shaped as intake stores them — classification, SLA record, derived queue key — written straight into the
 * database, many thousands at once. Deterministic for a given `now` and seed. Never part of `npm start`.
 */
import { DEFAULT_SLA_POLICY } from '../../shared/sla/policy';
import { DEFAULT_TAXONOMY } from '../../shared/complaint/taxonomy';
import { queueKey } from '../../shared/complaint/queue';
import type { Level } from '../../shared/complaint/model';
import type { DepartmentCode } from '../../shared/auth/roles';

const PRODUCTS = [
  ['sausage-classic', '川味腊肠'],
  ['sausage-mala', '麻辣腊肠'],
  ['bacon-smoked', '烟熏腊肉'],
  ['hotpot-beef-tallow', '牛油火锅底料'],
  ['dumpling-zhong', '钟水饺（猪肉馅）'],
  ['tangyuan-sesame', '宁波风味黑芝麻汤圆'],
] as const;
const REGIONS = ['成都片区', '重庆片区', '川北片区', '川南片区', '川西片区'];
const TEXTS: Record<string, string> = {
  spoiled: '腊肠打开有霉点，闻着发酸，不敢吃',
  odor: '火锅底料有一股怪味，像是放坏了',
  foreign_object: '水饺里吃出一根头发',
  taste: '这批太辣了，比标的麻辣度辣很多',
  packaging: '包装破了，油漏了一箱子',
  late: '配送晚了一天才到，等了很久',
  cold_chain: '到货的时候汤圆全化冻了，粘在一起',
  missing_item: '少送了一袋水饺',
  attitude: '客服态度很差，说话不耐烦',
  refund: '退款申请一周了还没到账',
  promotion: '优惠券结算时没有抵扣',
};

/** A small seeded generator, so the same call gives the same documents. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface SyntheticOptions {
  now: Date;
  count: number;
  /** Spread of creation times before `now`. */
  days: number;
  /** Share of tickets still open (the rest resolved or closed). */
  openShare: number;
  /** Only this department (for an inbox load), else every department by the taxonomy. */
  department?: DepartmentCode;
  assigneeOpenid?: string;
  seed?: number;
  idPrefix?: string;
}

export function syntheticComplaints(o: SyntheticOptions): Array<Record<string, unknown>> {
  const rand = rng(o.seed ?? 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const issues = DEFAULT_TAXONOMY.categories
    .filter((c) => !o.department || c.department === o.department)
    .flatMap((c) => c.subcategories.filter((s) => TEXTS[s.code]).map((s) => ({ category: c.code, sub: s.code, department: c.department })));
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < o.count; i++) {
    const issue = pick(issues);
    const foodSafety = ['spoiled', 'foreign_object'].includes(issue.sub) && rand() < 0.7;
    const level: Level = foodSafety ? 'L1' : rand() < 0.35 ? 'L2' : 'L3';
    const createdAt = new Date(o.now.getTime() - Math.floor(rand() * o.days * 86_400_000));
    const t = DEFAULT_SLA_POLICY.targets[level];
    const firstResponseDueAt = new Date(createdAt.getTime() + (foodSafety ? DEFAULT_SLA_POLICY.foodSafetyFirstResponseMinutes : t.firstResponseMinutes) * 60_000);
    const resolveDueAt = new Date(createdAt.getTime() + t.resolveMinutes * 60_000);
    const open = rand() < o.openShare;
    const responded = !open || rand() < 0.6 ? new Date(createdAt.getTime() + Math.floor(rand() * 1.3 * (firstResponseDueAt.getTime() - createdAt.getTime()))) : undefined;
    const resolvedAt = open ? undefined : new Date(createdAt.getTime() + Math.floor(rand() * 1.2 * t.resolveMinutes * 60_000));
    const status = open ? pick(['assigned', 'investigating', 'investigating', 'awaiting_customer', 'submitted'] as const) : rand() < 0.5 ? 'resolved' : 'closed';
    const nextDueAt = open ? (responded ? resolveDueAt : firstResponseDueAt) : undefined;
    const [productId, productName] = pick(PRODUCTS);
    const id = `${o.idPrefix ?? 'syn'}-${i.toString(36).padStart(5, '0')}`;
    const stars = !open && rand() < 0.4 ? 1 + Math.floor(rand() * 5) : undefined;
    out.push({
      _id: id,
      ticketNo: `KS${createdAt.toISOString().slice(0, 10).replaceAll("-", "")}-${(o.idPrefix ?? "syn").toUpperCase()}${i.toString().padStart(5, "0")}`,
      requestId: id,
      customerOpenid: `syn-customer-${Math.floor(rand() * 400)}`,
      channel: pick(['miniprogram', 'qr_package', 'phone', 'order', 'web'] as const),
      status,
      level,
      levelReason: foodSafety ? 'L1: 食品安全' : `${level}: 常规`,
      category: issue.category,
      subcategory: issue.sub,
      department: issue.department,
      description: TEXTS[issue.sub],
      contactPhoneEnc: 'v1:synthetic',
      contactPhoneMasked: '138****0000',
      mediaFileIds: [],
      createdBy: 'synthetic',
      classification: { category: issue.category, subcategory: issue.sub, confidence: 0.5 + rand() / 2, secondary: [], source: 'model', needsTriage: rand() < 0.05 },
      foodSafety,
      angry: rand() < 0.1,
      ...(status !== 'submitted' ? { assigneeOpenid: o.assigneeOpenid ?? `demo-agent-${issue.department}`, assigneeName: '示例专员' } : {}),
      routingReason: '示例数据',
      assistDepartments: [],
      productId,
      productName,
      batchId: `LC-${productId}`,
      batchNo: '20261101',
      region: pick(REGIONS),
      related: { customerRecent: 0, sameOrder: [], batchCustomers: 0 },
      customerTier: rand() < 0.1 ? 'vip' : 'regular',
      sla: { startedAt: createdAt, firstResponseDueAt, resolveDueAt, ...(responded ? { firstRespondedAt: responded } : {}), ...(resolvedAt ? { resolvedAt } : {}), pauses: [] },
      queueKey: queueKey(level, nextDueAt),
      ...(nextDueAt ? { nextDueAt } : {}),
      statusChangedAt: createdAt,
      ...(resolvedAt ? { resolvedAt } : {}),
      ...(stars ? { rating: { stars, nps: Math.min(10, stars * 2), at: resolvedAt } } : {}),
      createdAt,
      updatedAt: createdAt,
      version: 1,
    });
  }
  return out;
}
