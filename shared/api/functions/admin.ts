import * as z from 'zod/mini';
import { ADMINS, LEADS } from '../../auth/roles';
import { action } from '../action';
import { pingInput, sceneSchema, type PingOutput } from '../common';

export interface QrCodeItem {
  scene: string;
  kind: 'package' | 'store';
  /** What a person reads on the label: `川味腊肠 500g · 批次 20261101` or the store name. */
  label: string;
  /** Mini-program page the code opens (no leading slash, as WeChat wants it). */
  page: string;
  productId?: string;
  batchId?: string;
  storeId?: string;
  /** fileID of the generated image, when generated. */
  fileId?: string;
}

export interface GeneratedQrCode {
  scene: string;
  page: string;
  fileId: string;
  /** Temporary download URL of the PNG. */
  url: string;
  bytes: number;
}

/** The page a QR code opens: the complaint tab, which reads `scene`. */
export const QR_PAGE = 'pages/complaint/index';

export const admin = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: ADMINS, errors: [] }),
  listQrCodes: action<{ items: QrCodeItem[] }>()({
    summary: '所有包装批次与门店的二维码',
    input: z.strictObject({ kind: z.optional(z.enum(['package', 'store'], { error: '类型只能是 package 或 store' })) }),
    roles: [...LEADS],
    errors: [],
  }),
  generateQrCode: action<GeneratedQrCode>()({
    summary: '为一个批次或门店生成小程序码（PNG 存入云存储）',
    input: z.strictObject({ scene: sceneSchema }),
    roles: ADMINS,
    errors: ['NOT_FOUND'],
  }),
} as const;
