import { QR_PAGE, type GeneratedQrCode, type QrCodeItem } from '@shared/api/functions/admin';
import { AppError } from '@shared/api/envelope';
import { parseScene, type BatchDoc, type ProductDoc, type StoreDoc } from '@shared/catalog/model';
import { cloud } from '../../_server/cloud';
import { collection, getById, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

/** Server-side queries return at most 1000 documents; the catalogue stays well below that. */
const MAX = 1000;

function batchLabel(batch: BatchDoc, product?: ProductDoc): string {
  return product ? `${product.name} ${product.spec} · 批次 ${batch.batchNo}` : `批次 ${batch.batchNo}`;
}

/** Every printable code: package codes per batch and in-store codes per store. */
export async function listQrCodes(input: { kind?: 'package' | 'store' }): Promise<{ items: QrCodeItem[] }> {
  const wantPackages = input.kind !== 'store';
  const wantStores = input.kind !== 'package';
  const none = Promise.resolve([]);
  const [batches, products, stores] = await Promise.all([
    wantPackages ? rows<BatchDoc>(collection('batches').orderBy('_id', 'asc').limit(MAX)) : none,
    wantPackages ? rows<ProductDoc>(collection('products').limit(MAX)) : none,
    wantStores ? rows<StoreDoc>(collection('stores').orderBy('_id', 'asc').limit(MAX)) : none,
  ]);
  const productById = new Map(products.map((p) => [p._id, p]));
  const items: QrCodeItem[] = [
    ...batches.map((b) => ({
      scene: b.scene,
      kind: 'package' as const,
      label: batchLabel(b, productById.get(b.productId)),
      page: QR_PAGE,
      productId: b.productId,
      batchId: b._id,
      ...(b.qrFileId ? { fileId: b.qrFileId } : {}),
    })),
    ...stores.map((s) => ({
      scene: s.scene,
      kind: 'store' as const,
      label: `${s.name}（${s.city}${s.district}）`,
      page: QR_PAGE,
      storeId: s._id,
      ...(s.qrFileId ? { fileId: s.qrFileId } : {}),
    })),
  ];
  return { items };
}

/**
 * Make the mini-program code for a batch or store through WeChat's `wxacode.getUnlimited` (codes are
 * generated ahead and stored — the API allows 5000 calls a minute), keep the PNG in cloud storage and
 * remember its fileID on the batch or store.
 */
export async function generateQrCode(input: { scene: string }, _ctx: ActionContext): Promise<GeneratedQrCode> {
  const target = parseScene(input.scene);
  const owner = target?.kind === 'package' ? 'batches' : 'stores';
  const doc = target && (await getById<BatchDoc | StoreDoc>(owner, target.kind === 'package' ? target.batchId : target.storeId));
  if (!doc || doc.scene !== input.scene) throw new AppError('NOT_FOUND', '没有找到这个二维码对应的批次或门店');

  const code = (await cloud.openapi.wxacode.getUnlimited({
    scene: input.scene,
    page: QR_PAGE,
    checkPath: false,
    envVersion: process.env.WX_QR_ENV_VERSION || 'release',
    width: 430,
  })) as { buffer: Buffer; contentType: string };

  const cloudPath = `qrcodes/${input.scene.replace(/[^A-Za-z0-9_-]/g, '_')}.png`;
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: code.buffer });
  await collection(owner).doc(doc._id).update({ data: { qrFileId: fileID } });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> };
  return { scene: input.scene, page: QR_PAGE, fileId: fileID, url: fileList[0].tempFileURL, bytes: code.buffer.length };
}
