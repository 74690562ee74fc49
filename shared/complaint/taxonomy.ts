import type { DepartmentCode } from '../auth/roles';
import type { Category } from './model';

/** One subcategory of the taxonomy (DOMAIN.md "Taxonomy"). */
export interface SubcategoryDef {
  code: string;
  label: string;
  /** What it covers, in the words of LABELING.md; shown to staff when they correct a classification. */
  hint: string;
  /** The first message an agent can send the customer; `{product}` is filled when known. */
  replyTemplate: string;
}

export interface CategoryDef {
  code: Category;
  label: string;
  department: DepartmentCode;
  subcategories: SubcategoryDef[];
}

export interface Taxonomy {
  version: string;
  categories: CategoryDef[];
}

/**
 * The default taxonomy. An administrator can override labels, departments and reply templates through the
 * `taxonomy` configuration document (see `applyTaxonomyOverrides`); the codes are fixed because the classifier
 * and the stored complaints use them.
 */
export const DEFAULT_TAXONOMY: Taxonomy = {
  version: '2026-11-22',
  categories: [
    {
      code: 'quality',
      label: '产品质量',
      department: 'qc',
      subcategories: [
        { code: 'spoiled', label: '变质/发霉/不新鲜', hint: '变质、发霉、馊了、坏了、烂了、不新鲜、过期、吃后不适', replyTemplate: '非常抱歉，您反映的{product}变质问题我们高度重视。请您暂停食用并保留剩余产品和包装，质检专员会尽快与您联系核实。' },
        { code: 'odor', label: '异味', hint: '异味、怪味、有股味，但未明确变质', replyTemplate: '抱歉让您闻到异味。请保留产品和包装，方便的话拍一张批次号的照片，质检专员会尽快核查这一批次。' },
        { code: 'foreign_object', label: '异物', hint: '头发、虫子、钢丝、石子、塑料等异物', replyTemplate: '非常抱歉在{product}中出现异物。请您保留异物和产品、不要丢弃，质检专员会优先处理并与您联系。' },
        { code: 'undercooked', label: '未熟', hint: '没熟、夹生、生的', replyTemplate: '抱歉给您带来不好的体验。未熟的食品请不要继续食用，我们会核查加工环节并尽快给您答复。' },
        { code: 'taste', label: '口味争议', hint: '太辣、不辣、太咸、太甜、难吃、口感差、不甜（水果）', replyTemplate: '感谢您的反馈。每款产品的麻辣度和口味说明都可以在包装或商品页查看，我们会结合您的意见核对这一批次的口味，必要时安排寄样复检。' },
        { code: 'short_weight', label: '份量不足', hint: '份量少、缺斤少两、个头小、量少', replyTemplate: '抱歉份量没有达到您的预期。请拍一张带包装标签的称重照片，我们核实后为您补足或补偿。' },
        { code: 'packaging', label: '包装破损/渗漏', hint: '包装本身破损、漏了、洒了（怪包装不结实）', replyTemplate: '抱歉包装出现破损渗漏。请拍下包装破损处的照片，我们会改进包装并为您处理。' },
        { code: 'appearance', label: '外观/以次充好', hint: '外观差、以次充好、参差不齐、与图片不符', replyTemplate: '抱歉产品外观与您的预期不符。请拍照发给我们，质检专员核实后给您处理方案。' },
      ],
    },
    {
      code: 'delivery',
      label: '配送问题',
      department: 'logistics',
      subcategories: [
        { code: 'late', label: '配送延迟', hint: '慢、晚、等了很久、超时', replyTemplate: '抱歉配送晚了。我们正在核对订单的配送记录，确认延迟后会按规则为您发放补偿。' },
        { code: 'wrong_item', label: '错送', hint: '送错商品、送到别的地方', replyTemplate: '抱歉送错了。请确认一下收到的商品，我们会尽快为您补发正确的商品。' },
        { code: 'missing_item', label: '漏送', hint: '少送、漏送、没送赠品或餐具', replyTemplate: '抱歉漏送了商品。请告诉我们缺少的是哪一件，我们核实后尽快补发。' },
        { code: 'cold_chain', label: '冷链失效', hint: '化冻、化了、不冷了、到货时温度不对', replyTemplate: '抱歉冷链没有保障好。我们会调取这一单的温度记录，根据超温时长为您处理，化冻的产品请不要再冷冻食用。' },
        { code: 'transit_damage', label: '运输破损', hint: '运输途中压扁、压坏、破损、洒了', replyTemplate: '抱歉商品在运输中受损。请拍下外箱和商品的照片，我们会与承运方核实并为您处理。' },
        { code: 'courier', label: '配送员行为', hint: '骑手、快递员态度差、不送上楼、让自取', replyTemplate: '抱歉配送员给您带来不好的体验。我们会与承运方核实，并把处理结果告诉您。' },
      ],
    },
    {
      code: 'service',
      label: '服务投诉',
      department: 'cs',
      subcategories: [
        { code: 'attitude', label: '服务态度差', hint: '客服或门店人员态度差、挂电话', replyTemplate: '非常抱歉我们的服务让您不满意。客服主管会亲自跟进，并在核实后给您答复。' },
        { code: 'slow_response', label: '响应慢/联系不上', hint: '电话打不通、无人接听、不回复', replyTemplate: '抱歉让您久等了。这张工单已由专人负责，我们会在承诺时间内与您联系。' },
        { code: 'refund', label: '退款/售后未处理', hint: '不退钱、退款没到、售后没人管', replyTemplate: '抱歉退款让您着急了。我们会查询这笔退款的进度，并告诉您到账时间。' },
        { code: 'request_ignored', label: '备注/要求被忽略', hint: '备注不要辣、不放葱等要求被忽略', replyTemplate: '抱歉没有按您的备注处理。我们会提醒门店和仓库，并为这次失误给您补偿。' },
      ],
    },
    {
      code: 'other',
      label: '其他',
      department: 'cs',
      subcategories: [
        { code: 'price', label: '价格争议', hint: '贵、不值、性价比低', replyTemplate: '感谢您对价格的反馈，我们会转给相关同事评估，也欢迎关注会员活动。' },
        { code: 'promotion', label: '促销/优惠券/发票', hint: '优惠券、满减、活动、发票问题', replyTemplate: '抱歉优惠或发票出现问题。请告诉我们订单号，我们核实后为您处理。' },
        { code: 'unspecified', label: '无法判断', hint: '太笼统无法判断，或并非投诉', replyTemplate: '感谢您的反馈。为了更好地帮您处理，能否再具体描述一下遇到的问题？' },
      ],
    },
  ],
};

export type SubcategoryCode = string;
/** `category.subcategory`, the form LABELING.md uses for secondary issues. */
export type IssueCode = `${Category}.${string}`;

export function findCategory(taxonomy: Taxonomy, code: string): CategoryDef | undefined {
  return taxonomy.categories.find((c) => c.code === code);
}

export function findSubcategory(taxonomy: Taxonomy, category: string, sub: string): SubcategoryDef | undefined {
  return findCategory(taxonomy, category)?.subcategories.find((s) => s.code === sub);
}

export function isValidIssue(taxonomy: Taxonomy, category: string, sub: string): boolean {
  return !!findSubcategory(taxonomy, category, sub);
}

/** Every `category.subcategory` code, in taxonomy order. */
export function allIssueCodes(taxonomy: Taxonomy = DEFAULT_TAXONOMY): IssueCode[] {
  return taxonomy.categories.flatMap((c) => c.subcategories.map((s) => `${c.code}.${s.code}` as IssueCode));
}

export function departmentFor(taxonomy: Taxonomy, category: string): DepartmentCode {
  return findCategory(taxonomy, category)?.department ?? 'cs';
}

/** Overrides an administrator may store: labels, departments, hints and reply templates, by code. */
export interface TaxonomyOverrides {
  version?: string;
  categories?: Record<string, { label?: string; department?: DepartmentCode; subcategories?: Record<string, Partial<Omit<SubcategoryDef, 'code'>>> }>;
}

/** Apply an administrator's overrides to the default taxonomy; unknown codes are ignored. */
export function applyTaxonomyOverrides(base: Taxonomy, overrides: TaxonomyOverrides | undefined): Taxonomy {
  if (!overrides) return base;
  return {
    version: overrides.version ?? base.version,
    categories: base.categories.map((cat) => {
      const o = overrides.categories?.[cat.code];
      if (!o) return cat;
      return {
        ...cat,
        label: o.label ?? cat.label,
        department: o.department ?? cat.department,
        subcategories: cat.subcategories.map((sub) => ({ ...sub, ...o.subcategories?.[sub.code], code: sub.code })),
      };
    }),
  };
}
