import type { UserConfigExport } from '@tarojs/cli';

/** `npm run dev:weapp` (watch): readable output, no minification. */
export default {
  logger: { quiet: false, stats: true },
  mini: { minifyXML: { collapseWhitespace: false } },
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
