import type { ProductView, SceneOutput } from '@shared/api/functions/complaint';
import { AppError } from '@shared/api/envelope';
import { parseScene, type BatchDoc, type ProductDoc, type StoreDoc } from '@shared/catalog/model';
import { chinaDate } from '@shared/time/clock';
import { getById } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';

const UNKNOWN_SCENE = '这个二维码不是我们的商品或门店码，您可以直接填写投诉';

export function productView(product: ProductDoc): ProductView {
  const { _id, name, spec, spiceLevel, spiceNote, tagline, storage } = product;
  return { productId: _id, name, spec, spiceLevel, spiceNote, tagline, storage };
}

/** What a scanned package or store code points at, so the form can be pre-filled. */
export async function resolveScene(input: { scene: string }, ctx: ActionContext): Promise<SceneOutput> {
  const target = parseScene(input.scene);
  if (!target) throw new AppError('NOT_FOUND', UNKNOWN_SCENE);

  if (target.kind === 'store') {
    const store = await getById<StoreDoc>('stores', target.storeId);
    if (!store) throw new AppError('NOT_FOUND', UNKNOWN_SCENE);
    const { _id, name, city, district, address } = store;
    return { kind: 'store', scene: input.scene, store: { storeId: _id, name, city, district, address } };
  }

  const batch = await getById<BatchDoc>('batches', target.batchId);
  const product = batch && (await getById<ProductDoc>('products', batch.productId));
  if (!batch || !product) throw new AppError('NOT_FOUND', UNKNOWN_SCENE);
  const { _id, batchNo, productionDate, expiryDate, factory } = batch;
  return {
    kind: 'package',
    scene: input.scene,
    product: productView(product),
    batch: { batchId: _id, batchNo, productionDate, expiryDate, factory, expired: expiryDate < chinaDate(ctx.now()) },
  };
}
