import { ADMINS, LEADS } from '../../auth/roles';
import * as z from 'zod/mini';
import { action } from '../action';
import { pingInput, type PingOutput } from '../common';

export interface TimerStatus {
  name: string;
  lastRunAt?: string;
  runs: number;
}

/** The SLA timer (every minute). The SLA issue adds warnings, breaches and escalation. */
export const sla = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: LEADS, errors: [] }),
  status: action<TimerStatus>()({
    summary: '定时器最近一次运行的时间与累计次数',
    input: z.strictObject({}),
    roles: [...LEADS, ...ADMINS],
    errors: [],
  }),
} as const;
