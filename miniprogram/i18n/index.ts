import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { createStore, useStore } from '../utils/store';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type { MessageKey } from './zh';
export type Lang = 'zh' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'kousu.lang';
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en };

function readLang(): Lang {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage unavailable: Chinese, the default
  }
}

const lang = createStore<Lang>(readLang());

/** `{name}` placeholders filled from params; a missing key falls back to Chinese, then to the key itself. */
export function translate(current: Lang, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[current][key] ?? zh[key] ?? key;
  return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
}

export const getLang = () => lang.get();

export function setLang(next: Lang): void {
  lang.set(next);
  try {
    Taro.setStorageSync(STORAGE_KEY, next);
  } catch {
    /* kept for this session only */
  }
}

/** The current language and its `t()`; every customer page re-renders when the switch is flipped. */
export function useI18n(): { lang: Lang; t: Translate; setLang: (next: Lang) => void } {
  const current = useStore(lang);
  const t = useCallback<Translate>((key, params) => translate(current, key, params), [current]);
  return { lang: current, t, setLang };
}
