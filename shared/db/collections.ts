/**
 * Every collection the functions use and every index their queries need, declared once.
 * The local cloud creates and enforces these (unique indexes reject duplicates, other indexes speed lookups);
 * the deploy step creates the same collections and indexes in CloudBase.
 * A unique index treats a missing field as null, as CloudBase does.
 */
export type IndexDirection = 1 | -1;

export interface IndexDecl {
  name: string;
  keys: ReadonlyArray<readonly [field: string, direction: IndexDirection]>;
  unique?: boolean;
}

export interface CollectionDecl {
  /** Why the collection exists, for people reading the deploy plan. */
  purpose: string;
  indexes: readonly IndexDecl[];
}

const asc = (field: string) => [field, 1] as const;
const desc = (field: string) => [field, -1] as const;

export const COLLECTIONS = {
  complaints: {
    purpose: '投诉工单',
    indexes: [
      { name: 'ticketNo_unique', keys: [asc('ticketNo')], unique: true },
      { name: 'customer_request_unique', keys: [asc('customerOpenid'), asc('requestId')], unique: true },
      { name: 'customer_createdAt', keys: [asc('customerOpenid'), desc('createdAt')] },
      { name: 'department_status', keys: [asc('department'), asc('status'), asc('nextDueAt')] },
      { name: 'assignee_status', keys: [asc('assigneeOpenid'), asc('status')] },
      // The inbox: one sortable key (level, then the next promise) per scope, read as a range with a keyset cursor.
      { name: 'department_queue', keys: [asc('department'), asc('queueKey')] },
      { name: 'assignee_queue', keys: [asc('assigneeOpenid'), asc('queueKey')] },
      { name: 'status_queue', keys: [asc('status'), asc('queueKey')] },
      // Timers: the next SLA warning/breach and the next automatic move, so a sweep reads only what is due.
      { name: 'nextSlaEventAt', keys: [asc('nextSlaEventAt')] },
      { name: 'autoAt', keys: [asc('autoAt')] },
      { name: 'order_subcategory', keys: [asc('orderNo'), asc('subcategory')] },
      { name: 'batch_createdAt', keys: [asc('batchId'), desc('createdAt')] },
      { name: 'createdAt', keys: [desc('createdAt')] },
      // Similar past cases for the ticket screen: the same subcategory, newest first.
      { name: 'subcategory_createdAt', keys: [asc('subcategory'), desc('createdAt')] },
      // Batch surge: complaints that named a batch by its number on the form (intake's window count).
      { name: 'batchNo_createdAt', keys: [asc('batchNo'), desc('createdAt')] },
      // The stats rollup: complaints changed since its last run (and the overview's live overlay).
      { name: 'updatedAt', keys: [asc('updatedAt')] },
      // Account managers' list of VIP customers with open complaints.
      { name: 'tier_status', keys: [asc('customerTier'), asc('status')] },
      // Similar cases: tickets whose terms are still to be indexed; the backfill's cursor; the case archive.
      { name: 'caseIndexAt', keys: [asc('caseIndexAt')] },
      { name: 'resolvedAt', keys: [asc('resolvedAt')] },
      { name: 'archivedAt', keys: [desc('archivedAt')] },
    ],
  },
  events: {
    purpose: '追加式审计日志与时间线',
    indexes: [
      { name: 'complaint_at', keys: [asc('complaintId'), asc('at')] },
      { name: 'actor_at', keys: [asc('actorOpenid'), desc('at')] },
    ],
  },
  customers: { purpose: '顾客档案', indexes: [{ name: 'openid_unique', keys: [asc('openid')], unique: true }] },
  staff: {
    purpose: '员工与角色',
    indexes: [
      { name: 'openid_unique', keys: [asc('openid')], unique: true },
      { name: 'department_role', keys: [asc('department'), asc('role')] },
    ],
  },
  departments: { purpose: '部门', indexes: [] },
  outbox: {
    purpose: '待发送的通知与副作用（重试、去重）',
    indexes: [
      { name: 'dedupeKey_unique', keys: [asc('dedupeKey')], unique: true },
      { name: 'status_nextAttemptAt', keys: [asc('status'), asc('nextAttemptAt')] },
      // The admin's outbox screen (notify.list): newest first, overall or by status, kind or ticket.
      { name: 'createdAt', keys: [desc('createdAt')] },
      { name: 'status_createdAt', keys: [asc('status'), desc('createdAt')] },
      { name: 'kind_createdAt', keys: [asc('kind'), desc('createdAt')] },
      { name: 'complaint_createdAt', keys: [asc('complaintId'), desc('createdAt')] },
    ],
  },
  compensations: {
    purpose: '补偿记录',
    indexes: [
      { name: 'complaint', keys: [asc('complaintId')] },
      { name: 'order_subcategory', keys: [asc('orderNo'), asc('subcategory')] },
      { name: 'status_createdAt', keys: [asc('status'), desc('createdAt')] },
    ],
  },
  compensationClaims: {
    purpose: '「同一订单同一问题只补偿一次」的占位记录（_id = 订单号:细类），驳回或取消时删除',
    indexes: [],
  },
  tasks: {
    purpose: '待办任务：协助、流失预警、审批',
    indexes: [
      { name: 'assignee_status', keys: [asc('assigneeOpenid'), asc('status')] },
      { name: 'department_status', keys: [asc('department'), asc('status')] },
      { name: 'dedupeKey_unique', keys: [asc('dedupeKey')], unique: true },
      // Account managers' churn-risk list.
      { name: 'kind_status', keys: [asc('kind'), asc('status')] },
    ],
  },
  orders: {
    purpose: '订单',
    indexes: [
      { name: 'orderNo_unique', keys: [asc('orderNo')], unique: true },
      { name: 'customer_paidAt', keys: [asc('customerOpenid'), desc('paidAt')] },
    ],
  },
  shipments: { purpose: '物流与温度记录', indexes: [{ name: 'orderNo', keys: [asc('orderNo')] }] },
  products: { purpose: '商品', indexes: [] },
  batches: {
    purpose: '生产批次（包装二维码）',
    indexes: [
      { name: 'scene_unique', keys: [asc('scene')], unique: true },
      { name: 'product', keys: [asc('productId')] },
    ],
  },
  stores: { purpose: '门店（门店二维码）', indexes: [{ name: 'scene_unique', keys: [asc('scene')], unique: true }] },
  faqs: { purpose: '常见问题', indexes: [] },
  surveys: {
    purpose: '满意度评价',
    indexes: [
      { name: 'complaint_unique', keys: [asc('complaintId')], unique: true },
      { name: 'customer_at', keys: [asc('customerOpenid'), desc('at')] },
    ],
  },
  config: { purpose: '版本化配置文档', indexes: [] },
  counters: { purpose: '工单号计数器', indexes: [] },
  trackEvents: {
    purpose: '客户端行为计数（扫码、FAQ 阅读）',
    indexes: [
      { name: 'caller_request_unique', keys: [asc('openid'), asc('requestId')], unique: true },
      { name: 'event_at', keys: [asc('event'), desc('at')] },
    ],
  },
  jobs: { purpose: '定时任务的运行记录', indexes: [] },
  consents: {
    purpose: '订阅消息一次性授权（_id = openid:模板，count = 剩余可发条数）',
    indexes: [{ name: 'openid', keys: [asc('openid')] }],
  },
  invitations: {
    purpose: '员工邀请码（_id = 邀请码的密钥哈希；邀请码本身不存储）',
    indexes: [{ name: 'createdAt', keys: [desc('createdAt')] }],
  },
  audit: {
    purpose: '管理操作审计日志（员工、邀请码、配置、常见问题），只追加',
    indexes: [
      { name: 'at', keys: [desc('at')] },
      { name: 'target_at', keys: [asc('target'), desc('at')] },
    ],
  },
  incidents: {
    purpose: '批次异常等质检事件（openKey = 批次号，未关闭时唯一：一个批次同时只有一个未关闭事件）',
    indexes: [
      { name: 'openKey_unique', keys: [asc('openKey')], unique: true },
      { name: 'status_openedAt', keys: [asc('status'), desc('openedAt')] },
      { name: 'openedAt', keys: [desc('openedAt')] },
    ],
  },
  surgeBaselines: { purpose: '各商品的平时投诉率（_id = 商品，定时任务维护，批次异常检测用）', indexes: [] },
  statsDaily: {
    purpose: '看板按日汇总（_id = 日期，每张投诉一行紧凑记录；meta = 汇总进度），由 stats 定时任务维护',
    indexes: [],
  },
  caseTerms: {
    purpose: '相似案例倒排索引（_id = 细类:词，含有上限的案例列表）',
    indexes: [],
  },
  caseStats: {
    purpose: '相似案例索引的细类统计（案例数、总词数，用于 IDF）',
    indexes: [],
  },
} as const satisfies Record<string, CollectionDecl>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
