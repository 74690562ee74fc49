/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.jpg' {
  const src: string;
  export default src;
}
declare module '*.svg' {
  const src: string;
  export default src;
}
declare module '*.scss';
declare module '*.css';

// Deep imports of single NutUI components (keeps each page's bundle to what it uses).
declare module '@nutui/nutui-react-taro/dist/es/packages/*/style/css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time. */
    TARO_ENV: string;
    /** From .env.development / .env.production. */
    TARO_APP_CLOUD_ENV?: string;
    TARO_APP_API_BASE?: string;
    TARO_APP_SUBSCRIBE_TEMPLATES?: string;
  }
}
