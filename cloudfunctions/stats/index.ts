import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { exportCsv } from './actions/export';
import { overview } from './actions/overview';

/** Dashboard aggregations and the CSV export for heads and managers. */
export const main = defineFunction('stats', {
  ping: pingHandler('stats'),
  overview,
  exportCsv,
});
