import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';

/** Staff actions on tickets; the lifecycle issue adds the rest. */
export const main = defineFunction('ticket', {
  ping: pingHandler('ticket'),
});
