import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** Wide enough for the list and the ticket side by side: the browser build on a PC (CSS pixels). */
export const WIDE_MIN_PX = 960;

function width(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth;
  } catch {
    return 375;
  }
}

export function useWide(): boolean {
  const [wide, setWide] = useState(() => width() >= WIDE_MIN_PX);
  useEffect(() => {
    // Only a browser window changes width while a page is open.
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
    const onResize = () => setWide(window.innerWidth >= WIDE_MIN_PX);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return wide;
}
