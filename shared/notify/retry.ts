/**
 * Retries (DESIGN.md principle 5): a failed attempt is tried again after an exponentially growing delay with a
 * cap, and after the last attempt the message is dead — kept, visible to admins, re-queued by hand
 * (`notify.retry`). Deterministic (no jitter): one drain sends a message at a time, so retries do not stampede,
 * and an operator can tell from the attempt count when the next try is.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; the message is dead when the last one fails. */
  maxAttempts: number;
  /** Delay after the first failure. */
  baseDelaySeconds: number;
  /** Each further failure multiplies the delay by this. */
  factor: number;
  /** The delay never grows beyond this. */
  maxDelaySeconds: number;
  /**
   * How long a drain's claim on a message lasts. Longer than the function's timeout (60 s), so a claim can only
   * run out when the drain that holds it is gone; the next drain then takes the message again.
   */
  leaseSeconds: number;
}

/** 1, 2, 4, 8, 16, 32, 60 minutes: eight attempts over about two hours, then dead. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelaySeconds: 60, factor: 2, maxDelaySeconds: 3600, leaseSeconds: 120 };

/** Seconds to wait after the `failures`-th failed attempt (1-based). */
export function backoffSeconds(failures: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const n = Math.max(1, Math.floor(failures));
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * policy.factor ** (n - 1));
}

export type AfterFailure = { dead: true } | { dead: false; nextAttemptAt: Date };

/** What happens to a message whose attempt number `attempts` (1-based, this one included) just failed. */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): AfterFailure {
  if (attempts >= policy.maxAttempts) return { dead: true };
  return { dead: false, nextAttemptAt: new Date(now.getTime() + backoffSeconds(attempts, policy) * 1000) };
}

/** The delays between attempts, in seconds: what an admin screen shows as the schedule. */
export function retrySchedule(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number[] {
  return Array.from({ length: Math.max(0, policy.maxAttempts - 1) }, (_v, i) => backoffSeconds(i + 1, policy));
}

export function leaseUntil(now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Date {
  return new Date(now.getTime() + policy.leaseSeconds * 1000);
}
