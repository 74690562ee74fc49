import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';

/** Dashboard aggregations; the staff-workspace issue adds `overview`. */
export const main = defineFunction('stats', {
  ping: pingHandler('stats'),
});
