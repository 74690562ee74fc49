import type { DeliveryChannel, OutboxAudience } from './outbox';

/**
 * Which channels carry a message: a pure decision over what the drain found out.
 *
 * - A customer gets a subscribe message when they hold a one-time consent for its template (spent atomically
 *   before the decision, so `consent` means "one was spent for this message"); otherwise — or when WeChat
 *   refuses it — an SMS to the complaint's phone.
 * - A staff member's alert goes to their department's WeCom group, mentioning them by name, plus their own
 *   subscribe message when they consented (best effort: the group post is what counts).
 * - A department's alert goes to its WeCom group.
 */
export interface ChannelFacts {
  audience: OutboxAudience;
  /** A consent for the message's subscribe template was spent for it (the template id is configured). */
  consent: boolean;
  /** SMS is configured and the complaint has a phone number. */
  sms: boolean;
  /** The department's WeCom webhook is configured. */
  webhook: boolean;
}

export interface ChannelPlan {
  /** Tried in order until one delivers; the message is sent when one did. */
  primary: DeliveryChannel[];
  /** Also tried after a primary delivery; a failure here does not fail the message. */
  extra: DeliveryChannel[];
}

export function chooseChannels(facts: ChannelFacts): ChannelPlan {
  switch (facts.audience) {
    case 'customer': {
      const primary: DeliveryChannel[] = [];
      if (facts.consent) primary.push('subscribe');
      if (facts.sms) primary.push('sms');
      return { primary, extra: [] };
    }
    case 'staff':
      if (facts.webhook) return { primary: ['wecom'], extra: facts.consent ? ['subscribe'] : [] };
      return { primary: facts.consent ? ['subscribe'] : [], extra: [] };
    case 'department':
      return { primary: facts.webhook ? ['wecom'] : [], extra: [] };
    default:
      return { primary: [], extra: [] };
  }
}

/** Why a message has no channel at all: said to the admin who reads the dead letter. */
export function noChannelReason(facts: ChannelFacts): string {
  switch (facts.audience) {
    case 'customer':
      return '无可用渠道：顾客未订阅该消息，且短信未配置或没有手机号';
    case 'staff':
      return '无可用渠道：部门企业微信机器人未配置，员工也未订阅';
    case 'department':
      return '无可用渠道：部门企业微信机器人未配置';
    default:
      return `无可用渠道：不支持的接收方类型 ${facts.audience}`;
  }
}
