import type { SubmitOutput } from '@shared/api/functions/complaint';
import type { submitInput } from '@shared/api/functions/complaint';
import type * as core from 'zod/v4/core';
import { submitComplaint } from '../../_server/intake/submit';
import type { ActionContext } from '../../_server/define-function';

/** complaint.submit: the customer's own complaint (the caller is the customer; idempotent per requestId). */
export function submit(input: core.output<typeof submitInput>, ctx: ActionContext): Promise<SubmitOutput> {
  return submitComplaint({
    form: input,
    customerOpenid: ctx.caller.openid!,
    orderOwnerKnown: true,
    requestId: ctx.requestId!,
    caller: ctx.caller,
    now: ctx.now(),
    // The caller's staff record rides along with the intake read (complaint/index.ts: checkCustomerInAction).
    confirmCustomer: ctx.confirmCustomer,
  });
}
