/**
 * One administrative change (collection `audit`, append-only): who, when, what, before → after. Complaint
 * changes have their own log (`events`); this one covers staff, invitations, configuration and FAQ.
 */
export interface AuditDoc {
  _id: string;
  at: Date;
  actorOpenid: string;
  actorName?: string;
  /** `staff:<openid>`, `invitation:<id>`, `config:sla`, `faq:<id>`. */
  target: string;
  action: string;
  /** One line for people: `停用员工 张三`. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The entry's id is derived from what caused it (the target, the version it produced or the request id), so a
 * retried action writes it once.
 */
export function auditEntry(e: Omit<AuditDoc, '_id'>, key: string): AuditDoc {
  return { _id: `${e.target}:${key}`, ...e };
}
