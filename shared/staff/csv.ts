import { DEPARTMENT_LABELS, type DepartmentCode } from '../auth/roles';
import { STATUS_LABELS } from '../complaint/lifecycle';
import { CATEGORY_LABELS, LEVEL_LABELS, type Category, type Channel, type ComplaintStatus, type Level } from '../complaint/model';
import { toIso } from '../time/clock';

/** Excel opens a UTF-8 CSV as GBK unless it starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

export const CHANNEL_LABELS: Record<Channel, string> = {
  miniprogram: '小程序',
  qr_package: '包装扫码',
  qr_store: '门店扫码',
  web: '网页',
  phone: '电话',
  order: '订单',
};

/** The fields of a complaint the export reads: a projection without the encrypted phone or the customer id. */
export interface ExportRow {
  ticketNo: string;
  createdAt: Date;
  channel: Channel;
  category: Category;
  subcategory: string;
  level: Level;
  department: DepartmentCode;
  status: ComplaintStatus;
  assigneeName?: string;
  foodSafety: boolean;
  productName?: string;
  batchNo?: string;
  storeName?: string;
  region?: string;
  orderNo?: string;
  contactPhoneMasked: string;
  description: string;
  sla: { firstResponseDueAt: Date; firstRespondedAt?: Date; resolveDueAt?: Date };
  resolvedAt?: Date;
  compensation?: { summary: string; statusLabel?: string };
  rating?: { stars: number; nps?: number };
}

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / carriage return) as a formula: a complaint text
 * like `=HYPERLINK(...)` would run when a manager opens the file. Such cells get a leading apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly unknown[]) => cells.map(csvCell).join(',');

const time = (d?: Date) => (d ? toIso(d).slice(0, 16).replace('T', ' ') : '');

/** Column headers (Chinese, for the people opening the file) and how each is read from a row. */
const COLUMNS: Array<[string, (r: ExportRow, sub: (r: ExportRow) => string) => unknown]> = [
  ['工单号', (r) => r.ticketNo],
  ['提交时间', (r) => time(r.createdAt)],
  ['渠道', (r) => CHANNEL_LABELS[r.channel] ?? r.channel],
  ['类别', (r) => CATEGORY_LABELS[r.category] ?? r.category],
  ['细类', (r, sub) => sub(r)],
  ['等级', (r) => `${r.level} ${LEVEL_LABELS[r.level] ?? ''}`.trim()],
  ['负责部门', (r) => DEPARTMENT_LABELS[r.department] ?? r.department],
  ['状态', (r) => STATUS_LABELS[r.status] ?? r.status],
  ['负责人', (r) => r.assigneeName],
  ['食品安全', (r) => (r.foodSafety ? '是' : '否')],
  ['商品', (r) => r.productName],
  ['批次', (r) => r.batchNo],
  ['门店', (r) => r.storeName],
  ['片区', (r) => r.region],
  ['订单号', (r) => r.orderNo],
  ['联系电话（打码）', (r) => r.contactPhoneMasked],
  ['首次响应时限', (r) => time(r.sla.firstResponseDueAt)],
  ['首次响应时间', (r) => time(r.sla.firstRespondedAt)],
  ['首次响应达标', (r) => (r.sla.firstRespondedAt ? (r.sla.firstRespondedAt <= r.sla.firstResponseDueAt ? '是' : '否') : '')],
  ['解决时限', (r) => time(r.sla.resolveDueAt)],
  ['解决时间', (r) => time(r.resolvedAt)],
  ['补偿', (r) => (r.compensation ? `${r.compensation.summary}${r.compensation.statusLabel ? `（${r.compensation.statusLabel}）` : ''}` : '')],
  ['满意度（星）', (r) => r.rating?.stars],
  ['推荐意愿（0–10）', (r) => r.rating?.nps],
  ['问题描述', (r) => r.description.replace(/\s+/g, ' ')],
];

export const EXPORT_HEADERS = COLUMNS.map(([h]) => h);

/**
 * The filtered complaints as CSV for Excel: BOM, Chinese headers, CRLF line ends, masked phones only (the
 * projection never carries a full number), formula-looking cells neutralised.
 */
export function complaintsCsv(rows: readonly ExportRow[], subcategoryLabel: (category: string, sub: string) => string): string {
  const sub = (r: ExportRow) => subcategoryLabel(r.category, r.subcategory);
  const lines = [csvLine(EXPORT_HEADERS), ...rows.map((r) => csvLine(COLUMNS.map(([, read]) => read(r, sub))))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** `投诉导出_2026-11-01_2026-11-22.csv` */
export const exportFilename = (from: string, to: string) => `投诉导出_${from}_${to}.csv`;
