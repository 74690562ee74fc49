import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { overview } from './actions/overview';

/** Dashboard aggregations for heads and managers. */
export const main = defineFunction('stats', {
  ping: pingHandler('stats'),
  overview,
});
