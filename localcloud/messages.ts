import type { Sqlite } from './sqlite';

/**
 * Everything the functions sent to people: subscribe messages (open API), SMS, WeCom webhooks.
 * Kept durably so tests and the development page can read what a customer or staff member would have received.
 */
export interface RecordedMessage {
  seq: number;
  /** ISO-8601, local-cloud time. */
  at: string;
  channel: 'subscribe' | 'sms' | 'wecom' | (string & {});
  /** openid, phone number or webhook/department. */
  to: string;
  template: string;
  data: unknown;
  /** Anything else the channel carried (page, miniprogram_state, lang, …). */
  extra?: Record<string, unknown>;
}

export class MessageLog {
  private readonly insert;
  private readonly all;

  constructor(db: Sqlite) {
    db.exec(`CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL, template TEXT NOT NULL, body TEXT NOT NULL)`);
    this.insert = db.prepare('INSERT INTO messages (at, channel, recipient, template, body) VALUES (?, ?, ?, ?, ?)');
    this.all = db.prepare<[], { seq: number; at: string; channel: string; recipient: string; template: string; body: string }>(
      'SELECT * FROM messages ORDER BY seq',
    );
  }

  record(message: Omit<RecordedMessage, 'seq'>): RecordedMessage {
    const body = JSON.stringify({ data: message.data, extra: message.extra });
    const info = this.insert.run(message.at, message.channel, message.to, message.template, body);
    return { ...message, seq: Number(info.lastInsertRowid) };
  }

  list(): RecordedMessage[] {
    return this.all.all().map((row) => {
      const body = JSON.parse(row.body) as { data: unknown; extra?: Record<string, unknown> };
      return { seq: row.seq, at: row.at, channel: row.channel, to: row.recipient, template: row.template, data: body.data, ...(body.extra ? { extra: body.extra } : {}) };
    });
  }
}
