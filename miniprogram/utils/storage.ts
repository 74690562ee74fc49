import Taro from '@tarojs/taro';

/**
 * Taro storage (wx storage in WeChat, localStorage in the browser) that never throws: a full or disabled
 * store only means the value is not remembered, which must never break the page that asked.
 */
export function readStored<T>(key: string): T | undefined {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined || value === null ? undefined : value;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    /* not remembered */
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    /* nothing to do */
  }
}
