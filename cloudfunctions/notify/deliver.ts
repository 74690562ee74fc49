import type { ComplaintDoc } from '@shared/complaint/document';
import { chooseChannels, noChannelReason, type ChannelFacts } from '@shared/notify/channels';
import { customerSms, customerSubscribe, customerTemplate, staffSubscribe, staffWecom, type SubscribePayload } from '@shared/notify/compose';
import type { NotifyConfig } from '@shared/notify/config';
import type { DeliveryChannel, DeliveryRecord, OutboxDoc } from '@shared/notify/outbox';
import type { SubscribeTemplateKey } from '@shared/notify/templates';
import { refundConsent, spendConsent } from '../_server/channels/consents';
import { miniprogramState, smsConfig, subscribeTemplateIds, webhookUrl, type SmsConfig } from '../_server/channels/env';
import { failed, type SendResult } from '../_server/channels/result';
import { sendSms } from '../_server/channels/sms';
import { sendSubscribe } from '../_server/channels/subscribe';
import { postWecom } from '../_server/channels/wecom';
import { decryptField } from '../_server/crypto';
import { collection, getById, rows } from '../_server/db';
import { runSystemEffect } from './effects';

export type Outcome =
  | { ok: true; channel: DeliveryChannel; providerId?: string; records: DeliveryRecord[] }
  | { ok: false; error: string; permanent: boolean; records: DeliveryRecord[] };

interface StaffFacts {
  name: string;
  department?: string;
  /** The person's WeCom user id, when the staff record has one: `<@id>` makes WeCom notify them. */
  wecomUserId?: string;
}

/**
 * Lookups one drain repeats for many messages (staff, departments), kept for the drain's lifetime only, so an
 * edit by an admin is seen by the next run.
 */
export class DrainLookups {
  private readonly staff = new Map<string, Promise<StaffFacts | undefined>>();
  private readonly departments = new Map<string, Promise<string | undefined>>();

  staffMember(openid: string): Promise<StaffFacts | undefined> {
    let found = this.staff.get(openid);
    if (!found) {
      found = rows<StaffFacts & { openid: string }>(collection('staff').where({ openid }).field({ name: true, department: true, wecomUserId: true }).limit(1)).then((r) => r[0]);
      this.staff.set(openid, found);
    }
    return found;
  }

  /** The department's webhook URL (from the variable its document names). */
  webhook(department: string): Promise<string | undefined> {
    let found = this.departments.get(department);
    if (!found) {
      found = getById<{ wecomWebhookKey?: string }>('departments', department).then((d) => webhookUrl(department, d?.wecomWebhookKey));
      this.departments.set(department, found);
    }
    return found;
  }
}

type ComplaintContact = Pick<ComplaintDoc, 'contactPhoneEnc' | 'department'>;

async function complaintContact(complaintId: string | undefined): Promise<ComplaintContact | undefined> {
  if (!complaintId) return undefined;
  return (await rows<ComplaintContact>(collection('complaints').where({ _id: complaintId }).field({ contactPhoneEnc: true, department: true }).limit(1)))[0];
}

const record = (attempt: number, now: Date, channel: DeliveryChannel, result: SendResult, extra = false): DeliveryRecord => ({
  at: now,
  attempt,
  channel,
  ok: result.ok,
  ...(result.ok ? (result.providerId ? { providerId: result.providerId } : {}) : { error: result.error }),
  ...(extra ? { extra: true } : {}),
});

/**
 * Deliver one claimed message: find out what is possible (a consent to spend, SMS and a phone, the group's
 * webhook), let `chooseChannels` decide, and try the channels in order. A consent spent for a subscribe message
 * that WeChat refused for another reason than 43101 is given back.
 */
export async function deliver(doc: OutboxDoc, attempt: number, now: Date, config: NotifyConfig, lookups: DrainLookups): Promise<Outcome> {
  // A side effect queued like a message (audience `system`): done in the database, with the same retries.
  if (doc.audience === 'system') return runSystemEffect(doc, attempt, now);
  const { templates } = config;
  const ids = subscribeTemplateIds(templates);
  const records: DeliveryRecord[] = [];
  const sms = smsConfig(templates);

  let subscribeKey: SubscribeTemplateKey | undefined;
  let subscribePayload: SubscribePayload | undefined;
  let mention: string | undefined;
  let department: string | undefined;
  let complaint: Promise<ComplaintContact | undefined> | undefined;
  const contact = () => (complaint ??= complaintContact(doc.complaintId));

  if (doc.audience === 'customer') {
    subscribeKey = customerTemplate(doc.kind, templates).subscribe.template;
  } else if (doc.audience === 'staff') {
    subscribeKey = 'staff';
    const person = await lookups.staffMember(doc.to);
    mention = person ? (person.wecomUserId ? `<@${person.wecomUserId}>` : `@${person.name}`) : undefined;
    department = person?.department ?? (await contact())?.department;
  } else if (doc.audience === 'department') {
    department = doc.to;
  }

  const templateId = subscribeKey ? ids[subscribeKey] : undefined;
  const consent = !!(templateId && subscribeKey && (await spendConsent(doc.to, subscribeKey, now)));
  const smsTemplate = doc.audience === 'customer' ? customerTemplate(doc.kind, templates).sms.template : undefined;
  const facts: ChannelFacts = {
    audience: doc.audience,
    consent,
    sms: !!(sms && smsTemplate && sms.templateIds[smsTemplate] && doc.complaintId),
    webhook: !!(department && (await lookups.webhook(department))),
  };
  const plan = chooseChannels(facts);
  const usesSubscribe = plan.primary.includes('subscribe') || plan.extra.includes('subscribe');
  if (consent && !usesSubscribe) await refundConsent(doc.to, subscribeKey!);
  if (!plan.primary.length) return { ok: false, error: noChannelReason(facts), permanent: true, records };

  const send = async (channel: DeliveryChannel): Promise<SendResult> => {
    switch (channel) {
      case 'subscribe': {
        subscribePayload ??= doc.audience === 'customer' ? customerSubscribe(doc, now, templates) : staffSubscribe(doc, now, templates);
        const result = await sendSubscribe(doc.to, templateId!, subscribePayload, miniprogramState());
        // 43101: WeChat holds no consent, so ours was stale and stays spent; any other refusal gives it back.
        if (!result.ok && !result.notSubscribed) await refundConsent(doc.to, subscribeKey!);
        return result;
      }
      case 'sms':
        return sendCustomerSms(doc, now, config, sms!, contact);
      case 'wecom':
        return postWecom((await lookups.webhook(department!))!, staffWecom(doc, now, templates, mention));
      case 'task':
        return failed('任务不是发送渠道', { permanent: true });
    }
  };

  let delivered: { channel: DeliveryChannel; providerId?: string } | undefined;
  let lastError = '';
  let permanent = true;
  for (const channel of plan.primary) {
    const result = await send(channel);
    records.push(record(attempt, now, channel, result));
    if (result.ok) {
      delivered = { channel, providerId: result.providerId };
      break;
    }
    lastError = `${channel}: ${result.error}`;
    permanent &&= !!result.permanent;
  }
  if (!delivered) {
    // The staff member's own message was meant to ride along: unused, its consent goes back.
    if (plan.extra.includes('subscribe')) await refundConsent(doc.to, subscribeKey!);
    return { ok: false, error: lastError, permanent, records };
  }
  for (const channel of plan.extra) records.push(record(attempt, now, channel, await send(channel), true));
  return { ok: true, ...delivered, records };
}

async function sendCustomerSms(doc: OutboxDoc, now: Date, config: NotifyConfig, sms: SmsConfig, contact: () => Promise<ComplaintContact | undefined>): Promise<SendResult> {
  const complaint = await contact();
  if (!complaint?.contactPhoneEnc) return failed('工单没有联系电话', { permanent: true });
  let phone: string;
  try {
    phone = decryptField(complaint.contactPhoneEnc);
  } catch {
    return failed('联系电话无法解密（密钥不符）', { permanent: true });
  }
  return sendSms(sms, phone, customerSms(doc, now, config.templates), doc._id.slice(0, 100));
}
