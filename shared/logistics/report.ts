/** What an import or a push did, counted. */
export interface ImportReport {
  orders: { created: number; updated: number; unchanged: number };
  shipments: { created: number; updated: number; unchanged: number };
  readings: { added: number; updated: number; unchanged: number };
  /** Open cold-chain complaints on these orders that got a timeline entry (their data requests closed). */
  complaintsNotified: number;
}

export interface ImportResult {
  /** Rows read (orders + shipments + readings, nested readings included). */
  rows: number;
  report: ImportReport;
  /** One line for people: `新增 120 条读数，3 条未变`. */
  summary: string;
}

export function importSummary(r: ImportReport): string {
  const parts: string[] = [];
  const add = (n: number, text: string) => n && parts.push(`${text} ${n}`);
  add(r.orders.created, '新订单');
  add(r.orders.updated, '更新订单');
  add(r.shipments.created, '新运单');
  add(r.shipments.updated, '更新运单');
  add(r.readings.added, '新读数');
  add(r.readings.updated, '更正读数');
  const unchanged = r.orders.unchanged + r.shipments.unchanged + r.readings.unchanged;
  if (unchanged) parts.push(`未变 ${unchanged}`);
  if (r.complaintsNotified) parts.push(`已通知 ${r.complaintsNotified} 张冷链工单`);
  return parts.length ? parts.join('，') : '没有变化';
}
