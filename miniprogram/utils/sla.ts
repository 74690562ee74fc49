import type { SlaState } from '@shared/api/functions/ticket';
import { formatRemaining } from './time';

/**
 * A ticket's SLA in the words a row shows: `剩 3 小时 20 分`, `超时 2 小时`, `等顾客确认`, `已完成`, with the
 * state that picks its colour (ok green, warning amber, breached red, paused grey).
 */
export function slaWords(state: SlaState, remainingMinutes?: number, pausedFor?: 'customer' | 'sample'): string {
  if (state === 'done') return '已完成';
  if (state === 'paused') return pausedFor === 'sample' ? '样品寄送中' : '等顾客确认';
  if (remainingMinutes === undefined) return '无时限';
  const { span, overdue } = formatRemaining(remainingMinutes);
  return overdue ? `超时 ${span}` : `剩 ${span}`;
}

export const SLA_STATE_LABELS: Record<SlaState, string> = { ok: '正常', warning: '即将超时', breached: '已超时', paused: '暂停', done: '已完成' };
