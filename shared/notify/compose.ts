import { cleanText, fitFields, fitSmsParam, truncate } from './fields';
import type { NotifyTemplates } from './config';
import type { OutboxDoc } from './outbox';
import { render, renderLine, type Vars } from './render';
import { FALLBACK_CUSTOMER_TEMPLATE, FALLBACK_STAFF_TITLE, LEVEL_LABELS, SMS_PARAM_MAX, type CustomerTemplate, type SmsTemplateKey, type SubscribeTemplateKey } from './templates';

/** What composing needs of an outbox message. */
export type ComposableMessage = Pick<OutboxDoc, 'kind' | 'audience' | 'data'> & Partial<Pick<OutboxDoc, 'ticketNo' | 'complaintId' | 'level'>>;

export interface SubscribePayload {
  template: SubscribeTemplateKey;
  page: string;
  data: Record<string, { value: string }>;
}

export interface SmsPayload {
  template: SmsTemplateKey;
  params: string[];
}

export interface WecomPayload {
  msgtype: 'markdown';
  markdown: { content: string };
}

/** WeCom's limit for a markdown message: 4096 bytes of UTF-8. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** One value in a WeCom line: long notes are cut so that every line still fits. */
const WECOM_VALUE_MAX = 300;

export function customerTemplate(kind: OutboxDoc['kind'], templates: NotifyTemplates): CustomerTemplate {
  return templates.customer[kind] ?? FALLBACK_CUSTOMER_TEMPLATE;
}

export function staffTitle(kind: OutboxDoc['kind'], templates: NotifyTemplates): string {
  return templates.staffTitles[kind] ?? FALLBACK_STAFF_TITLE;
}

/** The values a template can use: the message's data over the kind's defaults, and what every message knows. */
export function messageVars(message: ComposableMessage, now: Date, templates: NotifyTemplates, extra: Vars = {}): Vars {
  const defaults = message.audience === 'customer' ? customerTemplate(message.kind, templates).defaults : undefined;
  const level = message.level ?? message.data.level;
  return {
    ...defaults,
    ...Object.fromEntries(Object.entries(message.data).filter(([, v]) => typeof v === 'string' && v.trim() !== '')),
    ticketNo: message.ticketNo ?? message.data.ticketNo,
    complaintId: message.complaintId,
    level,
    levelLabel: (level && LEVEL_LABELS[level]) || '提醒',
    title: staffTitle(message.kind, templates),
    at: now.toISOString(),
    ...extra,
  };
}

/** The page with `{complaintId}` filled in; without one, the page alone (WeChat refuses an empty query value). */
export function subscribePage(page: string, complaintId: string | undefined): string {
  if (complaintId) return render(page, { complaintId: encodeURIComponent(complaintId) });
  return page.split('?')[0];
}

function subscribePayload(template: SubscribeTemplateKey, values: Record<string, string>, vars: Vars, now: Date, templates: NotifyTemplates): SubscribePayload {
  const rendered = Object.fromEntries(Object.entries(values).map(([key, text]) => [key, render(text, vars)]));
  return { template, page: subscribePage(templates.subscribe[template].page, vars.complaintId), data: fitFields(rendered, now) };
}

/** A customer's subscribe message: the kind's template, every value fitted to WeChat's limits. */
export function customerSubscribe(message: ComposableMessage, now: Date, templates: NotifyTemplates): SubscribePayload {
  const spec = customerTemplate(message.kind, templates).subscribe;
  return subscribePayload(spec.template, spec.values, messageVars(message, now, templates), now, templates);
}

/** A customer's SMS: the kind's template id key and its parameters, each cut to the variable limit. */
export function customerSms(message: ComposableMessage, now: Date, templates: NotifyTemplates): SmsPayload {
  const spec = customerTemplate(message.kind, templates).sms;
  const vars = messageVars(message, now, templates);
  return { template: spec.template, params: spec.params.map((p) => fitSmsParam(render(p, vars), SMS_PARAM_MAX)) };
}

/** The subscribe message a staff member gets beside the group post. */
export function staffSubscribe(message: ComposableMessage, now: Date, templates: NotifyTemplates): SubscribePayload {
  return subscribePayload('staff', templates.staffSubscribe, messageVars(message, now, templates), now, templates);
}

/** A UTF-8 byte budget for a string (WeCom counts bytes). */
function fitBytes(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (bytes + n > maxBytes - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}

/**
 * A staff alert for the WeCom group robot, as markdown: a heading with the level and ticket number, one line per
 * value the message has, and the person it is for (`mention`: `<@userid>` when their WeCom id is known, else
 * their name).
 */
export function staffWecom(message: ComposableMessage, now: Date, templates: NotifyTemplates, mention?: string): WecomPayload {
  const base = messageVars(message, now, templates);
  const safe: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(base)) safe[key] = value === undefined ? undefined : truncate(cleanText(value), WECOM_VALUE_MAX);
  const level = base.level;
  const levelTag = level ? (level === 'L1' ? `<font color="warning">【${level}】</font>` : `【${level}】`) : '';
  const heading = `${levelTag}${base.title}${base.ticketNo ? `：${base.ticketNo}` : ''}`;
  const vars: Vars = { ...safe, heading, mention };
  const lines = templates.wecomLines.map((line) => renderLine(line, vars)).filter((l): l is string => l !== undefined);
  return { msgtype: 'markdown', markdown: { content: fitBytes(lines.join('\n'), WECOM_MARKDOWN_MAX_BYTES) } };
}
