import { ADMINS } from '../../auth/roles';
import * as z from 'zod/mini';
import { action } from '../action';
import { pingInput, type PingOutput } from '../common';
import type { TimerStatus } from './sla';

/** The notification outbox drainer (timer + on demand). The SLA/notification issue adds the channels. */
export const notify = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: ADMINS, errors: [] }),
  status: action<TimerStatus>()({ summary: '定时器最近一次运行', input: z.strictObject({}), roles: ADMINS, errors: [] }),
} as const;
