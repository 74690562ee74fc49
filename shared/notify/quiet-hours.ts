import { chinaMidnight, chinaMinuteOfDay } from './china-time';
import type { OutboxAudience } from './outbox';

/**
 * Quiet hours for staff alerts: nothing but an L1 (food safety, a major incident) pings a phone at night. A
 * message that falls in them is deferred to their end, never dropped.
 */
export interface QuietHours {
  /** `HH:mm`, China time. A window that starts after it ends runs over midnight; equal times mean none. */
  start: string;
  end: string;
  /** Levels that ignore quiet hours. */
  exemptLevels: string[];
  /** Who quiet hours apply to (customers get their own messages when they happen: they just acted). */
  audiences: OutboxAudience[];
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '08:00', exemptLevels: ['L1'], audiences: ['staff', 'department'] };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhmm(text: string): boolean {
  return HHMM.test(text);
}

function minutes(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The end of the quiet window `now` is in, or undefined when it is in none. */
export function quietUntil(now: Date, quiet: Pick<QuietHours, 'start' | 'end'> = DEFAULT_QUIET_HOURS): Date | undefined {
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return undefined;
  const m = chinaMinuteOfDay(now);
  const midnight = chinaMidnight(now).getTime();
  const at = (dayOffset: number) => new Date(midnight + (dayOffset * 24 * 60 + end) * 60_000);
  if (start < end) return m >= start && m < end ? at(0) : undefined;
  if (m >= start) return at(1);
  return m < end ? at(0) : undefined;
}

/** When a message must wait for the end of quiet hours: undefined when it may go now. */
export function deferredUntil(message: { audience: OutboxAudience; level?: string }, now: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date | undefined {
  if (!quiet.audiences.includes(message.audience)) return undefined;
  if (message.level && quiet.exemptLevels.includes(message.level)) return undefined;
  return quietUntil(now, quiet);
}
