import type * as core from 'zod/v4/core';
import type { CallerKind } from '../auth/roles';
import type { ErrorCode } from './envelope';

/**
 * One cloud-function action, declared once and used by both sides:
 * the client's `call()` takes its input type and returns its output type;
 * the server's `defineFunction()` validates input with `input` at run time and checks `roles`.
 */
export interface ActionDecl<I extends core.$ZodType = core.$ZodType, O = unknown> {
  /** Runtime schema of `input`; unknown keys are rejected. */
  readonly input: I;
  /** Caller kinds allowed to call it; everyone else gets FORBIDDEN (or UNAUTHENTICATED without an OPENID). */
  readonly roles: readonly CallerKind[];
  /** Codes this action answers with beyond INVALID_INPUT / UNAUTHENTICATED / FORBIDDEN / INTERNAL, which any action may. */
  readonly errors: readonly ErrorCode[];
  /** A top-level `requestId` is required, and a retry with the same one returns the first result. */
  readonly idempotent?: boolean;
  readonly summary: string;
  /** Phantom: the output type. Never set at run time. */
  readonly __output?: O;
}

/** `action<Output>()({ input, roles, errors, summary })` — the output type is given, the input type is inferred. */
export function action<O>() {
  return <I extends core.$ZodType>(decl: Omit<ActionDecl<I, O>, '__output'>): ActionDecl<I, O> => decl;
}

export type AnyActions = Record<string, ActionDecl>;
export type InputOfDecl<D> = D extends ActionDecl<infer I, unknown> ? core.input<I> : never;
export type ParsedInputOfDecl<D> = D extends ActionDecl<infer I, unknown> ? core.output<I> : never;
export type OutputOfDecl<D> = D extends ActionDecl<core.$ZodType, infer O> ? O : never;
