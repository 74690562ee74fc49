import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { dotenvParse } from '@tarojs/helper';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
/** `shared/` lives outside the sourceRoot but is TypeScript: let babel compile it too. */
const sharedSources = [path.join(root, 'shared')];

/** NutUI React Taro is drawn on a 375 px design; our own styles on Taro's default 750. */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file;
  return typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

/**
 * `taro build --type h5 --mode web` (npm run build:web): the browser build for a deployed CloudBase environment,
 * settings from `.env.web` (+ `.env.web.local`), output in dist/web/ so dist/h5/ (served by the local cloud) stays
 * the development build. Without an environment id such a build would silently talk to a local cloud: refused.
 */
function outputRoot(mode: string): string {
  if (mode !== 'web') return `dist/${process.env.TARO_ENV}`;
  if (process.env.TARO_ENV !== 'h5') throw new Error('--mode web 只用于浏览器构建（--type h5）');
  if (!dotenvParse(root, 'TARO_APP_', 'web').TARO_APP_CLOUDBASE_ENV?.trim()) {
    throw new Error('网页正式版需要 TARO_APP_CLOUDBASE_ENV：在 .env.web（或 .env.web.local）填上云开发环境 ID');
  }
  return 'dist/web';
}

// https://docs.taro.zone/docs/next/config
export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'kousu-complaints',
    date: '2026-11-22',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    outputRoot: outputRoot(mode),
    plugins: [],
    // Same aliases as tsconfig.json.
    alias: {
      '@shared': path.join(root, 'shared'),
      '@': path.join(root, 'miniprogram'),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: sharedSources },
      // Styles are scoped by class name, so the order of extracted chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Inline only tiny images; the tab-bar PNGs are copied as files.
      imageUrlLoaderOption: { limit: 2048 },
    },
    h5: {
      compile: { include: sharedSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      // Run NutUI's styles through pxtransform too, so both design widths scale the same way.
      esnextModules: ['nutui-react'],
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig);
});
