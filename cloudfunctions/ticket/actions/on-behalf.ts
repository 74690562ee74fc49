import type { SubmitOutput } from '@shared/api/functions/complaint';
import type { IntakeForm } from '@shared/complaint/intake';
import { pseudonym } from '../../_server/crypto';
import type { ActionContext } from '../../_server/define-function';
import { submitComplaint } from '../../_server/intake/submit';

/**
 * ticket.createOnBehalf: a 400-hotline complaint an agent types in (channel `phone`). The customer is the one the
 * agent names, else the order's owner, else a pseudonym of the phone number (so repeat calls are recognised).
 */
export function createOnBehalf(input: IntakeForm & { contactPhone: string; customerOpenid?: string }, ctx: ActionContext): Promise<SubmitOutput> {
  const { customerOpenid, ...form } = input;
  return submitComplaint({
    form: { ...form, channel: 'phone' },
    customerOpenid: customerOpenid ?? `phone-${pseudonym(input.contactPhone)}`,
    orderOwnerKnown: !!customerOpenid,
    requestId: ctx.requestId!,
    caller: ctx.caller,
    now: ctx.now(),
  });
}
