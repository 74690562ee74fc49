import { STAFF } from '../../auth/roles';
import { action } from '../action';
import { pingInput, type PingOutput } from '../common';

/** Staff actions on tickets. The lifecycle issue adds inbox, get, claim, assign, transition, … */
export const ticket = {
  ping: action<PingOutput>()({ summary: '连通性检查（员工）', input: pingInput, roles: STAFF, errors: [] }),
} as const;
