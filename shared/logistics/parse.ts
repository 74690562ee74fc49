import { parse as parseCsvText } from 'csv-parse/sync';
import { fieldLabel, readOrder, readReading, readShipment, ROW_FIELDS, type ImportKind, type OrderRow, type ReadingRow, type RowError, type ShipmentRow } from './rows';

/** Everything one import or push carries, validated. Applied in this order: orders, shipments, readings. */
export interface LogisticsBatch {
  orders: Array<OrderRow & { where: string }>;
  shipments: Array<ShipmentRow & { where: string }>;
  readings: Array<ReadingRow & { where: string }>;
}

export type ParseResult = { ok: true; batch: LogisticsBatch } | { ok: false; errors: RowError[] };

/** Rows per import: a long trip has ~300 readings at 10 minutes, so this is hundreds of shipments. */
export const MAX_ROWS = 200_000;
/** Messages kept for the person fixing the file: the first ones, plus a count of the rest. */
export const MAX_LISTED_ERRORS = 20;

const emptyBatch = (): LogisticsBatch => ({ orders: [], shipments: [], readings: [] });

/** Chinese column names that spreadsheets exported by people tend to carry, mapped to ours. */
const HEADER_ALIASES: Record<string, string> = Object.fromEntries(
  Object.values(ROW_FIELDS)
    .flat()
    .map((f) => [fieldLabel(f), f]),
);
const normalizeHeader = (h: string) => {
  const t = h.replace(/^\uFEFF/, '').trim();
  return HEADER_ALIASES[t] ?? t;
};

/**
 * A CSV file of one kind: a header row (our field names or their Chinese labels), one record per line.
 * Line numbers in messages are the file's own (header = line 1), what a person sees in a spreadsheet.
 */
export function parseCsv(kind: ImportKind, content: string, now: Date): ParseResult {
  let records: string[][];
  try {
    records = parseCsvText(content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, errors: [{ where: line ? `第 ${line} 行` : '文件', message: 'CSV 格式不正确（引号未闭合或分隔符错误）' }] };
  }
  if (!records.length) return { ok: false, errors: [{ where: '文件', message: '文件是空的' }] };
  const [header, ...rows] = records;
  const columns = header.map(normalizeHeader);
  const missing = ROW_FIELDS[kind].filter((f, i) => i < requiredCount(kind) && !columns.includes(f));
  if (missing.length) return { ok: false, errors: [{ where: '第 1 行', message: `缺少列：${missing.map(fieldLabel).join('、')}` }] };
  const unknown = columns.filter((c) => c && !ROW_FIELDS[kind].includes(c));
  if (unknown.length) return { ok: false, errors: [{ where: '第 1 行', message: `不认识的列：${unknown.join('、')}（${kind === 'readings' ? '温度读数' : kind === 'orders' ? '订单' : '运单'}文件的列见模板）` }] };
  if (rows.length > MAX_ROWS) return { ok: false, errors: [{ where: '文件', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }] };
  if (!rows.length) return { ok: false, errors: [{ where: '文件', message: '文件里没有数据行' }] };
  const raws = rows.map((cells, i) => {
    const raw: Record<string, unknown> = {};
    columns.forEach((c, k) => {
      if (cells[k] !== undefined && cells[k] !== '') raw[c] = cells[k];
    });
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c !== '')) raw['(多余的列)'] = true;
    // csv-parse counts physical lines; with quoted newlines a record may span two, but the start line is what people look for.
    return { raw, where: `第 ${i + 2} 行` };
  });
  return readAll({ [kind]: raws }, now, false);
}

/** Required columns lead ROW_FIELDS: orders 7, shipments 4, readings 4. */
function requiredCount(kind: ImportKind): number {
  return { orders: 7, shipments: 4, readings: 4 }[kind];
}

/**
 * JSON: either an array of rows of one kind, or `{ orders?, shipments?, readings? }` (the push body). A shipment
 * in JSON may carry its own `readings` (`[{ readingId, at, celsius }]`).
 */
export function parseJson(kind: ImportKind | undefined, content: string | unknown, now: Date): ParseResult {
  let value: unknown = content;
  if (typeof content === 'string') {
    try {
      value = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch {
      return { ok: false, errors: [{ where: '文件', message: 'JSON 格式不正确' }] };
    }
  }
  let groups: Partial<Record<ImportKind, unknown>>;
  if (Array.isArray(value)) {
    if (!kind) return { ok: false, errors: [{ where: '请求', message: '请用 { orders, shipments, readings } 的形式提交' }] };
    groups = { [kind]: value };
  } else if (value && typeof value === 'object') {
    groups = value as Record<string, unknown>;
    const unknown = Object.keys(groups).filter((k) => !(k in ROW_FIELDS));
    if (unknown.length) return { ok: false, errors: [{ where: '请求', message: `不认识的字段：${unknown.join('、')}（只能是 orders、shipments、readings）` }] };
  } else return { ok: false, errors: [{ where: '请求', message: '内容须为 JSON 数组或对象' }] };

  const raws: Partial<Record<ImportKind, Array<{ raw: Record<string, unknown>; where: string }>>> = {};
  const errors: RowError[] = [];
  let total = 0;
  for (const k of Object.keys(ROW_FIELDS) as ImportKind[]) {
    const list = groups[k];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.push({ where: k, message: `${k} 须为数组` });
      continue;
    }
    total += list.length;
    raws[k] = list.map((raw, i) => {
      const where = `${k} 第 ${i + 1} 条`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) errors.push({ where, message: '须为对象' });
      return { raw: raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}, where };
    });
  }
  if (errors.length) return { ok: false, errors };
  if (total > MAX_ROWS) return { ok: false, errors: [{ where: '请求', message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` }] };
  if (total === 0) return { ok: false, errors: [{ where: '请求', message: '没有数据' }] };
  return readAll(raws, now, true);
}

function readAll(raws: Partial<Record<ImportKind, Array<{ raw: Record<string, unknown>; where: string }>>>, now: Date, nested: boolean): ParseResult {
  const batch = emptyBatch();
  const errors: RowError[] = [];
  const collect = (where: string, list: Array<{ field?: string; message: string }>) => list.forEach((e) => errors.push({ where, ...e }));

  for (const { raw, where } of raws.orders ?? []) {
    const r = readOrder(raw, now);
    if (r.row) batch.orders.push({ ...r.row, where });
    else collect(where, r.errors);
  }
  for (const { raw, where } of raws.shipments ?? []) {
    const { readings, ...rest } = raw;
    const r = readShipment(nested ? rest : raw, now);
    if (r.row) batch.shipments.push({ ...r.row, where });
    else collect(where, r.errors);
    if (nested && readings !== undefined) {
      if (!Array.isArray(readings)) collect(where, [{ field: 'readings', message: '温度读数须为数组' }]);
      else
        readings.forEach((reading, i) => {
          const w = `${where}的读数第 ${i + 1} 条`;
          const obj = reading && typeof reading === 'object' && !Array.isArray(reading) ? (reading as Record<string, unknown>) : undefined;
          if (!obj) return collect(w, [{ message: '须为对象' }]);
          const rr = readReading({ orderNo: raw.orderNo, ...obj }, now);
          if (rr.row) batch.readings.push({ ...rr.row, where: w });
          else collect(w, rr.errors.filter((e) => e.field !== 'orderNo'));
        });
    }
  }
  for (const { raw, where } of raws.readings ?? []) {
    const r = readReading(raw, now);
    if (r.row) batch.readings.push({ ...r.row, where });
    else collect(where, r.errors);
  }
  errors.push(...duplicates(batch));
  return errors.length ? { ok: false, errors } : { ok: true, batch: dedupe(batch) };
}

const sameTime = (a?: Date, b?: Date) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The same key twice in one batch is fine when both say the same thing (a re-sent line), an error otherwise. */
function duplicates(batch: LogisticsBatch): RowError[] {
  const errors: RowError[] = [];
  const check = <T extends { where: string }>(list: T[], key: (r: T) => string, same: (a: T, b: T) => boolean, what: (r: T) => string) => {
    const seen = new Map<string, T>();
    for (const r of list) {
      const k = key(r);
      const first = seen.get(k);
      if (!first) seen.set(k, r);
      else if (!same(first, r)) errors.push({ where: r.where, message: `${what(r)}与${first.where}重复但内容不同` });
    }
  };
  const strip = <T extends { where: string }>(r: T) => ({ ...r, where: '' });
  check(batch.orders, (r) => r.orderNo, (a, b) => sameJson(strip(a), strip(b)), (r) => `订单 ${r.orderNo} `);
  check(batch.shipments, (r) => r.orderNo, (a, b) => sameJson(strip(a), strip(b)), (r) => `订单 ${r.orderNo} 的运单`);
  check(batch.readings, (r) => `${r.orderNo}\u0000${r.readingId}`, (a, b) => sameTime(a.at, b.at) && a.celsius === b.celsius, (r) => `读数 ${r.readingId}（订单 ${r.orderNo}）`);
  return errors;
}

function dedupe(batch: LogisticsBatch): LogisticsBatch {
  const firstBy = <T>(list: T[], key: (r: T) => string) => [...new Map(list.map((r) => [key(r), r] as const)).values()];
  return {
    orders: firstBy(batch.orders, (r) => r.orderNo),
    shipments: firstBy(batch.shipments, (r) => r.orderNo),
    readings: firstBy(batch.readings, (r) => `${r.orderNo}\u0000${r.readingId}`),
  };
}

/** One line per error, `第 12 行：温度不是数字`. */
export const errorLine = (e: RowError) => `${e.where}：${e.message}`;

/**
 * The INVALID_INPUT answer for a refused batch: a summary message, and the first errors by place
 * (`第 12 行.celsius` → message) plus `more` with how many were left out.
 */
export function rejection(errors: RowError[]): { message: string; fields: Record<string, string>; total: number; listed: RowError[] } {
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  const fields: Record<string, string> = {};
  for (const e of listed) {
    const key = e.field ? `${e.where}.${e.field}` : e.where;
    fields[key] = fields[key] ? `${fields[key]}；${e.message}` : e.message;
  }
  if (errors.length > listed.length) fields.more = `另有 ${errors.length - listed.length} 处错误`;
  const message = `有 ${errors.length} 处数据不正确，本次没有导入任何数据：${listed.slice(0, 3).map(errorLine).join('；')}${errors.length > 3 ? '……' : ''}`;
  return { message, fields, total: errors.length, listed };
}
