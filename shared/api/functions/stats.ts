import { LEADS } from '../../auth/roles';
import { action } from '../action';
import { pingInput, type PingOutput } from '../common';

/** Dashboard aggregations for heads and managers. The staff-workspace issue adds `overview`. */
export const stats = {
  ping: action<PingOutput>()({ summary: '连通性检查', input: pingInput, roles: LEADS, errors: [] }),
} as const;
