import QRCode from 'qrcode';
import { WX, wxError, type WxJson } from './errors';

/** WeChat's scene charset and length (WECHAT.md). */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[\w-]+(\/[\w-]+)*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export interface WxacodeDeps {
  /** The browser build's URL of a page opened with a scene: what the local QR code encodes. */
  pageUrl(page: string, scene: string): string;
  /** Pages of the mini-program, for `check_path` (default true); without a list every well-formed page passes. */
  pages?: readonly string[];
  /** The page opened when `page` is omitted (WeChat opens the home page). */
  homePage?: string;
}

export type WxacodeResult = { ok: true; png: Buffer } | { ok: false; error: WxJson };

const fail = (errcode: number, errmsg: string): WxacodeResult => ({ ok: false, error: wxError(errcode, errmsg) });

interface Rgb {
  r: number;
  g: number;
  b: number;
}

const hex = (n: unknown) => Math.max(0, Math.min(255, Math.round(Number(n) || 0))).toString(16).padStart(2, '0');
const isRgb = (c: unknown): c is Rgb => typeof c === 'object' && c !== null && ['r', 'g', 'b'].every((k) => k in c);

/**
 * `wxacode.getUnlimited`: the same checks as WeChat, and a real PNG. WeChat draws a round mini-program code that only
 * WeChat can scan; locally it is a QR code of the browser build's URL, so a phone camera or a test can follow it.
 */
export async function getUnlimited(req: Record<string, unknown>, deps: WxacodeDeps): Promise<WxacodeResult> {
  const { scene, page = deps.homePage ?? 'pages/index/index', width = 430, check_path: checkPath = true, env_version: envVersion = 'release' } = req;
  if (typeof scene !== 'string' || !SCENE.test(scene)) {
    return fail(WX.INVALID_SCENE, 'invalid scene: at most 32 visible characters from [0-9a-zA-Z!#$&\'()*+,/:;=?@-._~]');
  }
  if (typeof page !== 'string' || !PAGE.test(page)) {
    return fail(WX.INVALID_PAGE, 'invalid page: a page path without leading "/" and without a query');
  }
  if (checkPath !== false && deps.pages && !deps.pages.includes(page)) {
    return fail(WX.INVALID_PAGE, `invalid page: ${page} is not a page of the mini-program (pass check_path: false for unreleased pages)`);
  }
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 280 || width > 1280) {
    return fail(WX.INVALID_ARGS, 'invalid args: width must be an integer from 280 to 1280');
  }
  if (typeof checkPath !== 'boolean') return fail(WX.INVALID_ARGS, 'invalid args: check_path must be a boolean');
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) {
    return fail(WX.INVALID_ARGS, `invalid args: env_version must be one of ${ENV_VERSIONS.join('|')}`);
  }

  const dark = !req.auto_color && isRgb(req.line_color) ? `#${hex(req.line_color.r)}${hex(req.line_color.g)}${hex(req.line_color.b)}ff` : '#000000ff';
  const png = await QRCode.toBuffer(deps.pageUrl(page, scene), {
    type: 'png',
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark, light: req.is_hyaline === true ? '#00000000' : '#ffffffff' },
  });
  return { ok: true, png };
}

/**
 * The `pageUrl` for the browser (H5) build served at `origin`: Taro's hash router with `scene` in the query,
 * e.g. `http://127.0.0.1:8787/#/pages/complaint/index?scene=b%3DLC-20261101`.
 */
export const browserPageUrl =
  (origin: string | (() => string)) =>
  (page: string, scene: string): string =>
    `${typeof origin === 'function' ? origin() : origin}/#/${page}?scene=${encodeURIComponent(scene)}`;
