import type { Clock } from '../../clock';
import type { MessageLog } from '../../messages';
import { WX, wxError, wxOk, type WxJson } from './errors';
import { valueProblem } from './template-values';

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
/** Openids are 28 characters in WeChat; demo ones are readable (`demo-customer-1`). */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export interface SubscribeMessageDeps {
  messages: MessageLog;
  clock: Clock;
  /** Openids that have not accepted a one-time subscription (see `OpenApi.setUnsubscribed`). */
  isUnsubscribed(openid: string, templateId: string): boolean;
}

/** What WeChat checks before delivering; the first problem found, as WeChat reports one at a time. */
function requestProblem(req: Record<string, unknown>): WxJson | null {
  const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = req;
  if (typeof touser !== 'string' || !OPENID.test(touser)) return wxError(WX.INVALID_OPENID, 'invalid openid');
  if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return wxError(WX.INVALID_TEMPLATE_ID, 'invalid template_id');
  if (page !== undefined) {
    // A page of this mini-program: `pages/x/index` with an optional query, no leading slash, no scheme.
    if (typeof page !== 'string' || page.startsWith('/') || /^[a-z]+:/i.test(page) || !/^[\w./-]+(\?\S*)?$/.test(page) || page.length > 1024) {
      return wxError(WX.INVALID_PAGE, 'invalid page');
    }
  }
  if (state !== undefined && !MINIPROGRAM_STATES.includes(state as string)) {
    return wxError(WX.ARGUMENT_INVALID, `argument invalid! miniprogram_state must be one of ${MINIPROGRAM_STATES.join('|')}`);
  }
  if (lang !== undefined && !LANGS.includes(lang as string)) {
    return wxError(WX.ARGUMENT_INVALID, `argument invalid! lang must be one of ${LANGS.join('|')}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length === 0) {
    return wxError(WX.ARGUMENT_INVALID, 'argument invalid! data is empty');
  }
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    const problem = valueProblem(key, value);
    if (problem) return wxError(WX.ARGUMENT_INVALID, `argument invalid! data.${key}.value ${problem}`);
  }
  return null;
}

/**
 * `subscribeMessage.send`: validates like WeChat, then records the message in the durable message log
 * (`GET /__local/messages`) instead of delivering it. Nothing is recorded for a refused request.
 */
export function sendSubscribeMessage(req: Record<string, unknown>, deps: SubscribeMessageDeps): WxJson {
  const problem = requestProblem(req);
  if (problem) return problem;
  const touser = req.touser as string;
  const templateId = req.template_id as string;
  if (deps.isUnsubscribed(touser, templateId)) return wxError(WX.USER_NOT_SUBSCRIBED, 'user refuse to accept the msg');
  const recorded = deps.messages.record({
    at: deps.clock.now().toISOString(),
    channel: 'subscribe',
    to: touser,
    template: templateId,
    data: req.data,
    extra: {
      page: req.page,
      miniprogram_state: req.miniprogram_state ?? 'formal',
      lang: req.lang ?? 'zh_CN',
    },
  });
  // WeChat's msgid is a large integer; derived from the log's sequence so it is unique and below 2^53.
  return wxOk({ msgid: 2_000_000_000 + recorded.seq });
}
