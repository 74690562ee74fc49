/**
 * Terms of a Chinese complaint text, for similar-case search and keywords. Pure: the caller hands in the word
 * segmenter (jieba on the server, `_server/segment.ts`), so this module stays free of platform code and tests can
 * use any segmenter.
 */
import { normalizeText } from '../classifier/normalize';

/** Splits normalised text into words (jieba's `cut` with HMM for unknown words). */
export type Segmenter = (text: string) => string[];

/**
 * Words that say nothing about the problem: particles, pronouns, filler verbs and the politeness every complaint
 * carries. Kept short on purpose — IDF weighting handles the rest.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 我 你 他 她 它 们 我们 你们 他们 这 那 这个 那个 这些 那些 就 都 也 还 又 再 才 很 太 真 非常 特别 比较 ' +
    '有 没 没有 不 不是 在 和 跟 与 及 或 或者 但 但是 可是 而且 因为 所以 如果 虽然 然后 结果 已经 一直 一下 一个 一些 ' +
    '个 次 点 些 啊 吧 呢 吗 呀 哦 嗯 哈 啦 嘛 么 什么 怎么 为什么 怎么样 这样 那样 还是 就是 只是 只 自己 大家 ' +
    '说 看 想 要 会 能 可以 应该 觉得 感觉 知道 收到 买 购买 下单 东西 商品 产品 店家 商家 客服 你家 贵 公司 ' +
    '请 谢谢 麻烦 希望 给 让 被 把 对 从 到 上 下 里 中 后 前 时 时候 今天 昨天 现在 之前 以后 真的 实在 简直'
  ).split(' '),
);

/** Domain words jieba's general dictionary splits apart; added to the segmenter once per instance. */
export const DOMAIN_WORDS: readonly string[] = [
  '冷链', '冰袋', '化冻', '解冻', '哈喇味', '异味', '发霉', '变质', '异物', '头发', '塑料', '缺斤少两', '份量不足',
  '漏气', '胀袋', '破损', '渗漏', '没熟', '夹生', '麻辣度', '微辣', '中辣', '特辣', '太辣', '太咸', '拉肚子', '食物中毒',
  '过期', '保质期', '生产日期', '腊肠', '腊肉', '香肠', '火锅底料', '钵钵鸡', '冷吃兔', '抄手', '水饺', '汤圆', '退款',
  '补发', '配送', '快递', '延误', '超时', '送错', '漏发', '少发', '包装',
];

const WORD = /[\p{Script=Han}a-z0-9]/u;

/**
 * The terms of one text: segmented, lower-cased, stopwords, punctuation and single characters dropped (a lone
 * Chinese character is too ambiguous to match cases on), in order of appearance with repeats.
 */
export function termsOf(text: string, cut: Segmenter): string[] {
  const out: string[] = [];
  for (const raw of cut(normalizeText(text))) {
    const w = raw.trim().toLowerCase();
    if (w.length < 2 || STOPWORDS.has(w) || !WORD.test(w) || /^\d+$/.test(w)) continue;
    out.push(w);
  }
  return out;
}

/** Term frequencies of one text. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}
