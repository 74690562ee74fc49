import { REQUEST_ID_RE } from '@shared/api/common';
import { getAction, type ActionName, type FunctionName, type OutputOf, type ParsedInputOf } from '@shared/api/contract';
import { AppError, type Envelope } from '@shared/api/envelope';
import { validate } from '@shared/api/validate';
import type { Caller } from '@shared/auth/roles';
import { callerSource, provisionalCustomer, resolveCaller, type StaffDoc } from './caller';
import { cloud, db } from './cloud';
import { logCall, logFailure } from './log';

/** What a handler gets besides its validated input. */
export interface ActionContext {
  fn: FunctionName;
  action: string;
  caller: Caller;
  /** The client's idempotency key (validated), when it sent one. */
  requestId?: string;
  now(): Date;
  cloud: typeof cloud;
  db: typeof db;
  /**
   * Only for the actions FunctionOptions.checkCustomerInAction names: the caller is a customer until this sees the
   * caller's staff record, read by the action's first query (`STAFF_OF_CALLER`); it refuses staff with FORBIDDEN.
   * The action must call it before it writes anything.
   */
  confirmCustomer?: (staff: StaffDoc | undefined) => void;
}

export type Handler<F extends FunctionName, A extends ActionName<F>> = (input: ParsedInputOf<F, A>, ctx: ActionContext) => Promise<OutputOf<F, A>>;
export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> };

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message?: string;
}

export interface FunctionOptions {
  /** Runs when the function's timer trigger fires (WeChat cron in config.json). */
  timer?: (event: TimerEvent, ctx: { now(): Date }) => Promise<unknown>;
  /**
   * Customer-only actions that read the caller's staff record with their own first query and call
   * ctx.confirmCustomer, instead of a separate read before the action (intake: one round trip fewer).
   */
  checkCustomerInAction?: readonly string[];
}

/** WeChat's limit for callFunction data is about 100 KB; larger payloads must go through storage. */
const MAX_EVENT_BYTES = 100 * 1024;
/** Keys a client call may carry: ours, plus `userInfo` that WeChat adds to client calls. */
const EVENT_KEYS = new Set(['action', 'input', 'requestId', 'userInfo']);

const invalid = (fields: Record<string, string>, message?: string) => new AppError('INVALID_INPUT', message, fields);

function isTimerEvent(event: unknown): event is TimerEvent {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
}

function parseEvent(event: unknown): { action: string; input: unknown; requestId?: string } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw invalid({ action: '请求格式不正确' });
  if (JSON.stringify(event).length > MAX_EVENT_BYTES) throw invalid({ input: '提交的内容过大' }, '提交的内容过大，请精简后再试');
  const record = event as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((k) => !EVENT_KEYS.has(k));
  if (unknownKey) throw invalid({ [unknownKey]: '不支持的字段' });
  if (typeof record.action !== 'string' || !record.action) throw invalid({ action: '缺少操作名称' });
  const requestId = record.requestId;
  if (requestId !== undefined && (typeof requestId !== 'string' || !REQUEST_ID_RE.test(requestId))) {
    throw invalid({ requestId: '请求编号格式不正确' });
  }
  return { action: record.action, input: record.input ?? {}, requestId: requestId as string | undefined };
}

/**
 * A cloud function's entry point: `export const main = defineFunction('complaint', { submit, get, … })`.
 * Resolves the caller from getWXContext(), validates the action and input against the shared contract,
 * checks the caller's role, runs the handler, and answers the envelope — never an unhandled exception.
 */
export function defineFunction<F extends FunctionName>(fn: F, handlers: Handlers<F>, options: FunctionOptions = {}) {
  const table = handlers as unknown as Record<string, Handler<F, ActionName<F>>>;

  return async function main(event: unknown): Promise<Envelope<unknown> | unknown> {
    // Only the platform can say an invocation is a timer: a client could send a Timer-shaped body.
    if (isTimerEvent(event) && callerSource() === 'wx_trigger') {
      if (!options.timer) {
        logCall({ fn, action: `timer:${event.TriggerName}`, role: 'system', ms: 0, outcome: 'ok' });
        return { ok: true, data: null };
      }
      return runTimer(fn, event, options.timer);
    }

    const started = Date.now();
    let action = '(unknown)';
    let requestId: string | undefined;
    let role = 'anonymous';
    try {
      const parsed = parseEvent(event);
      action = parsed.action;
      requestId = parsed.requestId;
      const decl = getAction(fn, action);
      const handler = table[action];
      if (!decl || !handler) throw invalid({ action: '不支持的操作' }, '不支持的操作');

      const customerOnly = decl.roles.length === 1 && decl.roles[0] === 'customer';
      const provisional = customerOnly && options.checkCustomerInAction?.includes(action) ? provisionalCustomer() : null;
      const caller = provisional ? provisional.caller : await resolveCaller();
      if (!caller) throw new AppError('UNAUTHENTICATED');
      role = caller.kind;
      if (!decl.roles.includes(caller.kind)) throw new AppError('FORBIDDEN');
      if (decl.idempotent && !requestId) throw invalid({ requestId: '缺少请求编号，请刷新后重试' });

      const input = validate(decl.input, parsed.input);
      if (!input.ok) throw new AppError('INVALID_INPUT', input.error.message, input.error.fields);

      const ctx: ActionContext = { fn, action, caller, requestId, now: () => new Date(), cloud, db, ...(provisional ? { confirmCustomer: provisional.confirm } : {}) };
      const data = await handler(input.data as never, ctx);
      if (provisional && !provisional.confirmed()) throw new Error(`${fn}.${action} answered without checking that its caller is not staff`);
      logCall({ fn, action, role, ms: Date.now() - started, outcome: 'ok', requestId });
      return { ok: true, data };
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('INTERNAL');
      if (!(error instanceof AppError)) logFailure(fn, action, error);
      logCall({ fn, action, role, ms: Date.now() - started, outcome: appError.code, requestId });
      return { ok: false, error: appError.toBody() };
    }
  };
}

async function runTimer(fn: string, event: TimerEvent, timer: NonNullable<FunctionOptions['timer']>) {
  const started = Date.now();
  try {
    const data = await timer(event, { now: () => new Date() });
    logCall({ fn, action: `timer:${event.TriggerName}`, role: 'system', ms: Date.now() - started, outcome: 'ok' });
    return { ok: true, data: data ?? null };
  } catch (error) {
    logFailure(fn, `timer:${event.TriggerName}`, error);
    logCall({ fn, action: `timer:${event.TriggerName}`, role: 'system', ms: Date.now() - started, outcome: 'INTERNAL' });
    return { ok: false, error: new AppError('INTERNAL').toBody() };
  }
}
