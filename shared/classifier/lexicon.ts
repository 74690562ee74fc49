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

/** Health-risk signals (LABELING.md "food_safety"): tuned for recall — a missed case is the costliest error. */
export const FOOD_SAFETY_LEXICON = new RegExp(
  [
    // rot and mould (坏/烂 in figurative use — 饿坏了, 煮烂了, 海枯石烂, 压坏 — excluded)
    '变质|发霉|霉|长毛|发毛|白毛|馊|腐|(?<!饿|颠|磕|硌|压|撞|碰|摔|导航|盒也|破)坏(了|的|掉|果|点|心)|有.{0,2}坏|坏成',
    '(?<!煮|泡|石|饭太|菜都|饺子都|炖)烂(了|的|掉|果|心|点|成|完|货|水果|苹果)|有烂|又烂|稀烂|烂烂',
    '发臭|臭了|臭的|臭味|发黑|黑斑|过期|死虾|不能吃|能吃吗|能食用吗|没法吃了',
    // foreign objects
    '异物|头发|毛发|有毛|虫|苍蝇|蟑螂|小强|蚂蚁|钢丝|铁丝|别针|订书钉|石子|沙子|泥块|玻璃|吃到塑料|塑料线|有塑料|没洗干净',
    // illness after eating
    '拉肚子|闹肚|拉稀|腹泻|肚子疼|肚子痛|胃疼|胃难受|上了.次厕所|呕吐|吐了|中毒|吃坏',
    // raw meat
    '没熟|不熟|没煮熟|没炒熟|没烤熟|(?<!半|夹)生的(?!特别绿)|带血|剩的|隔夜',
  ].join('|'),
);

/** Anger (LABELING.md "angry"): insults, swearing, threats to complain or expose. */
export const ANGER_LEXICON = /垃圾|恶心|骗子|骗人|坑人|气死|再也不|投诉|曝光|举报|差劲|太差劲|无语|坑爹|滚|妈的|他妈|tm|shit|黑心|奸商|良心/;
