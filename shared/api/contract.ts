import type { ActionDecl, InputOfDecl, OutputOfDecl, ParsedInputOfDecl } from './action';
import { admin } from './functions/admin';
import { complaint } from './functions/complaint';
import { notify } from './functions/notify';
import { sla } from './functions/sla';
import { stats } from './functions/stats';
import { ticket } from './functions/ticket';

/**
 * Every cloud function and its actions. The server's `defineFunction(name, handlers)` must implement
 * exactly these; the client's `call(name, action, input)` is typed from them.
 */
export const contract = { complaint, ticket, sla, notify, stats, admin } as const;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export const FUNCTION_NAMES = Object.keys(contract) as FunctionName[];
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type Decl<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends ActionDecl ? Contract[F][A] : never;

export type InputOf<F extends FunctionName, A extends ActionName<F>> = InputOfDecl<Decl<F, A>>;
export type ParsedInputOf<F extends FunctionName, A extends ActionName<F>> = ParsedInputOfDecl<Decl<F, A>>;
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = OutputOfDecl<Decl<F, A>>;

export function getAction(fn: FunctionName, name: string): ActionDecl | undefined {
  const actions = contract[fn] as Record<string, ActionDecl>;
  return Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
}
