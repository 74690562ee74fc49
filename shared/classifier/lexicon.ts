import type { IssueCode } from '../complaint/taxonomy';

/**
 * Words that signal each issue, from LABELING.md and DOMAIN.md. They feed the model as features (so rare
 * words seen in few training texts still count) and, alone, form the keyword baseline the model must beat.
 * Regular expressions over normalized text (see normalize.ts).
 */
export const ISSUE_LEXICON: Record<IssueCode, RegExp> = {
  'quality.spoiled': /变质|发霉|霉了|长毛|馊|坏了|坏的|烂了|烂的|腐烂|不新鲜|过期|发臭|臭了|酸了|拉肚子|腹泻|肚子疼|肚子痛|呕吐|吐了|食物中毒|吃坏/,
  'quality.odor': /异味|怪味|有股.{0,3}味|臭味|味道怪|一股味|哈喇味|腥/,
  'quality.foreign_object': /异物|头发|毛发|虫子|虫|苍蝇|蟑螂|钢丝|铁丝|石子|沙子|塑料|玻璃|指甲|创可贴/,
  'quality.undercooked': /没熟|不熟|夹生|生的|半生|没煮熟|没烤熟|带血/,
  'quality.taste': /太辣|不辣|太咸|咸死|太甜|不甜|太酸|太油|油腻|难吃|不好吃|味道一般|没味道|没有味道|口感差|口感不好|太硬|太软|肥肉|涩|寡淡|淡而无味|齁/,
  'quality.short_weight': /份量|分量|量少|量太少|缺斤少两|个头小|个头太小|太小|少得可怜|不够吃|米饭少|斤两|缺斤/,
  'quality.packaging': /包装破|包装差|包装太差|盒子破|餐盒破|漏了|漏汤|洒了|撒了|渗漏|包装简陋/,
  'quality.appearance': /外观|卖相|歪瓜裂枣|以次充好|参差不齐|与图片不符|和图片不符|跟图片|磕碰|有疤|黑斑/,
  'delivery.late': /慢|晚|超时|延迟|等了|迟到|小时才|分钟才|半天|才送到|才到|太久|不准时/,
  'delivery.wrong_item': /送错|错送|拿错|不是我点的|送到别/,
  'delivery.missing_item': /漏送|少送|没送|少了一|没有送|没给|忘了放|缺了|餐具|筷子|纸巾|赠品/,
  'delivery.cold_chain': /凉了|冷了|不热|不烫|化了|化冻|解冻|融化|温的|常温/,
  'delivery.transit_damage': /压扁|压坏|压烂|碰坏|摔|运输|路上|破损/,
  'delivery.courier': /骑手|送餐员|快递员|配送员|外卖员|小哥|送餐的|不送上楼|自己下楼|下楼拿/,
  'service.attitude': /态度差|态度不好|态度恶劣|态度极差|服务态度|挂电话|骂人|不耐烦/,
  'service.slow_response': /打不通|没人接|无人接听|不回复|不理|关机|联系不上|催单|催了/,
  'service.refund': /退款|退钱|不退|售后|退货/,
  'service.request_ignored': /备注|叮嘱|说了不要|要求了|特意说|不要辣|不放葱|不要香菜/,
  'other.price': /贵|不值|性价比|价格|太坑|坑人/,
  'other.promotion': /优惠|满减|活动|红包|发票|代金券|折扣|返券/,
  'other.unspecified': /差评|不会再买|一般般|^差$|^不好$|^一般$/,
};

/**
 * Health-risk signals (LABELING.md "food_safety"), by kind: each kind is a model feature of its own, and any hit
 * lowers the bar the food-safety score must clear (recall first — a missed case is the costliest error). Words
 * used figuratively or for harmless defects are excluded where the context says so: 饿坏了, 车坏了, 压坏/磕坏
 * (bruised fruit is appearance, not rot), 煮烂/嚼不烂 (texture), 豆腐/腐竹, 黑心商家, 毛肚/毛血旺.
 */
const NUM = '[0-9一二两三四五六七八九十几半]';
export const FOOD_SAFETY_KINDS: Record<string, RegExp> = {
  rot: new RegExp(
    [
      '变质|发霉|霉|长毛|发毛|白毛|馊|腐烂|腐败|腐臭|(?<!豆)腐(?![竹乳])',
      `(?<!饿|颠|磕|硌|压|撞|碰|摔|挤|泡|车|苦|气|累|急|弄|搞|损|破|导航|盒也)坏(了|的|掉|果|点|心|芯|肚|${NUM}|得|成|啦)|有.{0,2}坏|坏成|(全|都|中间|底部|局部|大部分|一半)坏`,
      `(?<!煮|泡|石|饭太|菜都|饺子都|炖|焖|熬|嚼不|破|挤|压|摔|撞|碰|磕|很|太|最|真|够|多)烂(了|的|掉|果|心|芯|点|成|完|货|水果|苹果|底|皮|伤|味|菜|${NUM})|有.{0,2}烂|又烂|烂烂|(都|全|大部分|一半|有些|有点|几个)烂`,
      '发臭|臭了|臭的|臭味|恶臭|腥臭|发黑|变黑|黑芯|黑心的|里面.{0,4}黑|心.{0,2}黑(?!商)|全黑|黑了|黑斑|变色|死虾|(?<!有)味了|变味|发酸|(粥|汤|饭|菜|饼|肉|汁|卷).{0,3}酸了',
    ].join('|'),
  ),
  foreign: /异物|头发|毛发|有毛|(鸡|猪|鸭)毛|都是毛|好多毛|带毛|虫|苍蝇|蟑螂|小强|蚂蚁|蚊子|蛆|钢丝|铁丝|别针|订书钉|石子|石头|沙子|有沙|泥块|玻璃|吃到塑料|塑料(线|纸|片|丝|皮)|有塑料|塑胶|蛋壳|瓜子(皮|壳)|烟头|小票|一张纸|纸在|清洁球|锡纸|打蜡|打腊|的蜡|的腊|牙碜|没洗干净|不干净|太脏|好脏|老鼠|不该有/,
  illness: /拉肚子|闹肚|拉稀|腹泻|肚子疼|肚子痛|肚子.{0,2}(难受|不舒服)|胃疼|胃痛|胃难受|上了.次厕所|呕吐|(?<!快|要|想|都|恶心)吐了|吐出来|上吐下泻|反胃|中毒|吃坏|坏肚子|拉了.{0,2}(晚上|天|次)|拉一|头晕|过敏|医院|不舒服/,
  expired: /过期|保质期|保鲜期|生产日期/,
  // raw meat only: unripe fruit (没熟, 生的) is a taste complaint and half-raw vegetables or rice are not a health risk (LABELING.md)
  raw: /(肉|鸡|鸭|猪|牛|羊|排骨|蹄|翅|腿|肠|虾|鱼|蛋|饺子|包子|馄饨|丸).{0,4}(没熟|不熟|没煮熟|没炒熟|没烤熟|没有熟|是生的|半生|半熟)|带血|全是血|血水|生肉/,
  chemical: /药味|农药|地沟油|汽油|化学|塑化剂|有毒|致癌/,
};
export const FOOD_SAFETY_LEXICON = new RegExp(Object.values(FOOD_SAFETY_KINDS).map((re) => re.source).join('|'));

/**
 * Health-risk words precise enough to decide alone (each kind ≥ 0.89 precision over the training labels): mould and
 * rot words, illness after eating, unmistakable foreign objects. Every hit is also a FOOD_SAFETY_LEXICON hit.
 */
export const FOOD_SAFETY_DEFINITE = /发霉|霉了|长毛|馊|变质|过期|腐烂|发臭|臭了|拉肚子|闹肚|拉稀|腹泻|肚子疼|肚子痛|胃疼|胃痛|呕吐|食物中毒|吃坏|坏肚子|上吐下泻|头发|毛发|苍蝇|蟑螂|小强|钢丝|铁丝|别针|订书钉|玻璃|蛆|烟头|蚊子|虫子/;

/** Weaker hints of a health risk (a feature for the model, not a lower bar): leftovers, "can this be eaten?", something eaten out of it. */
export const FOOD_SAFETY_WEAK = /没熟|不熟|生的|剩的|隔夜|不能吃|能吃吗|能食用吗|没法吃|不敢吃|吃不得|(咬|啃)的|吃出|喝出|不新鲜|有味道|味道不对|怪味|异味/;

/**
 * Anger (LABELING.md "angry"): insults, swearing, 垃圾/恶心/骗/气死/再也不, threats to expose or report. A hit makes
 * the customer angry whatever the model says, so only words that mark anger nearly always in the labels (≥ 0.9) are here.
 */
export const ANGER_LEXICON = /垃圾|恶心|骗子|骗人|气死|再也不|曝光|举报|滚|妈的|他妈|tm|shit|奸商/;

/** Words often but not always angry in the labels (无语 0.23, 差劲 0.42, 坑人 0.48, 投诉 0.74 …): a model feature only. */
export const ANGER_WEAK = /投诉|差劲|无语|坑爹|坑人|黑心|良心/;
