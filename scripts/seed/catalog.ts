import { packageScene, storeScene, type BatchDoc, type ProductDoc, type StoreDoc } from '../../shared/catalog/model';
import { chinaDate } from '../../shared/time/clock';

const DAY_MS = 86_400_000;

interface ProductSeed extends ProductDoc {
  /** Prefix of this product's batch ids (`LC` → `LC-20261101`). */
  batchCode: string;
  factory: string;
  /** Production dates of its batches, in days before `now`, oldest first. */
  batchesDaysAgo: number[];
}

/**
 * The company's range. Shelf lives: cured meat kept chilled 180 days, hotpot base and 冷吃兔 at room temperature,
 * frozen dumplings and sweets 180–270 days at −18 °C, fruit about 10 days.
 * 川味腊肠's batch made 21 days before `now` is `LC-20261101` when `now` is 2026-11-22 (DOMAIN.md's surge example).
 */
const PRODUCTS: ProductSeed[] = [
  {
    _id: 'sausage-classic', name: '川味腊肠', spec: '500g（约10根）', line: 'cured', storage: 'chilled', shelfLifeDays: 180,
    spiceLevel: 2, spiceNote: '微辣，花椒香为主，适合不太能吃辣的朋友', priceFen: 4980,
    tagline: '眉山土猪后腿肉，柏枝果木慢熏 30 天', batchCode: 'LC', factory: '眉山东坡工厂', batchesDaysAgo: [200, 52, 21, 6],
  },
  {
    _id: 'sausage-mala', name: '麻辣腊肠', spec: '500g（约10根）', line: 'cured', storage: 'chilled', shelfLifeDays: 180,
    spiceLevel: 4, spiceNote: '重辣带麻，汉源花椒配二荆条辣椒，能吃辣的朋友首选', priceFen: 5280,
    tagline: '蒸熟切片就是下酒菜', batchCode: 'MLC', factory: '眉山东坡工厂', batchesDaysAgo: [45, 14],
  },
  {
    _id: 'bacon-smoked', name: '烟熏腊肉', spec: '500g', line: 'cured', storage: 'chilled', shelfLifeDays: 180,
    spiceLevel: 1, spiceNote: '不辣，只有烟熏咸香，老人小孩都能吃', priceFen: 6880,
    tagline: '五花三层，炒蒜苗最香', batchCode: 'LR', factory: '眉山东坡工厂', batchesDaysAgo: [60, 25, 9],
  },
  {
    _id: 'hotpot-beef-tallow', name: '牛油火锅底料', spec: '400g（4小块）', line: 'hotpot', storage: 'ambient', shelfLifeDays: 365,
    spiceLevel: 5, spiceNote: '特辣，重庆老火锅的麻辣厚重；不太能吃辣的话一锅只放半块', priceFen: 3280,
    tagline: '郫县豆瓣加牛油手工炒制 8 小时', batchCode: 'NY', factory: '成都郫都工厂', batchesDaysAgo: [120, 33],
  },
  {
    _id: 'hotpot-clear-oil', name: '清油火锅底料', spec: '400g（4小块）', line: 'hotpot', storage: 'ambient', shelfLifeDays: 365,
    spiceLevel: 4, spiceNote: '中辣偏重，菜籽油底子更清爽，吃完不糊嘴', priceFen: 2980,
    tagline: '川西菜籽油炒制，成都人家常的那一锅', batchCode: 'QY', factory: '成都郫都工厂', batchesDaysAgo: [95, 40],
  },
  {
    _id: 'dumpling-zhong', name: '钟水饺（猪肉馅）', spec: '600g（约40只，附红油复制酱油）', line: 'frozen', storage: 'frozen', shelfLifeDays: 180,
    spiceLevel: 3, spiceNote: '中辣，红油甜香带辣；少放红油就是微辣', priceFen: 3680,
    tagline: '皮薄馅嫩，一口成都老味道', batchCode: 'SJ', factory: '成都温江工厂', batchesDaysAgo: [70, 28, 11],
  },
  {
    _id: 'dumpling-cabbage', name: '猪肉白菜冷冻水饺', spec: '1kg（约60只）', line: 'frozen', storage: 'frozen', shelfLifeDays: 180,
    spiceLevel: 1, spiceNote: '不辣，清淡家常口味', priceFen: 3280,
    tagline: '早餐煮一盘，十分钟上桌', batchCode: 'BC', factory: '成都温江工厂', batchesDaysAgo: [50, 18],
  },
  {
    _id: 'tangyuan-sesame', name: '宁波风味黑芝麻汤圆', spec: '500g（约25只）', line: 'frozen', storage: 'frozen', shelfLifeDays: 270,
    spiceLevel: 1, spiceNote: '不辣，香甜软糯', priceFen: 1880,
    tagline: '黑芝麻猪油馅，一咬就流心', batchCode: 'TY', factory: '成都温江工厂', batchesDaysAgo: [80, 30],
  },
  {
    _id: 'ciba-brown-sugar', name: '红糖糍粑', spec: '300g（10块，附红糖浆）', line: 'frozen', storage: 'frozen', shelfLifeDays: 270,
    spiceLevel: 1, spiceNote: '不辣，油炸后外脆里糯，淋红糖浆吃', priceFen: 2280,
    tagline: '火锅店同款饭后甜点', batchCode: 'CB', factory: '成都温江工厂', batchesDaysAgo: [65, 20],
  },
  {
    _id: 'rabbit-cold-spicy', name: '自贡冷吃兔', spec: '200g', line: 'cured', storage: 'ambient', shelfLifeDays: 180,
    spiceLevel: 5, spiceNote: '特辣，自贡小米辣和花椒重油炒制，辣味后劲足', priceFen: 3980,
    tagline: '开袋即食的自贡盐帮菜', batchCode: 'LCT', factory: '自贡工厂', batchesDaysAgo: [90, 35, 12],
  },
  {
    _id: 'mango-panzhihua', name: '攀枝花凯特芒果', spec: '2.5kg 礼盒（6–8个）', line: 'fresh', storage: 'ambient', shelfLifeDays: 10,
    spiceLevel: 1, spiceNote: '不辣，水果', priceFen: 8800,
    tagline: '攀枝花晚熟芒果，树上挂足才摘', batchCode: 'MG', factory: '攀枝花仁和基地', batchesDaysAgo: [17, 8, 3],
  },
];

export function buildProducts(): ProductDoc[] {
  return PRODUCTS.map(({ batchCode: _code, factory: _factory, batchesDaysAgo: _batches, ...product }) => product);
}

/** `YYYY-MM-DD` plus whole days, on the calendar (no time zone involved). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function buildBatches(now: Date): BatchDoc[] {
  return PRODUCTS.flatMap((product) =>
    product.batchesDaysAgo.map((daysAgo) => {
      const productionDate = chinaDate(now.getTime() - daysAgo * DAY_MS);
      const batchNo = productionDate.replaceAll('-', '');
      const batchId = `${product.batchCode}-${batchNo}`;
      return {
        _id: batchId,
        productId: product._id,
        batchNo,
        productionDate,
        expiryDate: addDays(productionDate, product.shelfLifeDays),
        factory: product.factory,
        scene: packageScene(batchId),
      };
    }),
  );
}

const STORES: Array<Omit<StoreDoc, 'scene'>> = [
  { _id: 'CD01', name: '成都春熙路店', city: '成都', district: '锦江区', address: '四川省成都市锦江区春熙路南段8号1楼', region: '成都片区' },
  { _id: 'CD02', name: '成都高新店', city: '成都', district: '高新区', address: '四川省成都市高新区天府大道中段1268号天府软件园E区底商', region: '成都片区' },
  { _id: 'CQ01', name: '重庆解放碑店', city: '重庆', district: '渝中区', address: '重庆市渝中区民族路166号', region: '重庆片区' },
  { _id: 'CQ02', name: '重庆观音桥店', city: '重庆', district: '江北区', address: '重庆市江北区建新北路58号', region: '重庆片区' },
  { _id: 'MY01', name: '绵阳涪城店', city: '绵阳', district: '涪城区', address: '四川省绵阳市涪城区临园路东段36号', region: '川北片区' },
  { _id: 'LS01', name: '乐山嘉定店', city: '乐山', district: '市中区', address: '四川省乐山市市中区嘉定中路118号', region: '川南片区' },
];

export function buildStores(): StoreDoc[] {
  return STORES.map((store) => ({ ...store, scene: storeScene(store._id) }));
}

export const productById = (id: string): ProductDoc => {
  const product = PRODUCTS.find((p) => p._id === id);
  if (!product) throw new Error(`unknown demo product ${id}`);
  return product;
};
