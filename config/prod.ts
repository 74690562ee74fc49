import type { UserConfigExport } from '@tarojs/cli';

/** `npm run build:weapp|h5`: minified output (the main-package budget is measured on it). */
export default {
  terser: { enable: true },
  csso: { enable: true },
  mini: { minifyXML: { collapseWhitespace: true } },
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
