/**
 * Chinese word segmentation for the functions that search or summarise complaint text (jieba through
 * `jieba-wasm`, kept external and pinned like the SDK). Loaded on first use: initialising the dictionary costs
 * ~300 ms, which only the ticket screen's similar cases and the dashboard's keywords should pay, once per instance.
 */
import { DOMAIN_WORDS, type Segmenter, termsOf } from '@shared/text/terms';

let segmenter: Segmenter | undefined;

export function jiebaSegmenter(): Segmenter {
  if (!segmenter) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
    const jieba = require('jieba-wasm') as typeof import('jieba-wasm');
    for (const word of DOMAIN_WORDS) jieba.add_word(word, 2000);
    segmenter = (text) => jieba.cut(text, true);
  }
  return segmenter;
}

/** The search terms of a complaint text (see `termsOf`). */
export function textTerms(text: string): string[] {
  return termsOf(text, jiebaSegmenter());
}
